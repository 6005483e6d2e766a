package dev.weft.examples.todo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The todo app over a real socket: CRUD and the SSE feed through the Weft server. */
class TodoAppSocketTest {

    private static final TodoStore STORE = new TodoStore();
    private static Server server;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(1).build(),
                TodoApp.router(STORE));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        STORE.feed().close(); // ends the event streams, which graceful shutdown would otherwise wait for
        server.close();
        http.close();
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
    }

    @Test
    void createThenReadAndFollowTheFeed() throws Exception {
        HttpResponse<Stream<String>> feed = http.send(request("/todos/events").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, feed.statusCode());
        assertEquals("text/event-stream", feed.headers().firstValue("Content-Type").orElseThrow());
        // The response head can reach the client before the server has subscribed the body to the
        // feed, and an event sent in between would be missed: wait for the subscription itself.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (STORE.feed().subscribers() == 0) {
            assertTrue(System.nanoTime() < deadline, "the event stream never subscribed to the feed");
            Thread.sleep(1); // polling period
        }
        HttpResponse<String> created = http.send(request("/todos").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"over the wire\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode());
        String location = created.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> read = http.send(request(location).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(read.body().contains("\"title\":\"over the wire\""), read.body());

        Iterator<String> lines = feed.body().iterator();
        String id = lines.next();
        assertTrue(id.startsWith("id: "), id);
        assertEquals("event: created", lines.next());
        assertTrue(lines.next().contains("\"title\":\"over the wire\""));
        feed.body().close();

        HttpResponse<String> invalid = http.send(request("/todos").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(422, invalid.statusCode());
        assertEquals("application/problem+json", invalid.headers().firstValue("Content-Type").orElseThrow());
    }
}
