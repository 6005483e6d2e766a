package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.it.support.Wire;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The request body's demand drives socket reads: a consumer that stops asking stops the server
 * reading, the kernel buffers fill, and the client's TCP window closes.
 */
@Timeout(60)
class BackpressureTest {
    private static final TestService SERVICE = new TestService();
    private static Server server;

    @BeforeAll
    static void start() {
        // A long request timeout: the stalled handler must not be answered during the test.
        server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2)
                .requestTimeout(Duration.ofSeconds(60)).build(), SERVICE);
    }

    @AfterAll
    static void stop() {
        server.shutdown(Duration.ofSeconds(5));
    }

    private static Socket connect() throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(10_000);
        return s;
    }

    @Test
    void aStalledBodyConsumerStopsTheClientFromSending() throws Exception {
        long before = SERVICE.stalledReaderBytes.get();
        AtomicLong written = new AtomicLong();
        Socket s = connect();
        try {
            long length = 1L << 30;
            Wire.send(s, "POST /stalled-reader HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n");
            Thread writer = Thread.ofVirtual().start(() -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                    OutputStream out = s.getOutputStream();
                    for (long sent = 0; sent < length; sent += chunk.length) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (java.io.IOException expected) {
                    // the socket is reset at the end of the test
                }
            });
            // Wait until nothing moves for a second: neither what the client has sent nor what the
            // consumer has received. That both stop is the claim under test, and only a quiet
            // spell can show it (no event says "the server will read no more"), so the counts
            // are sampled rather than awaited.
            long last = -1;
            int still = 0;
            for (int i = 0; i < 100 && still < 4; i++) {
                Thread.sleep(250); // the sampling period of the quiet spell
                long now = written.get() + SERVICE.stalledReaderBytes.get();
                still = now == last ? still + 1 : 0;
                last = now;
            }
            assertTrue(still >= 4, "the client never stopped sending: " + written.get() + " bytes sent, "
                    + (SERVICE.stalledReaderBytes.get() - before) + " received by the consumer");
            // What the client could send is what fits in the two kernels' socket buffers plus the
            // server's one read buffer: far below the gigabyte it tried to send.
            assertTrue(written.get() < 64L * 1024 * 1024, "the client sent " + written.get() + " bytes");
            // One buffer is at most one read buffer: 128 KiB, the size the server reads large bodies in.
            assertTrue(SERVICE.stalledReaderBytes.get() - before <= 128 * 1024,
                    "the consumer received " + (SERVICE.stalledReaderBytes.get() - before) + " bytes after asking for one buffer");
            s.setSoLinger(true, 0);
            s.close();
            writer.join(5000);
        } finally {
            s.close();
        }
    }

}
