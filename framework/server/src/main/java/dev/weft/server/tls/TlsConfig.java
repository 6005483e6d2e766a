package dev.weft.server.tls;

import dev.weft.server.internal.tls.KeyMaterial;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * HTTPS for a {@link dev.weft.server.Server}: a second listener on {@link #port()} whose
 * connections speak TLS through the JDK's {@code SSLEngine}, beside the plain port and served by
 * the same service. Give it a PEM certificate chain and private key, or a PKCS#12 (or JKS) key
 * store, and hand it to {@link dev.weft.server.ServerConfig.Builder#tls}.
 *
 * <table>
 *   <caption>Settings and their defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>what it is</th></tr>
 *   <tr><td>{@code port}</td><td>8443</td><td>the TLS listener's port; 0 picks a free one</td></tr>
 *   <tr><td>{@code certificateChain}, {@code privateKey}</td><td>none</td><td>PEM files: the
 *       server's certificate first, then its intermediates; a PKCS#8, PKCS#1 (RSA) or SEC 1 (EC)
 *       private key, unencrypted</td></tr>
 *   <tr><td>{@code keyStore}, {@code keyStorePassword}</td><td>none</td><td>a PKCS#12 or JKS file
 *       holding one private key entry with its chain (the key's password is the store's)</td></tr>
 *   <tr><td>{@code protocols}</td><td>TLSv1.3, TLSv1.2</td><td>the versions offered; nothing
 *       older is allowed</td></tr>
 *   <tr><td>{@code handshakeTimeout}</td><td>10 s</td><td>from accept to the end of the handshake;
 *       a client slower than this is disconnected</td></tr>
 * </table>
 * ALPN always announces {@code http/1.1}, the only protocol the server speaks.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.builder()
 *         .port(8080)
 *         .tls(TlsConfig.builder()
 *                 .port(8443)
 *                 .pem(Path.of("/etc/weft/cert.pem"), Path.of("/etc/weft/key.pem"))
 *                 .build())
 *         .build();
 * }</pre>
 * {@link #builder()}'s {@code build()} reads the files once to check them, so a wrong path, a file
 * that is not what it should be, or a key that does not belong to the certificate is refused
 * before the server starts, with a message that names the file. The server reads them again when
 * it starts and on {@link dev.weft.server.Server#reloadTls()}.
 *
 * @param port             the TLS listener's port, 0 for any free one
 * @param certificateChain PEM certificate chain, or null when a key store is used
 * @param privateKey       PEM private key, or null when a key store is used
 * @param keyStore         PKCS#12 or JKS key store, or null when PEM files are used
 * @param keyStorePassword the key store's password (also the key's), or null with PEM files
 * @param protocols        the TLS versions offered, a non-empty subset of TLSv1.3 and TLSv1.2
 * @param handshakeTimeout bound on the handshake
 */
public record TlsConfig(int port, Path certificateChain, Path privateKey, Path keyStore, String keyStorePassword,
                        List<String> protocols, Duration handshakeTimeout) {

    /** The versions that may be offered. */
    public static final List<String> SUPPORTED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Checks the settings (not the files; see {@link Builder#build()}). */
    public TlsConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("TLS port must be between 0 and 65535, was " + port);
        }
        boolean pem = certificateChain != null || privateKey != null;
        if (pem && keyStore != null) {
            throw new IllegalArgumentException("give either PEM files or a key store, not both");
        }
        if (pem && (certificateChain == null || privateKey == null)) {
            throw new IllegalArgumentException(certificateChain == null
                    ? "a private key needs its certificate chain" : "a certificate chain needs its private key");
        }
        if (!pem && keyStore == null) {
            throw new IllegalArgumentException("TLS needs a certificate: PEM files or a key store");
        }
        if (keyStore != null && keyStorePassword == null) {
            throw new IllegalArgumentException("a key store needs its password");
        }
        protocols = List.copyOf(Objects.requireNonNull(protocols, "protocols"));
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("protocols must not be empty");
        }
        for (String p : protocols) {
            if (!SUPPORTED_PROTOCOLS.contains(p)) {
                throw new IllegalArgumentException("protocol " + p + " is not allowed; use TLSv1.3 and/or TLSv1.2");
            }
        }
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive, was " + handshakeTimeout);
        }
    }

    /** A builder with the defaults; a certificate must be given. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String toString() {
        // The password stays out of logs.
        return "TlsConfig[port=" + port + ", " + (keyStore != null ? "keyStore=" + keyStore
                : "certificateChain=" + certificateChain + ", privateKey=" + privateKey)
                + ", protocols=" + protocols + ", handshakeTimeout=" + handshakeTimeout + "]";
    }

    /** Builds a {@link TlsConfig}; unset values keep their defaults. */
    public static final class Builder {
        private int port = 8443;
        private Path certificateChain;
        private Path privateKey;
        private Path keyStore;
        private String keyStorePassword;
        private List<String> protocols = SUPPORTED_PROTOCOLS;
        private Duration handshakeTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        private Builder(TlsConfig c) {
            port = c.port;
            certificateChain = c.certificateChain;
            privateKey = c.privateKey;
            keyStore = c.keyStore;
            keyStorePassword = c.keyStorePassword;
            protocols = c.protocols;
            handshakeTimeout = c.handshakeTimeout;
        }

        /** The TLS listener's port (default 8443; 0 picks a free port). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * PEM files: the certificate chain (the server's certificate first) and its private key
         * (PKCS#8 {@code PRIVATE KEY}, {@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY}, not
         * encrypted). Replaces a key store given before.
         */
        public Builder pem(Path certificateChain, Path privateKey) {
            this.certificateChain = Objects.requireNonNull(certificateChain, "certificateChain");
            this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
            this.keyStore = null;
            this.keyStorePassword = null;
            return this;
        }

        /** A PKCS#12 or JKS key store with one private key entry. Replaces PEM files given before. */
        public Builder keyStore(Path keyStore, String password) {
            this.keyStore = Objects.requireNonNull(keyStore, "keyStore");
            this.keyStorePassword = Objects.requireNonNull(password, "password");
            this.certificateChain = null;
            this.privateKey = null;
            return this;
        }

        /** The TLS versions offered (default TLSv1.3 and TLSv1.2). */
        public Builder protocols(String... protocols) {
            this.protocols = List.of(protocols);
            return this;
        }

        /** Bound on a handshake (default 10 s). */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = timeout;
            return this;
        }

        /**
         * The configuration, after reading its files once to check them.
         *
         * @throws IllegalArgumentException naming the setting or the file that is wrong: a missing
         *     file, no certificate or no key in it, an encrypted or unknown key, a key that does
         *     not belong to the certificate, a wrong key store password
         */
        public TlsConfig build() {
            TlsConfig config = new TlsConfig(port, certificateChain, privateKey, keyStore, keyStorePassword, protocols,
                    handshakeTimeout);
            KeyMaterial.load(config);
            return config;
        }
    }
}
