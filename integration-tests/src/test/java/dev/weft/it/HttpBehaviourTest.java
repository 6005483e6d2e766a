package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.it.support.Await;
import dev.weft.it.support.Wire.RawResponse;
import dev.weft.it.support.Wire;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * The connection-handling rules of the server over real sockets, with the JDK's HTTP client and
 * raw sockets where the test must see or break the wire.
 */
@Timeout(60)
class HttpBehaviourTest {
    private static final TestService SERVICE = new TestService();
    private static Server server;
    private static HttpClient client;

    private static final ListAppender<ILoggingEvent> ACCESS_LINES = new ListAppender<>();

    @BeforeAll
    static void start() {
        // The access log is decided when the server starts: on, and at INFO, collected here.
        Logger access = (Logger) org.slf4j.LoggerFactory.getLogger("dev.weft.access");
        ACCESS_LINES.start();
        access.addAppender(ACCESS_LINES);
        access.setAdditive(false);
        access.setLevel(Level.INFO);
        server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2)
                .requestTimeout(Duration.ofSeconds(1)).bodyBufferLimit(64 * 1024).accessLog(true).build(), SERVICE);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdown(Duration.ofSeconds(5));
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static Socket connect() throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(10_000);
        return s;
    }

    @Test
    void pipelinedRequestsAreAnsweredInRequestOrder() throws Exception {
        try (Socket s = connect()) {
            StringBuilder batch = new StringBuilder();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                // A slow one first: the fast ones after it must wait for it.
                String path = i % 5 == 0 ? "/slow" : "/upper";
                if (path.equals("/slow")) {
                    batch.append("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
                    expected.add("slow");
                } else {
                    String body = "req" + i;
                    batch.append("POST /upper HTTP/1.1\r\nHost: x\r\nContent-Length: ").append(body.length())
                            .append("\r\n\r\n").append(body);
                    expected.add(body.toUpperCase());
                }
            }
            Wire.send(s, batch.toString());
            InputStream in = s.getInputStream();
            for (String e : expected) {
                RawResponse r = Wire.readResponse(in);
                assertNotNull(r);
                assertEquals(e, r.text());
            }
        }
    }

    /** Three bodies round-trip through the JDK client on one connection, each small enough to stay in one read buffer. */
    @Test
    void httpClientRoundTripsAndKeepsTheConnection() throws Exception {
        roundTrips("/upper", 8 * 1024);
    }

    /**
     * Large bodies through the JDK client, three per connection: a 64 KiB streamed echo (its
     * slices written straight from the read buffer) and 32 KiB to the buffering /upper. This is the
     * test that showed a body slice lost now and then (the server logged all 65,536 bytes, its
     * socket sent one read-sized slice less); IntegritySoakTest covers the same paths under load.
     */
    @Test
    void largeBodiesThroughTheJdkClient() throws Exception {
        roundTrips("/echo", 64 * 1024);
        roundTrips("/upper", 32 * 1024);
    }

    private void roundTrips(String path, int size) throws Exception {
        Random random = new Random(3);
        for (int i = 0; i < 3; i++) {
            StringBuilder text = new StringBuilder(size);
            while (text.length() < size) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            java.util.concurrent.CompletableFuture<HttpResponse<String>> answer = client.sendAsync(
                    HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(text.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> r;
            try {
                r = answer.get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                dumpThreads();
                dumpServerAndSockets();
                throw new AssertionError(path + " round trip " + i + " got no answer in 20 s; thread stacks, the server's"
                        + " counters, its access lines and the sockets' counters are on stderr", e);
            }
            assertEquals(200, r.statusCode());
            String expected = path.equals("/upper") ? text.toString().toUpperCase(java.util.Locale.ROOT) : text.toString();
            assertEquals(expected, r.body());
        }
    }

    /**
     * What a hang leaves to read (#12's lost response body): the server's counters and access
     * lines, and both ends of every connection to its port as the kernel sees them ({@code ss
     * -tnmi}: bytes sent, received and acknowledged, queues), which say whether the server sent the
     * head only or the client never sent its body.
     */
    private static void dumpServerAndSockets() {
        System.err.println("server stats: " + server.stats());
        synchronized (ACCESS_LINES) {
            ACCESS_LINES.list.forEach(line -> System.err.println("access: " + line.getFormattedMessage()));
        }
        try {
            Process ss = new ProcessBuilder("ss", "-tnmi", "( sport = :" + server.port() + " or dport = :" + server.port() + " )")
                    .redirectErrorStream(true).start();
            System.err.println(new String(ss.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            ss.waitFor(10, TimeUnit.SECONDS);
        } catch (java.io.IOException | InterruptedException e) {
            System.err.println("ss could not run: " + e);
        }
    }

    private static void dumpThreads() {
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            System.err.println("\"" + thread.getName() + "\" " + thread.getState());
            for (StackTraceElement frame : stack) {
                System.err.println("    at " + frame);
            }
        });
    }

    @Test
    void headIsAnsweredWithoutABody() throws Exception {
        try (Socket s = connect()) {
            Wire.send(s, "HEAD /plaintext HTTP/1.1\r\nHost: x\r\n\r\nGET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
            InputStream in = s.getInputStream();
            String head = Wire.readHead(in);
            assertTrue(head.contains("Content-Length: 13"), head);
            // The next bytes are the next response, not a body.
            RawResponse next = Wire.readResponse(in);
            assertEquals("Hello, World!", next.text());
        }
    }

    @Test
    void expectContinueIsAnsweredWhenTheHandlerReads() throws Exception {
        try (Socket s = connect()) {
            Wire.send(s, "POST /upper HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            InputStream in = s.getInputStream();
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", Wire.readHead(in));
            Wire.send(s, "hello");
            assertEquals("HELLO", Wire.readResponse(in).text());
        }
    }

    @Test
    void expectContinueGetsAFinalStatusWithoutTheBodyBeingRead() throws Exception {
        try (Socket s = connect()) {
            Wire.send(s, "POST /plaintext HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\nExpect: 100-continue\r\n\r\n");
            InputStream in = s.getInputStream();
            RawResponse r = Wire.readResponse(in);
            assertEquals(200, r.status(), r.head());
            assertTrue(r.closes(), "the unsent body cannot be skipped, so the connection must close: " + r.head());
            assertEquals(-1, in.read());
        }
    }

    @Test
    void curlUsesExpectContinueForLargeBodies() throws Exception {
        java.nio.file.Path curl = java.nio.file.Path.of("/usr/bin/curl");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(curl), "curl is not installed");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("weft-upload", ".bin");
        try {
            byte[] body = new byte[2 * 1024 * 1024];
            new Random(5).nextBytes(body);
            java.nio.file.Files.write(file, body);
            Process p = new ProcessBuilder(curl.toString(), "-sS", "-v", "--data-binary", "@" + file,
                    "-H", "Content-Type: application/octet-stream", uri("/echo").toString())
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), err);
            assertTrue(err.contains("Expect: 100-continue"), err);
            assertTrue(err.contains("HTTP/1.1 100 Continue"), err);
            assertArrayEquals(body, out);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        try (Socket s = connect()) {
            Wire.send(s, "GET /plaintext HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            InputStream in = s.getInputStream();
            RawResponse r = Wire.readResponse(in);
            assertTrue(r.closes(), r.head());
            assertEquals(-1, in.read());
        }
    }

    @Test
    void http10IsAnsweredAndClosedUnlessItAsksForKeepAlive() throws Exception {
        try (Socket s = connect()) {
            Wire.send(s, "GET /plaintext HTTP/1.0\r\n\r\n");
            InputStream in = s.getInputStream();
            RawResponse r = Wire.readResponse(in);
            assertEquals("Hello, World!", r.text());
            assertEquals(-1, in.read());
        }
        try (Socket s = connect()) {
            Wire.send(s, "GET /plaintext HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /plaintext HTTP/1.0\r\n\r\n");
            InputStream in = s.getInputStream();
            RawResponse first = Wire.readResponse(in);
            assertTrue(first.head().toLowerCase().contains("connection: keep-alive"), first.head());
            assertEquals("Hello, World!", Wire.readResponse(in).text());
            assertEquals(-1, in.read());
        }
    }

    @Test
    void aHalfClosedClientIsStillAnswered() throws Exception {
        try (Socket s = connect()) {
            Wire.send(s, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\nPOST /upper HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok");
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            assertEquals("slow", Wire.readResponse(in).text());
            assertEquals("OK", Wire.readResponse(in).text());
            assertEquals(-1, in.read());
        }
    }

    @Test
    void failingHandlersGet500AndTheConnectionContinues() throws Exception {
        try (Socket s = connect()) {
            Wire.send(s, "GET /throw HTTP/1.1\r\nHost: x\r\n\r\nGET /fail HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
            InputStream in = s.getInputStream();
            assertEquals(500, Wire.readResponse(in).status());
            assertEquals(500, Wire.readResponse(in).status());
            assertEquals("Hello, World!", Wire.readResponse(in).text());
        }
    }

    @Test
    void aHandlerThatNeverAnswersGets503AfterTheRequestTimeoutAndIsCancelled() throws Exception {
        long cancelledBefore = SERVICE.cancelledHangs.get();
        try (Socket s = connect()) {
            Wire.send(s, "GET /hang HTTP/1.1\r\nHost: x\r\n\r\nGET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
            InputStream in = s.getInputStream();
            assertEquals(503, Wire.readResponse(in).status());
            assertEquals("Hello, World!", Wire.readResponse(in).text());
        }
        assertTrue(SERVICE.cancelledHangs.get() > cancelledBefore, "the timed-out handler was not cancelled");
    }

    @Test
    void aClientResetCancelsItsHandler() throws Exception {
        long startedBefore = SERVICE.startedHangs.get();
        long cancelledBefore = SERVICE.cancelledHangs.get();
        Socket s = connect();
        Wire.send(s, "GET /hang HTTP/1.1\r\nHost: x\r\n\r\n");
        // Reset only once the handler runs, so that there is a handler to cancel.
        Await.until(Duration.ofSeconds(5), () -> "the handler was never called",
                () -> SERVICE.startedHangs.get() > startedBefore);
        s.setSoLinger(true, 0);
        s.close();
        Await.until(Duration.ofSeconds(5), () -> "the handler was not cancelled",
                () -> SERVICE.cancelledHangs.get() > cancelledBefore);
    }

    /**
     * The JDK client reads the answer only once it has sent the body: a 413 and FIN sent before
     * reading any of the body reached it only sometimes, so the server reads up to the limit
     * first. Repeated, since the loss was a race.
     */
    @Test
    void aBodyOverTheBufferLimitGets413() throws Exception {
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/upper"))
                    .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100_000))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, r.statusCode(), "request " + i);
        }
    }

    @Test
    void anUnreadBodyIsDrainedAndTheNextRequestIsNotDesynchronised() throws Exception {
        try (Socket s = connect()) {
            // The body looks like a request: if it were not skipped, it would be answered.
            String smuggled = "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n";
            Wire.send(s, "POST /plaintext HTTP/1.1\r\nHost: x\r\nContent-Length: " + smuggled.length() + "\r\n\r\n"
                    + smuggled + "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
            InputStream in = s.getInputStream();
            assertEquals("Hello, World!", Wire.readResponse(in).text());
            RawResponse second = Wire.readResponse(in);
            assertEquals(200, second.status(), second.text());
        }
    }

    @Test
    void anUnreadBodyOverTheDrainLimitClosesTheConnectionAfterTheResponse() throws Exception {
        try (Socket s = connect()) {
            byte[] big = new byte[1024 * 1024];
            Wire.send(s, "POST /plaintext HTTP/1.1\r\nHost: x\r\nContent-Length: " + big.length + "\r\n\r\n");
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    s.getOutputStream().write(big);
                } catch (java.io.IOException expected) {
                    // the server may stop reading
                }
            });
            InputStream in = s.getInputStream();
            RawResponse r = Wire.readResponse(in);
            assertEquals("Hello, World!", r.text());
            assertTrue(r.closes(), r.head());
            assertNull(Wire.readResponse(in));
            writer.join(5000);
        }
    }

    @Test
    void theAccessLogHasOneLinePerResponse() throws Exception {
        try (Socket s = connect()) {
            Wire.send(s, "GET /plaintext?q=1 HTTP/1.1\r\nHost: x\r\n\r\n");
            Wire.readResponse(s.getInputStream());
            // The client can have the response before the server has written the line.
            Await.until(Duration.ofSeconds(5), () -> "no access log line for /plaintext?q=1: " + accessLines(),
                    () -> accessLines().stream().anyMatch(m -> m.contains("/plaintext?q=1")));
            String line = accessLines().stream().filter(m -> m.contains("/plaintext?q=1")).findFirst().orElseThrow();
            // remote address, method, target, version, status, body bytes, duration
            assertTrue(line.matches("127\\.0\\.0\\.1 \"GET /plaintext\\?q=1 HTTP/1\\.1\" 200 13 \\d+us"), line);
        }
    }

    private static List<String> accessLines() {
        // Appenders append under their own lock.
        synchronized (ACCESS_LINES) {
            return ACCESS_LINES.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
