package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpStatus;
import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The connection hand-off after a 101, with a protocol of the test's own (bytes echoed until the
 * client's FIN): the bytes sent with the request head are the new protocol's, the connection is
 * freed when the protocol ends or the client resets, and an upgrade that answers a request that
 * did not ask for one is refused with a 500 while the connection goes on speaking HTTP.
 */
@Timeout(60)
class UpgradeTest {
    private static Server server;
    private static volatile CountDownLatch cancelled = new CountDownLatch(1);

    /** Echoes bytes until end of stream; records being cancelled. */
    static final class RawEcho implements Async<Void> {
        private final UpgradedConnection io;
        private final ByteBuffer buf = ByteBuffer.allocate(1024);

        RawEcho(UpgradedConnection io) {
            this.io = io;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            for (;;) {
                if (buf.position() > 0) {
                    buf.flip();
                    long n = io.pollWrite(cx, new ByteBuffer[] {buf}, 0, 1);
                    buf.compact();
                    if (n == UpgradedConnection.PENDING) {
                        return Poll.pending();
                    }
                    continue;
                }
                int n = io.pollRead(cx, buf);
                if (n == UpgradedConnection.PENDING) {
                    return Poll.pending();
                }
                if (n < 0) {
                    return Poll.ready(null);
                }
            }
        }

        @Override
        public void cancel() {
            cancelled.countDown();
        }
    }

    private static Response switching() {
        return Response.builder(HttpStatus.SWITCHING_PROTOCOLS)
                .header("Upgrade", "raw-echo")
                .header("Connection", "Upgrade")
                .body(ResponseBody.upgrade(RawEcho::new))
                .build();
    }

    @BeforeAll
    static void start() {
        server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).build(), request -> Async.ready(
                request.path().equals("/plain") ? Response.text("plain") : switching()));
    }

    @AfterAll
    static void stop() {
        server.shutdown(Duration.ofSeconds(5));
    }

    private static String readHead(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("end of stream in a head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void bytesAfterTheHeadBelongToTheNewProtocolAndEofEndsIt() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("GET /x HTTP/1.1\r\nHost: x\r\nUpgrade: raw-echo\r\nConnection: Upgrade\r\n\r\n"
                    + "GET /not-http HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String head = readHead(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), head);
            assertTrue(head.contains("Upgrade: raw-echo"), head);
            byte[] early = s.getInputStream().readNBytes("GET /not-http HTTP/1.1\r\n\r\n".length());
            assertEquals("GET /not-http HTTP/1.1\r\n\r\n", new String(early, StandardCharsets.US_ASCII));
            s.getOutputStream().write("later".getBytes(StandardCharsets.US_ASCII));
            assertEquals("later", new String(s.getInputStream().readNBytes(5), StandardCharsets.US_ASCII));
            s.shutdownOutput();
            assertEquals(-1, s.getInputStream().read(), "the protocol ended at EOF and the server closed");
        }
        waitForNoConnections();
    }

    @Test
    void aResetFreesTheConnection() throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        s.getOutputStream().write("GET /x HTTP/1.1\r\nHost: x\r\nUpgrade: raw-echo\r\nConnection: Upgrade\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        readHead(s.getInputStream());
        s.setSoLinger(true, 0);
        s.close();
        // The reset surfaces as a failed read or write, or as end of stream: either way the
        // connection is closed and counted out; a cancel is only owed when the server ends it.
        waitForNoConnections();
    }

    @Test
    void anUpgradeAnsweringARequestThatDidNotAskIsA500AndHttpGoesOn() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write("GET /x HTTP/1.1\r\nHost: x\r\n\r\nGET /plain HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String first = readHead(s.getInputStream());
            assertTrue(first.startsWith("HTTP/1.1 500"), first);
            int length = Integer.parseInt(first.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
            s.getInputStream().readNBytes(length);
            String second = readHead(s.getInputStream());
            assertTrue(second.startsWith("HTTP/1.1 200"), second);
            assertEquals("plain", new String(s.getInputStream().readNBytes(5), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void theShutdownDeadlineCancelsAProtocolThatNeverEnds() throws Exception {
        cancelled = new CountDownLatch(1);
        Server own = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).build(), request -> Async.ready(switching()));
        try (Socket s = new Socket("127.0.0.1", own.port())) {
            s.getOutputStream().write("GET /x HTTP/1.1\r\nHost: x\r\nUpgrade: raw-echo\r\nConnection: Upgrade\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            readHead(s.getInputStream());
            own.shutdown(Duration.ofMillis(200)); // the raw protocol ignores shutdown: the deadline ends it
            assertTrue(cancelled.await(20, TimeUnit.SECONDS), "the protocol was not cancelled");
            assertEquals(0, own.openConnections());
        }
    }

    private static void waitForNoConnections() throws InterruptedException {
        for (int i = 0; i < 2000 && server.openConnections() != 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(0, server.openConnections());
    }
}
