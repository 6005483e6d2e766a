package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpStatus;
import dev.weft.runtime.Async;
import dev.weft.runtime.time.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server over real sockets, with a plain {@link Service} (no router). */
@Timeout(60)
class ServerTest {
    private static final AtomicInteger FAILURES = new AtomicInteger();
    private static Server server;

    static Async<Response> route(Request request) {
        String path = request.path();
        return switch (path) {
            case "/plaintext" -> Async.ready(Response.text("Hello, World!"));
            case "/echo" -> Async.ready(new Response(HttpStatus.OK, contentTypeOf(request),
                    ResponseBody.stream(request.body(), request.body().contentLength())));
            case "/upper" -> request.body().text().map(s -> Response.text(s.toUpperCase()));
            case "/throw" -> {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("boom (expected by the test)");
            }
            case "/fail" -> Async.failed(new IllegalStateException("failed value (expected by the test)"));
            case "/slow" -> Time.sleep(Duration.ofMillis(50)).map(v -> Response.text("slow"));
            case "/never" -> Async.never();
            default -> Async.ready(Response.text(HttpStatus.NOT_FOUND, "no route for " + path));
        };
    }

    private static dev.weft.http.HttpHeaders contentTypeOf(Request request) {
        String type = request.headers().get("Content-Type");
        return dev.weft.http.HttpHeaders.of("Content-Type", type == null ? "application/octet-stream" : type);
    }

    @BeforeAll
    static void start() {
        server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2)
                .requestTimeout(Duration.ofSeconds(2)).build(), ServerTest::route);
    }

    @AfterAll
    static void stop() {
        server.shutdown(Duration.ofSeconds(5));
    }

    @Test
    void servesPlaintextWithContentLengthAndDate() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String r = readResponse(s.getInputStream());
            assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n"), r);
            assertTrue(r.contains("\r\nContent-Length: 13\r\n"), r);
            assertTrue(r.contains("\r\nDate: "), r);
            assertTrue(r.contains("\r\nContent-Type: text/plain; charset=utf-8\r\n"), r);
            assertTrue(r.endsWith("\r\n\r\nHello, World!"), r);
        }
    }

    @Test
    void keepsOneConnectionAliveForManyRequests() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < 100; i++) {
                out.write("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String response = readResponse(in);
                assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
                assertTrue(response.endsWith("Hello, World!"), response);
            }
        }
    }

    @Test
    void answersPipelinedRequestsInOrder() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /upper HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                    + "GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            int slow = all.indexOf("slow");
            int hello = all.indexOf("Hello, World!");
            int upper = all.indexOf("ABC");
            int nope = all.indexOf("no route for /nope");
            assertTrue(slow > 0 && slow < hello && hello < upper && upper < nope, all);
            assertTrue(all.contains("Connection: close"), all);
        }
    }

    @Test
    void echoesAMebibyteByteForByte() throws Exception {
        byte[] body = new byte[1024 * 1024 + 17];
        new Random(42).nextBytes(body);
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-test\r\nContent-Length: "
                            + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            InputStream in = s.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
            assertTrue(head.contains("Content-Type: application/x-test\r\n"), head);
            assertTrue(head.contains("Content-Length: " + body.length + "\r\n"), head);
            assertArrayEquals(body, in.readNBytes(body.length));
            writer.join();
        }
    }

    @Test
    void echoesAChunkedUploadChunked() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(all.contains("Transfer-Encoding: chunked"), all);
            String body = all.substring(all.indexOf("\r\n\r\n") + 4);
            assertEquals("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", body);
        }
    }

    @Test
    void aThrowingHandlerGets500AndTheConnectionLives() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write("GET /throw HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(readResponse(in).startsWith("HTTP/1.1 500 "));
            out.write("GET /fail HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(readResponse(in).startsWith("HTTP/1.1 500 "));
            out.write("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(readResponse(in).endsWith("Hello, World!"));
        }
    }

    @Test
    void aHandlerThatNeverAnswersGets503AfterTheRequestTimeout() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("GET /never HTTP/1.1\r\nHost: x\r\n\r\nGET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            assertTrue(readResponse(in).startsWith("HTTP/1.1 503 "));
            assertTrue(readResponse(in).endsWith("Hello, World!"));
        }
    }

    @Test
    void malformedRequestGets400AndClose() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("GET /plaintext HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(all.startsWith("HTTP/1.1 400 "), all);
            assertTrue(all.contains("Connection: close"), all);
        }
    }

    @Test
    void headHasTheHeadersOfGetButNoBody() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("HEAD /plaintext HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(all.contains("Content-Length: 13"), all);
            assertTrue(all.endsWith("\r\n\r\n"), all);
        }
    }

    @Test
    void http10IsAnsweredAndClosed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("GET /plaintext HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(all.startsWith("HTTP/1.1 200 OK"), all);
            assertTrue(all.endsWith("Hello, World!"), all);
        }
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsSent() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write("POST /upper HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] interim = in.readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(interim, StandardCharsets.US_ASCII));
            out.write("hello".getBytes(StandardCharsets.US_ASCII));
            assertTrue(readResponse(in).endsWith("HELLO"));
        }
    }

    @Test
    void halfClosedClientStillGetsItsAnswer() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(all.endsWith("slow"), all);
        }
    }

    @Test
    void unreadBodyIsDrainedSoTheNextRequestIsNotDesynchronised() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write("POST /plaintext HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789"
                    .getBytes(StandardCharsets.US_ASCII));
            assertTrue(readResponse(in).endsWith("Hello, World!"));
            out.write("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(readResponse(in).endsWith("Hello, World!"));
        }
    }

    /** Reads one response with a Content-Length body; returns head and body as text. */
    static String readResponse(InputStream in) throws IOException {
        String h = readHead(in);
        int i = h.toLowerCase().indexOf("content-length: ");
        int length = 0;
        if (i >= 0) {
            length = Integer.parseInt(h.substring(i + 16, h.indexOf('\r', i)).trim());
        }
        return h + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }

    /** Reads a response head, through its blank line. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + head);
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
