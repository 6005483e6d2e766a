package dev.weft.router.middleware;

import static dev.weft.router.Handler.blocking;
import static dev.weft.router.extract.Extractors.body;
import static dev.weft.router.extract.Extractors.bytes;
import static dev.weft.router.extract.Extractors.extension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpMethod;
import dev.weft.http.HttpStatus;
import dev.weft.router.Router;
import dev.weft.router.test.TestClient;
import dev.weft.router.test.TestResponse;
import dev.weft.runtime.Async;
import dev.weft.runtime.time.Time;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.ResponseBody;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Publisher;

class LayersTest {

    @Test
    void layersRunInTheOrderTheyAreAdded() {
        List<String> trace = new ArrayList<>();
        Router router = Router.create()
                .layer((request, next) -> {
                    trace.add("outer in");
                    return next.call(request).map(r -> {
                        trace.add("outer out");
                        return r;
                    });
                })
                .layer((request, next) -> {
                    trace.add("inner in");
                    return next.call(request).map(r -> {
                        trace.add("inner out");
                        return r;
                    });
                })
                .get("/", () -> {
                    trace.add("handler");
                    return "ok";
                });
        TestClient.of(router).get("/");
        assertEquals(List.of("outer in", "inner in", "handler", "inner out", "outer out"), trace);
    }

    @Test
    void layersAlsoWrap404And405() {
        Router router = Router.create()
                .layer((request, next) -> next.call(request).map(r -> {
                    r.headers().set("X-Seen", "yes");
                    return r;
                }))
                .get("/a", () -> "a");
        TestClient client = TestClient.of(router);
        assertEquals("yes", client.get("/nope").header("X-Seen"));
        assertEquals("yes", client.delete("/a").header("X-Seen"));
    }

    @Test
    void aMergedRoutersLayersApplyOnlyToItsRoutes() {
        Router slow = Router.create()
                .layer((request, next) -> next.call(request).map(r -> {
                    r.headers().set("X-Group", "slow");
                    return r;
                }))
                .get("/slow", () -> "slow");
        TestClient client = TestClient.of(Router.create().get("/fast", () -> "fast").merge(slow));
        assertEquals("slow", client.get("/slow").header("X-Group"));
        assertNull(client.get("/fast").header("X-Group"));
    }

    @Test
    void aGroupsLayerWrapsOnlyItsRoutes() {
        Router router = Router.create()
                .get("/fast", () -> "fast")
                .group(Layers.timeout(Duration.ofMillis(50)), slow -> slow
                        .get("/slow", () -> Time.sleep(Duration.ofMillis(500)).map(v -> "late"))
                        .group((request, next) -> next.call(request).map(r -> {
                            r.headers().set("X-Inner", "1");
                            return r;
                        }), inner -> inner.get("/inner", () -> "inner")));
        TestClient client = TestClient.of(router);
        assertEquals("fast", client.get("/fast").text());
        assertEquals(503, client.get("/slow").status());
        assertEquals("1", client.get("/inner").header("X-Inner"));
        assertNull(client.get("/fast").header("X-Inner"));
    }

    @Test
    void aroundCanShortCircuit() {
        Router router = Router.create()
                .layer((request, next) -> request.headers().contains("Authorization")
                        ? next.call(request)
                        : Async.ready(Response.text(HttpStatus.UNAUTHORIZED, "who are you?")))
                .get("/", () -> "secret");
        TestClient client = TestClient.of(router);
        assertEquals(401, client.get("/").status());
        assertEquals("secret", client.request(HttpMethod.GET, "/").header("Authorization", "x").send().text());
    }

    @Test
    void timeoutAnswers503AndCancelsTheHandler() {
        Router router = Router.create()
                .layer(Layers.timeout(Duration.ofMillis(50)))
                .get("/slow", () -> Time.sleep(Duration.ofSeconds(5)).map(v -> "late"))
                .get("/blocking", blocking(() -> {
                    Thread.sleep(5000); // a blocking handler that outlasts the timeout: the case under test
                    return "late";
                }))
                .get("/fast", () -> "fast");
        TestClient client = TestClient.of(router);
        TestResponse r = client.get("/slow");
        assertEquals(503, r.status());
        assertTrue(r.text().contains("no response within 50 ms"), r.text());
        assertEquals(503, client.get("/blocking").status());
        assertEquals("fast", client.get("/fast").text());
    }

    @Test
    void requestIdIsGeneratedOrKept() {
        Router router = Router.create()
                .layer(Layers.requestId())
                .get("/", extension(RequestId.class), id -> id.value());
        TestClient client = TestClient.of(router);
        TestResponse fresh = client.get("/");
        assertEquals(32, fresh.header("X-Request-Id").length());
        assertEquals(fresh.header("X-Request-Id"), fresh.text());
        TestResponse kept = client.request(HttpMethod.GET, "/").header("X-Request-Id", "abc-123").send();
        assertEquals("abc-123", kept.text());
        TestResponse replaced = client.request(HttpMethod.GET, "/").header("X-Request-Id", "<script>").send();
        assertEquals(32, replaced.text().length());
    }

    /** Two requestId layers (an app's own under one added to observe it) agree on one id. */
    /** A response whose headers cannot change is copied to add the id, refusal mark and all. */
    @Test
    void requestIdOnReadOnlyHeadersCopiesTheResponseAndKeepsItsRefusal() {
        Router router = Router.create().layer(Layers.requestId())
                .get("/", () -> Async.ready(new Response(HttpStatus.SERVICE_UNAVAILABLE, HttpHeaders.empty(),
                        ResponseBody.empty()).refused(Response.Refusal.OVERLOADED)));
        Response r = router.call(Request.builder(HttpMethod.GET, "/").build()).poll(() -> () -> { }).value();
        assertEquals(503, r.status().code());
        assertEquals(32, r.headers().get("X-Request-Id").length());
        assertEquals(Response.Refusal.OVERLOADED, r.refusal());
    }

    @Test
    void nestedRequestIdLayersKeepTheOuterId() {
        Router router = Router.create()
                .layer(Layers.requestId())
                .layer(Layers.requestId())
                .get("/", extension(RequestId.class), id -> id.value());
        TestResponse r = TestClient.of(router).get("/");
        assertEquals(r.header("X-Request-Id"), r.text());
        assertEquals(1, r.headers().getAll("X-Request-Id").size());
    }

    @Test
    void corsPreflightAndSimpleRequests() {
        Router router = Router.create()
                .layer(Layers.cors(Cors.builder()
                        .allowOrigin("https://app.example")
                        .allowMethods("GET", "DELETE")
                        .allowHeaders("Content-Type")
                        .maxAge(Duration.ofMinutes(10))
                        .build()))
                .get("/a", () -> "a");
        TestClient client = TestClient.of(router);
        TestResponse preflight = client.request(HttpMethod.OPTIONS, "/a")
                .header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "DELETE").send();
        assertEquals(204, preflight.status());
        assertEquals("https://app.example", preflight.header("Access-Control-Allow-Origin"));
        assertEquals("GET, DELETE", preflight.header("Access-Control-Allow-Methods"));
        assertEquals("Content-Type", preflight.header("Access-Control-Allow-Headers"));
        assertEquals("600", preflight.header("Access-Control-Max-Age"));

        TestResponse simple = client.request(HttpMethod.GET, "/a").header("Origin", "https://app.example").send();
        assertEquals("a", simple.text());
        assertEquals("https://app.example", simple.header("Access-Control-Allow-Origin"));
        assertEquals("Origin", simple.header("Vary"));

        TestResponse other = client.request(HttpMethod.GET, "/a").header("Origin", "https://evil.example").send();
        assertNull(other.header("Access-Control-Allow-Origin"));
        TestResponse otherPreflight = client.request(HttpMethod.OPTIONS, "/a")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET").send();
        assertNull(otherPreflight.header("Access-Control-Allow-Origin"));
    }

    @Test
    void gzipIsNegotiatedAndSkippedForSmallBodies() throws IOException {
        String big = "hello world ".repeat(500);
        Router router = Router.create()
                .layer(Layers.compression())
                .get("/big", () -> big)
                .get("/small", () -> "tiny")
                .get("/binary", () -> new byte[4096]);
        TestClient client = TestClient.of(router);
        TestResponse gz = client.request(HttpMethod.GET, "/big").header("Accept-Encoding", "br, gzip;q=0.8").send();
        assertEquals("gzip", gz.header("Content-Encoding"));
        assertEquals("Accept-Encoding", gz.header("Vary"));
        assertTrue(gz.bytes().length < big.length() / 10);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.bytes()))) {
            assertEquals(big, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertNull(client.get("/big").header("Content-Encoding"), "not accepted");
        assertNull(client.request(HttpMethod.GET, "/big").header("Accept-Encoding", "gzip;q=0").send()
                .header("Content-Encoding"), "q=0 refuses");
        assertNull(client.request(HttpMethod.GET, "/small").header("Accept-Encoding", "gzip").send()
                .header("Content-Encoding"), "too small");
        assertNull(client.request(HttpMethod.GET, "/binary").header("Accept-Encoding", "gzip").send()
                .header("Content-Encoding"), "not compressible");
    }

    @Test
    void streamedBodiesAreGzippedAsTheyFlow() throws IOException {
        String part = "streamed text, ".repeat(100);
        Router router = Router.create()
                .layer(Layers.compression())
                .get("/stream", () -> Response.stream(HttpStatus.OK, "text/plain",
                        parts(part, part, part)));
        TestResponse gz = TestClient.of(router).request(HttpMethod.GET, "/stream")
                .header("Accept-Encoding", "gzip").send();
        assertEquals("gzip", gz.header("Content-Encoding"));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.bytes()))) {
            assertEquals(part.repeat(3), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Publisher<ByteBuffer> parts(String... parts) {
        SubmissionPublisher<ByteBuffer> p = new SubmissionPublisher<>(Runnable::run, 16);
        Flow.Publisher<ByteBuffer> flow = s -> {
            p.subscribe(s);
            for (String part : parts) {
                p.submit(ByteBuffer.wrap(part.getBytes(StandardCharsets.UTF_8)));
            }
            p.close();
        };
        return FlowAdapters.toPublisher(flow);
    }

    @Test
    void bodyLimit() {
        Router router = Router.create()
                .layer(Layers.bodyLimit(10))
                .post("/", bytes(), b -> "got " + b.length);
        TestClient client = TestClient.of(router);
        assertEquals("got 10", client.post("/").body(new byte[10]).send().text());
        TestResponse tooBig = client.post("/").body(new byte[11]).send();
        assertEquals(413, tooBig.status());
        assertTrue(tooBig.text().contains("larger than the limit of 10 bytes"), tooBig.text());
    }

    @Test
    void bodyLimitAlsoCutsStreamsOfUnknownLength() {
        Router router = Router.create()
                .layer(Layers.bodyLimit(10))
                .post("/", body(), b -> b.bytes(Long.MAX_VALUE).map(bytes -> "got " + bytes.length));
        TestClient client = TestClient.of(router);
        String chunk = "0123456789";
        TestResponse small = client.send(dev.weft.server.Request.builder(HttpMethod.POST, "/")
                .body(dev.weft.server.RequestBody.of(parts(chunk), -1)).build());
        assertEquals("got 10", small.text());
        TestResponse big = client.send(dev.weft.server.Request.builder(HttpMethod.POST, "/")
                .body(dev.weft.server.RequestBody.of(parts(chunk, chunk), -1)).build());
        assertEquals(413, big.status());
    }

    @Test
    void catchPanicCoversFailingMiddleware() {
        Router router = Router.create()
                .layer(Layers.catchPanic())
                .layer((request, next) -> {
                    throw new IllegalStateException("middleware bug");
                })
                .get("/", () -> "never");
        TestResponse r = TestClient.of(router).get("/");
        assertEquals(500, r.status());
        assertTrue(r.text().contains("\"errorId\""), r.text());
    }

    @Test
    void catchPanicCoversFailingAsyncMiddleware() {
        Router router = Router.create()
                .layer(Layers.catchPanic())
                .layer((request, next) -> next.call(request).map(r -> {
                    throw new IllegalStateException("late middleware bug");
                }))
                .get("/", () -> "never");
        assertEquals(500, TestClient.of(router).get("/").status());
    }

    @Test
    void accessLogPassesResponsesThrough() {
        Router router = Router.create().layer(Layers.accessLog()).get("/", () -> "logged");
        assertEquals("logged", TestClient.of(router).get("/").text());
    }
}
