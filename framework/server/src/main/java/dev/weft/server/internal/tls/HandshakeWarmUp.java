package dev.weft.server.internal.tls;

import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One handshake in memory, between a server engine and a client engine that trusts the server's
 * own certificate, run when the server starts. The JDK loads and initialises some hundreds of
 * classes for its first handshake (a few hundred milliseconds): done here, on the thread that
 * starts the server, rather than inside the first client's handshake on a worker, where it would
 * hold up every connection of that worker and set off the slow-poll detector. A failure only
 * means less was warmed: it is logged at DEBUG and the server starts anyway.
 */
final class HandshakeWarmUp {
    private static final Logger log = LoggerFactory.getLogger(HandshakeWarmUp.class);
    /** Far more steps than a TLS 1.3 or 1.2 handshake takes: a guard, not a tuning. */
    private static final int MAX_STEPS = 200;

    private HandshakeWarmUp() {
    }

    static void run(SSLEngine server, X509Certificate certificate) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext clientContext = SSLContext.getInstance("TLS");
            clientContext.init(null, tmf.getTrustManagers(), null);
            SSLEngine client = clientContext.createSSLEngine("weft.warm-up", 443);
            client.setUseClientMode(true);
            int size = server.getSession().getPacketBufferSize() * 4;
            ByteBuffer toServer = ByteBuffer.allocate(size);
            ByteBuffer toClient = ByteBuffer.allocate(size);
            ByteBuffer plain = ByteBuffer.allocate(size);
            client.beginHandshake();
            server.beginHandshake();
            for (int i = 0; i < MAX_STEPS && !(done(client) && done(server)); i++) {
                step(client, toServer, toClient, plain);
                step(server, toClient, toServer, plain);
            }
        } catch (Exception | LinkageError e) {
            log.debug("TLS warm-up handshake did not complete: {}", e.toString());
        }
    }

    private static boolean done(SSLEngine e) {
        return e.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    /** Lets {@code e} do what it asks once: write into {@code out}, read from {@code in}, or run its tasks. */
    private static void step(SSLEngine e, ByteBuffer out, ByteBuffer in, ByteBuffer plain) throws SSLException {
        switch (e.getHandshakeStatus()) {
            case NEED_WRAP -> e.wrap(ByteBuffer.allocate(0), out);
            case NEED_TASK -> {
                Runnable task;
                while ((task = e.getDelegatedTask()) != null) {
                    task.run();
                }
            }
            case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                in.flip();
                e.unwrap(in, plain);
                in.compact();
                plain.clear();
            }
            default -> {
            }
        }
    }
}
