package dev.weft.server.internal.tls;

import dev.weft.server.tls.TlsConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * A server's certificate chain and private key, read from the files a {@link TlsConfig} names and
 * ready for an {@code SSLContext}: the key managers, and the certificate they present (for logs).
 *
 * @param keyManagers what the SSLContext is initialised with
 * @param certificate the server's own certificate (the first of its chain)
 */
public record KeyMaterial(KeyManager[] keyManagers, X509Certificate certificate) {
    /** The in-memory key store's password for PEM material: it never leaves this process. */
    private static final char[] PEM_STORE_PASSWORD = "weft".toCharArray();

    /**
     * Reads the files of {@code config}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static KeyMaterial load(TlsConfig config) {
        return config.keyStore() != null
                ? fromKeyStore(config.keyStore(), config.keyStorePassword().toCharArray())
                : fromPem(config.certificateChain(), config.privateKey());
    }

    private static KeyMaterial fromPem(Path chainFile, Path keyFile) {
        List<X509Certificate> chain = PemFiles.certificates(chainFile);
        PrivateKey key = PemFiles.privateKey(keyFile);
        checkPair(key, chain.get(0).getPublicKey(), chainFile, keyFile);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, PEM_STORE_PASSWORD, chain.toArray(new Certificate[0]));
            return new KeyMaterial(managers(store, PEM_STORE_PASSWORD), chain.get(0));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(keyFile + ": the key cannot be used with " + chainFile + ": " + e.getMessage(), e);
        }
    }

    private static KeyMaterial fromKeyStore(Path file, char[] password) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance(file.toFile(), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException(file + ": wrong key store password", e);
            }
            throw new IllegalArgumentException(file + ": not a readable PKCS#12 or JKS key store: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": not a PKCS#12 or JKS key store: " + e.getMessage(), e);
        }
        try {
            X509Certificate certificate = null;
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    if (certificate != null) {
                        throw new IllegalArgumentException(file + ": holds more than one private key; keep only the server's");
                    }
                    Certificate[] chain = store.getCertificateChain(alias);
                    if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate x509)) {
                        throw new IllegalArgumentException(file + ": the key '" + alias + "' has no X.509 certificate chain");
                    }
                    certificate = x509;
                }
            }
            if (certificate == null) {
                throw new IllegalArgumentException(file + ": holds no private key entry");
            }
            return new KeyMaterial(managers(store, password), certificate);
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException(file + ": the private key's password is not the key store's", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static KeyManager[] managers(KeyStore store, char[] password) throws GeneralSecurityException {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    /**
     * Signs a few random bytes with the key and verifies them with the certificate's public key,
     * so that a key and a certificate that do not belong together are refused at startup rather
     * than failing every handshake.
     */
    private static void checkPair(PrivateKey key, PublicKey certificateKey, Path chainFile, Path keyFile) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null; // RSASSA-PSS needs parameters; the handshake will tell
        };
        if (algorithm == null) {
            return;
        }
        boolean matches;
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificateKey);
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new IllegalArgumentException(keyFile + ": this private key does not belong to the first certificate of "
                    + chainFile);
        }
    }
}
