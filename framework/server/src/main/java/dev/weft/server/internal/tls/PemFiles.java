package dev.weft.server.internal.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads PEM files (RFC 7468) with the JDK alone: certificate chains, and private keys in the three
 * forms tools write — PKCS#8 ({@code PRIVATE KEY}: RSA, EC, Ed25519, Ed448, RSASSA-PSS), PKCS#1
 * ({@code RSA PRIVATE KEY}, older OpenSSL) and SEC 1 ({@code EC PRIVATE KEY}, {@code openssl
 * ecparam -genkey}). Text around the blocks is ignored, as OpenSSL does. Every refusal is an
 * {@link IllegalArgumentException} that names the file and says what is wrong with it.
 */
public final class PemFiles {
    private static final String RSA_OID = "1.2.840.113549.1.1.1";
    private static final String RSA_PSS_OID = "1.2.840.113549.1.1.10";
    private static final String EC_OID = "1.2.840.10045.2.1";
    private static final String ED25519_OID = "1.3.101.112";
    private static final String ED448_OID = "1.3.101.113";

    /** One {@code -----BEGIN label-----} ... {@code -----END label-----} block, decoded. */
    record Block(String label, byte[] der) {
    }

    private PemFiles() {
    }

    /**
     * The certificates of {@code file}, in file order (the server's own first).
     *
     * @throws IllegalArgumentException when the file cannot be read or holds no valid certificate
     */
    public static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("this JDK has no X.509 certificate factory", e);
        }
        for (Block b : blocks(file)) {
            if (!b.label.equals("CERTIFICATE")) {
                continue;
            }
            try {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der)));
            } catch (CertificateException e) {
                throw new IllegalArgumentException(file + ": certificate " + (chain.size() + 1) + " is damaged: "
                        + e.getMessage(), e);
            }
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(file + ": no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
        }
        return chain;
    }

    /**
     * The private key of {@code file}: its first {@code PRIVATE KEY}, {@code RSA PRIVATE KEY} or
     * {@code EC PRIVATE KEY} block.
     *
     * @throws IllegalArgumentException when the file cannot be read, holds no key, an encrypted
     *     one, or one of an unknown kind
     */
    public static PrivateKey privateKey(Path file) {
        for (Block b : blocks(file)) {
            try {
                switch (b.label) {
                    case "PRIVATE KEY":
                        return pkcs8(b.der);
                    case "RSA PRIVATE KEY":
                        return pkcs1(b.der);
                    case "EC PRIVATE KEY":
                        return sec1(b.der);
                    case "ENCRYPTED PRIVATE KEY":
                        throw new IllegalArgumentException("the private key is encrypted; give an unencrypted one"
                                + " (openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pem) and protect the file instead");
                    default:
                        break;
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(file + ": the " + b.label + " is not a valid key: " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException(file + ": no PEM private key (-----BEGIN PRIVATE KEY-----, "
                + "RSA PRIVATE KEY or EC PRIVATE KEY) in it");
    }

    /** Every block of {@code file}, decoded. */
    static List<Block> blocks(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
        }
        return blocks(file.toString(), text);
    }

    static List<Block> blocks(String name, String text) {
        List<Block> blocks = new ArrayList<>();
        String label = null;
        StringBuilder base64 = new StringBuilder();
        int lineNumber = 0;
        for (String raw : text.split("\r?\n|\r")) {
            lineNumber++;
            String line = raw.strip();
            if (label == null) {
                if (line.startsWith("-----BEGIN ") && line.endsWith("-----")) {
                    label = line.substring(11, line.length() - 5);
                    base64.setLength(0);
                }
                continue;
            }
            if (line.equals("-----END " + label + "-----")) {
                try {
                    blocks.add(new Block(label, Base64.getDecoder().decode(base64.toString())));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + ": the " + label + " block ending on line " + lineNumber
                            + " is not valid base64");
                }
                label = null;
            } else if (line.contains(":")) {
                // RFC 1421 headers (Proc-Type: 4,ENCRYPTED): OpenSSL's legacy key encryption.
                throw new IllegalArgumentException(name + ": the " + label + " block is encrypted (" + line
                        + "); give an unencrypted key (openssl pkcs8 -topk8 -nocrypt)");
            } else if (line.startsWith("-----")) {
                throw new IllegalArgumentException(name + ": the " + label + " block is not closed before line " + lineNumber);
            } else {
                base64.append(line);
            }
        }
        if (label != null) {
            throw new IllegalArgumentException(name + ": the " + label + " block has no -----END " + label + "-----");
        }
        return blocks;
    }

    /** PKCS#8 PrivateKeyInfo: the algorithm is the OID in its AlgorithmIdentifier (RFC 5208 §5). */
    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        Der info = new Der(der).read(Der.SEQUENCE);
        info.integer();
        String oid = info.read(Der.SEQUENCE).oid();
        String algorithm = switch (oid) {
            case RSA_OID -> "RSA";
            case RSA_PSS_OID -> "RSASSA-PSS";
            case EC_OID -> "EC";
            case ED25519_OID -> "Ed25519";
            case ED448_OID -> "Ed448";
            default -> throw new IllegalArgumentException("a private key of an unsupported algorithm (OID " + oid
                    + "); use RSA, EC or EdDSA");
        };
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** PKCS#1 RSAPrivateKey (RFC 8017 appendix A.1.2): version, n, e, d, p, q, dp, dq, qinv. */
    private static PrivateKey pkcs1(byte[] der) throws GeneralSecurityException {
        Der key = new Der(der).read(Der.SEQUENCE);
        BigInteger version = key.integer();
        if (version.signum() != 0) {
            throw new IllegalArgumentException("an RSA PRIVATE KEY of version " + version + " (multi-prime) is not supported");
        }
        KeySpec spec = new RSAPrivateCrtKeySpec(key.integer(), key.integer(), key.integer(), key.integer(),
                key.integer(), key.integer(), key.integer(), key.integer());
        return KeyFactory.getInstance("RSA").generatePrivate(spec);
    }

    /** SEC 1 ECPrivateKey (RFC 5915 §3): version 1, the secret, and the curve's OID in [0]. */
    private static PrivateKey sec1(byte[] der) throws GeneralSecurityException {
        Der key = new Der(der).read(Der.SEQUENCE);
        BigInteger version = key.integer();
        if (!version.equals(BigInteger.ONE)) {
            throw new IllegalArgumentException("an EC PRIVATE KEY of version " + version);
        }
        BigInteger secret = new BigInteger(1, key.octets());
        if (key.peekTag() != Der.CONTEXT_0) {
            throw new IllegalArgumentException("the EC PRIVATE KEY does not name its curve");
        }
        String curve = key.read(Der.CONTEXT_0).oid();
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        try {
            parameters.init(new ECGenParameterSpec(curve));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the EC PRIVATE KEY is on a curve this JDK does not know (OID " + curve + ")");
        }
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(secret, spec));
    }
}
