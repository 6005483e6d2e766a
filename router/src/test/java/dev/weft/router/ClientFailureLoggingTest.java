package dev.weft.router;

import static dev.weft.router.extract.Extractors.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;
import dev.weft.server.ServerStats;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.ToLongFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * What a misbehaving client causes is counted and logged at DEBUG at most: a client that leaves
 * mid-body, sends a malformed chunk or resets the connection must not be able to write WARN or
 * ERROR lines (with stack traces) into the server's log, however often it does it.
 */
@Timeout(60)
class ClientFailureLoggingTest {
    private static final Logger ROOT = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private static final List<String> WEFT = List.of("dev.weft");
    private static final long LIMIT_NANOS = 10_000_000_000L;

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private AsyncRuntime runtime;
    private Server server;

    @BeforeEach
    void start() {
        lines.start();
        ROOT.addAppender(lines);
        for (String name : WEFT) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.DEBUG);
        }
        // The router's logger is switched off for the module's tests (see logback-test.xml): on here.
        ((Logger) LoggerFactory.getLogger("dev.weft.router")).setLevel(Level.DEBUG);
        Router router = Router.create()
                .post("/upload", text(), body -> "got " + body.length())
                .post("/upload-blocking", text(), Handler.blocking(body -> "got " + body.length()));
        // No slow-poll detector: on a loaded machine a first poll that loads classes can pass its
        // threshold, a WARN about the machine rather than about what the client did.
        runtime = AsyncRuntime.builder().workers(2).slowPollThreshold(null).build();
        server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).build(), router, runtime);
    }

    @AfterEach
    void stop() {
        server.close();
        runtime.close();
        ROOT.detachAppender(lines);
        for (String name : WEFT) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(null);
        }
        ((Logger) LoggerFactory.getLogger("dev.weft.router")).setLevel(Level.OFF);
    }

    @Test
    void aClientLeavingMidBodyIsCountedNotWarned() throws Exception {
        for (String path : List.of("/upload", "/upload-blocking")) {
            long before = closed(ServerStats.CloseCause.DONE) + closed(ServerStats.CloseCause.RESET);
            try (Socket s = connect()) {
                OutputStream out = s.getOutputStream();
                out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n0123456789")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                s.shutdownOutput(); // FIN with 990 bytes of body still owed
                s.getInputStream().readAllBytes();
            }
            awaitCount("a closed connection after leaving mid-body on " + path,
                    st -> st.connectionsClosedByCause().get(ServerStats.CloseCause.DONE)
                            + st.connectionsClosedByCause().get(ServerStats.CloseCause.RESET)
                            + st.connectionsClosedByCause().get(ServerStats.CloseCause.BAD_REQUEST), before + 1);
        }
        assertNoWarnings();
    }

    @Test
    void aMalformedChunkIsAnsweredCountedAndNotWarned() throws Exception {
        long before = server.stats().codecErrors().get(ServerStats.CodecError.BAD_FRAMING);
        for (int i = 0; i < 20; i++) { // a client repeating it writes no line above DEBUG either
            try (Socket s = connect()) {
                s.getOutputStream().write(("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nhello\r\nzz\r\nworld\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(response.startsWith("HTTP/1.1 400 "), response);
            }
        }
        awaitCount("20 framing errors", st -> st.codecErrors().get(ServerStats.CodecError.BAD_FRAMING), before + 20);
        assertNoWarnings();
    }

    @Test
    void aResetMidBodyIsCountedNotWarned() throws Exception {
        for (String path : List.of("/upload", "/upload-blocking")) {
            long before = closed(ServerStats.CloseCause.RESET);
            Socket s = connect();
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[4096]);
            out.flush();
            s.setSoLinger(true, 0);
            s.close(); // RST
            awaitCount("a reset counted on " + path, st -> st.connectionsClosedByCause().get(ServerStats.CloseCause.RESET),
                    before + 1);
        }
        assertNoWarnings();
    }

    /**
     * A client that sends a body too slowly for the request timeout gets the timeout's answer; the
     * handler waited for it, so the line is DEBUG. A handler that is itself too slow still warns.
     */
    @Test
    void aBodyTooSlowForTheRequestTimeoutIsNotWarned() throws Exception {
        server.close();
        Router router = Router.create()
                .post("/upload", text(), body -> "got " + body.length())
                .get("/slow", () -> dev.weft.runtime.time.Time.sleep(java.time.Duration.ofSeconds(5)).map(v -> "late"));
        server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .requestTimeout(java.time.Duration.ofMillis(300)).build(), router, runtime);
        try (Socket s = connect()) {
            s.getOutputStream().write(("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n0123456789")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] head = s.getInputStream().readNBytes(12);
            String status = new String(head, StandardCharsets.US_ASCII);
            assertTrue(status.startsWith("HTTP/1.1 5") || status.startsWith("HTTP/1.1 4"), status);
        }
        assertNoWarnings();
        try (Socket s = connect()) {
            s.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getInputStream().readNBytes(12);
        }
        assertTrue(lines.list.stream().anyMatch(e -> e.getLevel() == Level.WARN
                && e.getFormattedMessage().contains("GET /slow")), "a slow handler is still a WARN");
    }

    private Socket connect() throws IOException {
        return new Socket("127.0.0.1", server.port());
    }

    private long closed(ServerStats.CloseCause cause) {
        return server.stats().connectionsClosedByCause().get(cause);
    }

    private void awaitCount(String what, ToLongFunction<ServerStats> count, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT_NANOS;
        while (count.applyAsLong(server.stats()) < atLeast) {
            if (System.nanoTime() - deadline > 0) {
                fail(what + ": the counter stayed at " + count.applyAsLong(server.stats()) + " < " + atLeast
                        + "; stats " + server.stats());
            }
            Thread.sleep(5);
        }
    }

    private void assertNoWarnings() {
        List<String> loud = lines.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : " (with a stack trace)"))
                .toList();
        assertEquals(List.of(), loud, "log lines a client caused above DEBUG");
    }
}
