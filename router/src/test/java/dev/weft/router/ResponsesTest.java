package dev.weft.router;

import static dev.weft.router.Handler.blocking;
import static dev.weft.router.extract.Extractors.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpStatus;
import dev.weft.router.test.TestClient;
import dev.weft.router.test.TestResponse;
import dev.weft.runtime.Async;
import dev.weft.runtime.time.Time;
import dev.weft.server.Response;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

import org.junit.jupiter.api.Test;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Publisher;

class ResponsesTest {

    record Point(int x, int y) {
    }

    static final class Teapot extends RuntimeException implements IntoResponse {
        private static final long serialVersionUID = 1L;

        @Override
        public Response toResponse() {
            return Problem.of(HttpStatus.of(418)).detail("short and stout").toResponse();
        }
    }

    private final TestClient client = TestClient.of(Router.create()
            .get("/string", () -> "text")
            .get("/bytes", () -> new byte[] {1, 2, 3})
            .get("/record", () -> new Point(1, 2))
            .get("/list", () -> List.of(new Point(1, 2)))
            .get("/status", () -> HttpStatus.ACCEPTED)
            .get("/response", () -> Response.builder(HttpStatus.CREATED)
                    .header("Location", "/things/1")
                    .header("Set-Cookie", "session=abc; HttpOnly")
                    .text("made").build())
            .get("/problem", () -> Problem.of(HttpStatus.CONFLICT).title("Conflict!").detail("already there").with("id", 7))
            .get("/opt/{id}", path("id", int.class), id -> id == 1 ? Optional.of("one") : Optional.empty())
            .get("/null", () -> null)
            .get("/stream", () -> stream("a", "b", "c"))
            .get("/async", () -> Async.ready("later"))
            .get("/async-record", () -> Time.sleep(Duration.ofMillis(5)).map(v -> new Point(3, 4)))
            .get("/async-async", () -> Async.ready(Async.ready("nested")))
            .get("/future", () -> CompletableFuture.supplyAsync(() -> new Point(5, 6)))
            .get("/blocking", blocking(() -> {
                Thread.sleep(5); // stands for blocking work, which is what blocking(...) is for
                return "slept on " + (Thread.currentThread().isVirtual() ? "a virtual thread" : "a platform thread");
            }))
            .get("/blocking/{id}", path("id", long.class), blocking(id -> "blocking " + id))
            .get("/typed", () -> {
                throw new Teapot();
            })
            .get("/http-error", () -> {
                throw new HttpException(HttpStatus.FORBIDDEN, "not yours");
            })
            .get("/mapped", () -> {
                throw new NoSuchElementException("no such thing");
            })
            .get("/checked", () -> {
                throw new IOException("disk on fire");
            })
            .get("/boom", () -> {
                throw new IllegalStateException("bug");
            })
            .get("/async-boom", () -> Async.failed(new IllegalStateException("async bug")))
            .get("/blocking-boom", blocking(() -> {
                throw new IllegalStateException("blocking bug");
            }))
            .onError(NoSuchElementException.class, e -> Problem.of(HttpStatus.NOT_FOUND).detail(e.getMessage())));

    private static Publisher<ByteBuffer> stream(String... parts) {
        SubmissionPublisher<ByteBuffer> p = new SubmissionPublisher<>(Runnable::run, 16);
        Flow.Publisher<ByteBuffer> flow = subscriber -> {
            p.subscribe(subscriber);
            for (String s : parts) {
                p.submit(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
            }
            p.close();
        };
        return FlowAdapters.toPublisher(flow);
    }

    private static String detail(TestResponse r) {
        String t = r.text();
        int i = t.indexOf("\"detail\":\"");
        return t.substring(i + 10, t.indexOf('"', i + 10));
    }

    @Test
    void plainValues() {
        assertEquals("text/plain; charset=utf-8", client.get("/string").header("Content-Type"));
        assertEquals("application/octet-stream", client.get("/bytes").header("Content-Type"));
        assertEquals(3, client.get("/bytes").bytes().length);
        TestResponse json = client.get("/record");
        assertEquals("application/json", json.header("Content-Type"));
        assertEquals("{\"x\":1,\"y\":2}", json.text());
        assertEquals("[{\"x\":1,\"y\":2}]", client.get("/list").text());
        assertEquals(202, client.get("/status").status());
        assertEquals(200, client.get("/null").status());
        assertEquals(0, client.get("/null").bytes().length);
    }

    @Test
    void fullResponsesAndProblems() {
        TestResponse r = client.get("/response");
        assertEquals(201, r.status());
        assertEquals("/things/1", r.header("Location"));
        assertEquals("session=abc; HttpOnly", r.header("Set-Cookie"));
        assertEquals("made", r.text());
        TestResponse p = client.get("/problem");
        assertEquals(409, p.status());
        assertEquals("application/problem+json", p.header("Content-Type"));
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Conflict!\",\"status\":409,\"detail\":\"already there\","
                + "\"id\":7}", p.text());
    }

    @Test
    void optionalEmptyIs404() {
        assertEquals("one", client.get("/opt/1").text());
        assertEquals(404, client.get("/opt/2").status());
    }

    @Test
    void publisherIsStreamed() {
        assertEquals("abc", client.get("/stream").text());
    }

    @Test
    void asyncValuesAreAwaited() {
        assertEquals("later", client.get("/async").text());
        assertEquals("{\"x\":3,\"y\":4}", client.get("/async-record").text());
        assertEquals("nested", client.get("/async-async").text());
        assertEquals("{\"x\":5,\"y\":6}", client.get("/future").text());
    }

    @Test
    void blockingHandlersRunOnVirtualThreads() {
        assertEquals("slept on a virtual thread", client.get("/blocking").text());
        assertEquals("blocking 9", client.get("/blocking/9").text());
    }

    @Test
    void typedErrorsBecomeTheirResponses() {
        assertEquals(418, client.get("/typed").status());
        TestResponse forbidden = client.get("/http-error");
        assertEquals(403, forbidden.status());
        assertEquals("not yours", detail(forbidden));
        TestResponse mapped = client.get("/mapped");
        assertEquals(404, mapped.status());
        assertEquals("no such thing", detail(mapped));
    }

    @Test
    void unexpectedFailuresAre500WithAnErrorId() {
        for (String path : List.of("/boom", "/async-boom", "/blocking-boom", "/checked")) {
            TestResponse r = client.get(path);
            assertEquals(500, r.status(), path);
            assertEquals("application/problem+json", r.header("Content-Type"));
            assertTrue(detail(r).startsWith("internal error; error id "), r.text());
            assertTrue(r.text().contains("\"errorId\":\""), r.text());
            assertTrue(!r.text().contains("bug") && !r.text().contains("fire"), "no internals leak: " + r.text());
        }
        assertNotEquals(detail(client.get("/boom")), detail(client.get("/boom")));
    }
}
