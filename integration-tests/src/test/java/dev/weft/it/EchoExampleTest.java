package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.examples.Main;
import dev.weft.server.Server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The echo example, started in-process on a free port, through the JDK's HTTP client. */
@Timeout(60)
class EchoExampleTest {
    private static Server server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = Main.start("--host", "127.0.0.1", "--port", "0");
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdown(Duration.ofSeconds(5));
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    private static void assertFramed(HttpResponse<?> r) {
        assertTrue(r.headers().firstValue("content-length").isPresent(), "Content-Length missing");
        assertTrue(r.headers().firstValue("date").isPresent(), "Date missing");
    }

    @Test
    void plaintext() throws Exception {
        HttpResponse<String> r = client.send(request("/plaintext").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("Hello, World!", r.body());
        assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("text/plain"));
        assertFramed(r);
    }

    @Test
    void livenessAndReadinessForLoadBalancers() throws Exception {
        HttpResponse<String> live = client.send(request("/livez").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, live.statusCode());
        assertEquals("ok\n", live.body());
        HttpResponse<String> ready = client.send(request("/readyz").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode());
        assertEquals("ready\n", ready.body());
    }

    @Test
    void json() throws Exception {
        HttpResponse<String> r = client.send(request("/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("{\"message\":\"Hello, World!\"}", r.body());
        assertEquals("application/json", r.headers().firstValue("content-type").orElseThrow());
        assertFramed(r);
    }

    @Test
    void echoReturnsTheBodyAndItsContentType() throws Exception {
        // Below the socket buffers: the JDK client sends the whole body before it reads, so a
        // larger body against a streaming echo would stall in the client (curl and raw-socket
        // tests cover large bodies).
        byte[] body = new byte[64 * 1024 - 3];
        new Random(7).nextBytes(body);
        HttpResponse<byte[]> r = client.send(request("/echo").header("Content-Type", "application/x-weft-test")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("application/x-weft-test", r.headers().firstValue("content-type").orElseThrow());
        assertArrayEquals(body, r.body());
        assertFramed(r);
    }

    @Test
    void echoDefaultsToOctetStream() throws Exception {
        HttpResponse<byte[]> r = client.send(request("/echo")
                .POST(HttpRequest.BodyPublishers.ofByteArray("abc".getBytes(StandardCharsets.US_ASCII))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), r.body());
    }

    @Test
    void userPathParameter() throws Exception {
        HttpResponse<String> r = client.send(request("/user/123").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("user 123", r.body());
        assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("text/plain"));
        assertFramed(r);
    }

    @Test
    void aHundredRequestsShareOneKeepAliveConnection() throws Exception {
        // A client of its own, so that only this test's requests use its connection pool.
        try (HttpClient one = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            int before = server.openConnections();
            for (int i = 0; i < 100; i++) {
                HttpResponse<String> r = one.send(request("/user/" + i).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals("user " + i, r.body());
            }
            // The JDK client keeps its connection in a pool: one more open connection, not a hundred.
            assertTrue(server.openConnections() - before <= 1,
                    "expected one keep-alive connection, server has " + server.openConnections() + " (was " + before + ")");
        }
    }
}
