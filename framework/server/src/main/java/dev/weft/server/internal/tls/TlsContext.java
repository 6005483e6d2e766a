package dev.weft.server.internal.tls;

import dev.weft.server.tls.TlsConfig;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a server's TLS connections get their {@code SSLEngine}: an {@code SSLContext} built from
 * the configured key material, and the parameters every engine gets (TLS 1.3 and 1.2 only, ALPN
 * announcing {@code http/1.1}, the server's cipher suite order). {@link #reload()} reads the files
 * again and swaps in a new context; handshakes that start afterwards present the new certificate,
 * connections already open keep theirs.
 *
 * <p>Thread-safety: the current context is one volatile reference to an immutable pair; any
 * thread may take an engine while another reloads (reloads are serialised by a lock of their
 * own).
 */
public final class TlsContext {
    private static final Logger log = LoggerFactory.getLogger(TlsContext.class);
    /** What ALPN announces (RFC 7301): the one protocol this server speaks. */
    private static final String[] APPLICATION_PROTOCOLS = {"http/1.1"};

    private final TlsConfig config;
    private final long handshakeTimeoutNanos;
    private final Object reloadLock = new Object();
    private volatile Loaded current;

    private record Loaded(SSLContext context, String[] protocols, String[] cipherSuites, X509Certificate certificate) {
    }

    private TlsContext(TlsConfig config) {
        this.config = config;
        this.handshakeTimeoutNanos = config.handshakeTimeout().toNanos();
        this.current = load(config);
        SSLEngine engine = current.context.createSSLEngine();
        engine.setUseClientMode(false);
        HandshakeWarmUp.run(engine, current.certificate);
    }

    /**
     * Reads the key material of {@code config} and builds the context.
     *
     * @throws IllegalArgumentException naming the file that is wrong
     */
    public static TlsContext create(TlsConfig config) {
        return new TlsContext(config);
    }

    /** The configuration this context was built from. */
    public TlsConfig config() {
        return config;
    }

    /** Bound on one handshake, in nanoseconds. */
    public long handshakeTimeoutNanos() {
        return handshakeTimeoutNanos;
    }

    /** The certificate new handshakes present. */
    public X509Certificate certificate() {
        return current.certificate;
    }

    /**
     * A server-side engine for one new connection.
     *
     * @param serverName sees the host name the client asks for (SNI) and must accept it: the
     *                   name of this handshake, where the session's own record of it would still
     *                   name the first handshake of a resumed session
     */
    public SSLEngine newEngine(SNIMatcher serverName) {
        Loaded l = current;
        SSLEngine engine = l.context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = new SSLParameters(l.cipherSuites, l.protocols);
        parameters.setApplicationProtocols(APPLICATION_PROTOCOLS);
        parameters.setUseCipherSuitesOrder(true);
        parameters.setSNIMatchers(List.of(serverName));
        engine.setSSLParameters(parameters);
        return engine;
    }

    /**
     * Reads the configured files again and uses them for every handshake from now on.
     *
     * @return the certificate now presented
     * @throws IllegalArgumentException naming the file that is wrong; the old material stays in use
     */
    public X509Certificate reload() {
        synchronized (reloadLock) {
            Loaded fresh = load(config);
            current = fresh;
            log.info("TLS certificate reloaded: {} (serial {}, valid until {})",
                    fresh.certificate.getSubjectX500Principal().getName(),
                    fresh.certificate.getSerialNumber().toString(16), fresh.certificate.getNotAfter().toInstant());
            return fresh.certificate;
        }
    }

    private static Loaded load(TlsConfig config) {
        KeyMaterial material = KeyMaterial.load(config);
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(material.keyManagers(), null, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a TLS context: " + e.getMessage(), e);
        }
        return new Loaded(context, config.protocols().toArray(new String[0]),
                context.getDefaultSSLParameters().getCipherSuites(), material.certificate());
    }
}
