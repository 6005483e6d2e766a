package dev.weft.it;

import static dev.weft.router.extract.Extractors.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpStatus;
import dev.weft.it.support.Wire;
import dev.weft.router.Router;
import dev.weft.server.Response;
import dev.weft.server.ResponseBody;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;

/**
 * Trailers both ways over real sockets: request trailers (parsed by the codec) are read from
 * {@code RequestBody.trailers()} once the body is consumed; response trailers follow a chunked
 * body, seen on the wire by curl {@code --raw} and a raw socket, and the JDK client reads such a
 * response whole. A trailer that must not be one is dropped and the connection lives on.
 */
@Timeout(60)
class TrailersTest {
    private static Server server;

    @BeforeAll
    static void start() {
        Router router = Router.create()
                .post("/digest", request(), r -> r.body().text().map(text ->
                        text + " digest=" + r.body().trailers().get("Digest")
                                + " trailers=" + r.body().trailers().size()))
                .get("/with-trailers", () -> {
                    AtomicInteger bytes = new AtomicInteger();
                    return Response.builder(HttpStatus.OK).header("Trailer", "X-Length")
                            .body(ResponseBody.stream(counting(bytes, "hello ", "world"),
                                    () -> HttpHeaders.of("X-Length", Integer.toString(bytes.get()))))
                            .build();
                })
                .get("/bad-trailers", () -> Response.builder(HttpStatus.OK)
                        .body(ResponseBody.stream(counting(new AtomicInteger(), "bad"),
                                () -> HttpHeaders.of("Content-Length", "3")))
                        .build());
        server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2).build(), router);
    }

    @AfterAll
    static void stop() {
        server.shutdown(Duration.ofSeconds(5));
    }

    @Test
    void requestTrailersAreReadAfterTheBody() throws Exception {
        try (Socket s = connect()) {
            Wire.send(s, "POST /digest HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6\r\n world\r\n0\r\nDigest: sha-256=abc\r\nX-Other: 1\r\n\r\n"
                    + "POST /digest HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi");
            Wire.RawResponse first = Wire.readResponse(s.getInputStream());
            assertEquals(200, first.status(), first.text());
            assertEquals("hello world digest=sha-256=abc trailers=2", first.text());
            Wire.RawResponse second = Wire.readResponse(s.getInputStream());
            assertEquals("hi digest=null trailers=0", second.text());
        }
    }

    @Test
    void responseTrailersFollowTheLastChunkOnARawSocket() throws Exception {
        try (Socket s = connect()) {
            Wire.send(s, "GET /with-trailers HTTP/1.1\r\nHost: x\r\n\r\nGET /with-trailers HTTP/1.1\r\nHost: x\r\n\r\n");
            InputStream in = s.getInputStream();
            for (int i = 0; i < 2; i++) {
                String head = Wire.readHead(in);
                assertTrue(head.toLowerCase().contains("transfer-encoding: chunked"), head);
                assertTrue(head.contains("Trailer: X-Length"), head);
                assertEquals("6\r\nhello \r\n5\r\nworld\r\n0\r\nX-Length: 11\r\n\r\n", readUntilEmptyLineAfterLastChunk(in));
            }
        }
    }

    @Test
    void curlRawShowsTheTrailersAndTheJdkClientReadsTheBody() throws Exception {
        Process curl = new ProcessBuilder("curl", "-s", "--raw", "http://127.0.0.1:" + server.port() + "/with-trailers")
                .redirectErrorStream(true).start();
        byte[] out = curl.getInputStream().readAllBytes();
        assertTrue(curl.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, curl.exitValue());
        assertEquals("6\r\nhello \r\n5\r\nworld\r\n0\r\nX-Length: 11\r\n\r\n", new String(out, StandardCharsets.US_ASCII));
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/with-trailers")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("hello world", r.body());
        }
    }

    @Test
    void aFieldThatMustNotBeATrailerIsDroppedAndTheConnectionLives() throws Exception {
        try (Socket s = connect()) {
            Wire.send(s, "GET /bad-trailers HTTP/1.1\r\nHost: x\r\n\r\n");
            InputStream in = s.getInputStream();
            Wire.readHead(in);
            assertEquals("3\r\nbad\r\n0\r\n\r\n", readUntilEmptyLineAfterLastChunk(in));
            Wire.send(s, "GET /with-trailers HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("hello world", Wire.readResponse(in).text());
        }
    }

    @Test
    void anHttp10ClientGetsTheBodyWithoutTrailers() throws Exception {
        try (Socket s = connect()) {
            Wire.send(s, "GET /with-trailers HTTP/1.0\r\n\r\n");
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(all.endsWith("\r\n\r\nhello world"), all);
        }
    }

    private static Socket connect() throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(10_000);
        return s;
    }

    /** The chunked body as sent, up to and including the empty line that ends the trailer section. */
    private static String readUntilEmptyLineAfterLastChunk(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (;;) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("closed: " + out);
            }
            out.write(b);
            String s = out.toString(StandardCharsets.US_ASCII);
            if (s.contains("\r\n0\r\n") && s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
    }

    /** A publisher of {@code parts} that counts the bytes it gave, for a trailer computed after them. */
    private static Publisher<ByteBuffer> counting(AtomicInteger bytes, String... parts) {
        List<String> all = List.of(parts);
        return subscriber -> subscriber.onSubscribe(new Subscription() {
            private int next;
            private boolean done;

            @Override
            public void request(long n) {
                for (long i = 0; i < n && next < all.size(); i++) {
                    byte[] b = all.get(next++).getBytes(StandardCharsets.US_ASCII);
                    bytes.addAndGet(b.length);
                    subscriber.onNext(ByteBuffer.wrap(b));
                }
                if (next == all.size() && !done) {
                    done = true;
                    subscriber.onComplete();
                }
            }

            @Override
            public void cancel() {
                done = true;
            }
        });
    }
}
