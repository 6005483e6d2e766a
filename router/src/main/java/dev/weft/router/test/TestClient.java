package dev.weft.router.test;

import dev.weft.http.HttpMethod;
import dev.weft.server.Request;
import dev.weft.server.Service;

import java.time.Duration;
import java.util.Objects;

/**
 * Sends requests to a {@link Service} (usually a router) in-process, without a socket, and reads
 * the whole response: the way Axum applications are tested with {@code oneshot}.
 *
 * <pre>{@code
 * TestClient client = TestClient.of(app.router());
 * TestResponse r = client.get("/users/7");
 * assertEquals(200, r.status());
 * assertEquals("user 7", r.text());
 *
 * TestResponse created = client.post("/todos").json(new NewTodo("write tests")).send();
 * assertEquals(201, created.status());
 * Todo todo = created.json(Todo.class);
 * }</pre>
 *
 * <p>Each request runs on a fresh current-thread runtime, so handlers can use timers, spawn tasks
 * and run blocking code exactly as in the server; the call is bounded by a timeout (10 s default)
 * so that a stuck handler fails the test instead of hanging it.
 */
public final class TestClient {

    private final Service service;
    private final Duration timeout;

    private TestClient(Service service, Duration timeout) {
        this.service = service;
        this.timeout = timeout;
    }

    /** A client for {@code service}. */
    public static TestClient of(Service service) {
        return new TestClient(Objects.requireNonNull(service, "service"), Duration.ofSeconds(10));
    }

    /** A client that fails a request taking longer than {@code timeout} (default 10 s). */
    public TestClient withTimeout(Duration timeout) {
        return new TestClient(service, timeout);
    }

    /** Sends {@code GET target}. */
    public TestResponse get(String target) {
        return request(HttpMethod.GET, target).send();
    }

    /** Starts a {@code POST}. */
    public TestRequest post(String target) {
        return request(HttpMethod.POST, target);
    }

    /** Starts a {@code PUT}. */
    public TestRequest put(String target) {
        return request(HttpMethod.PUT, target);
    }

    /** Starts a {@code PATCH}. */
    public TestRequest patch(String target) {
        return request(HttpMethod.PATCH, target);
    }

    /** Sends {@code DELETE target}. */
    public TestResponse delete(String target) {
        return request(HttpMethod.DELETE, target).send();
    }

    /** Starts a request with any method. */
    public TestRequest request(HttpMethod method, String target) {
        return new TestRequest(this, Request.builder(method, target));
    }

    /** Sends a request built elsewhere. */
    public TestResponse send(Request request) {
        return InProcessCall.run(service, request, timeout, null);
    }

    /**
     * Sends {@code request} and reads the body until it contains {@code marker}, then cancels it:
     * for endless streams such as server-sent events.
     */
    public TestResponse sendUntil(Request request, String marker) {
        byte[] m = marker.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return InProcessCall.run(service, request, timeout, body -> indexOf(body, m) >= 0);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
