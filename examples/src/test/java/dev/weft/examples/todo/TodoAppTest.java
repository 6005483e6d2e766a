package dev.weft.examples.todo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpMethod;
import dev.weft.router.test.TestClient;
import dev.weft.router.test.TestResponse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import tools.jackson.core.type.TypeReference;

class TodoAppTest {

    private final TodoStore store = new TodoStore();
    private final TestClient client = TestClient.of(TodoApp.router(store));

    @Test
    void createReadUpdateDelete() {
        TestResponse created = client.post("/todos").json(Map.of("title", "  write tests ")).send();
        assertEquals(201, created.status());
        assertEquals("/todos/1", created.header("Location"));
        assertNotNull(created.header("X-Request-Id"));
        Todo todo = created.json(Todo.class);
        assertEquals("write tests", todo.title());
        assertEquals(false, todo.done());

        assertEquals(todo, client.get("/todos/1").json(Todo.class));

        Todo updated = client.patch("/todos/1").json(Map.of("done", true)).send().json(Todo.class);
        assertEquals(true, updated.done());
        assertEquals("write tests", updated.title());

        assertEquals(List.of(updated), client.get("/todos?done=true").json(new TypeReference<List<Todo>>() { }));
        assertEquals(List.of(), client.get("/todos?done=false").json(new TypeReference<List<Todo>>() { }));

        assertEquals(204, client.delete("/todos/1").status());
        assertEquals(404, client.get("/todos/1").status());
        assertEquals(404, client.delete("/todos/1").status());
        assertEquals(404, client.patch("/todos/1").json(Map.of("done", true)).send().status());
    }

    @Test
    void listPages() {
        for (int i = 1; i <= 5; i++) {
            client.post("/todos").json(Map.of("title", "t" + i)).send();
        }
        List<Todo> page = client.get("/todos?offset=1&limit=2").json(new TypeReference<List<Todo>>() { });
        assertEquals(List.of("t2", "t3"), page.stream().map(Todo::title).toList());
    }

    @Test
    void validationErrorsAreProblems() {
        TestResponse r = client.post("/todos").json(Map.of("title", " ")).send();
        assertEquals(422, r.status());
        assertEquals("application/problem+json", r.header("Content-Type"));
        assertEquals("{\"type\":\"https://weft.dev/problems/validation\",\"title\":\"Validation failed\","
                + "\"status\":422,\"detail\":\"1 invalid field(s)\","
                + "\"errors\":[{\"field\":\"title\",\"message\":\"must not be blank\"}]}", r.text());
        TestResponse missing = client.post("/todos").json(Map.of()).send();
        assertTrue(missing.text().contains("\"message\":\"is required\""), missing.text());
        TestResponse limits = client.get("/todos?offset=-1&limit=0");
        assertEquals(422, limits.status());
        assertTrue(limits.text().contains("\"field\":\"offset\"") && limits.text().contains("\"field\":\"limit\""));
    }

    @Test
    void badRequestsAre4xxNot500() {
        assertEquals(400, client.get("/todos/abc").status());
        assertEquals(400, client.get("/todos?limit=many").status());
        assertEquals(415, client.post("/todos").body("{\"title\":\"x\"}").send().status());
        assertEquals(400, client.post("/todos").header("Content-Type", "application/json").body("{").send().status());
        assertEquals(413, client.post("/todos").header("Content-Type", "application/json")
                .body(new byte[65 * 1024]).send().status());
        assertEquals(405, client.request(HttpMethod.PUT, "/todos/1").send().status());
    }

    @Test
    void changesAreStreamedAsServerSentEvents() throws InterruptedException {
        // The stream is read in the background (until its marker, at most the client's 10 s).
        CompletableFuture<TestResponse> stream = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                stream.complete(client.request(HttpMethod.GET, "/todos/events").sendUntil("event: deleted\n"));
            } catch (Throwable e) {
                stream.completeExceptionally(e);
            }
        });
        // A change made before the stream subscribes to the feed is not sent to it: wait for the
        // subscription itself.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (store.feed().subscribers() == 0) {
            assertTrue(System.nanoTime() < deadline, "the event stream never subscribed to the feed");
            Thread.sleep(1); // polling period
        }
        TestClient other = TestClient.of(TodoApp.router(store));
        other.post("/todos").json(Map.of("title", "stream me")).send();
        other.delete("/todos/1");
        String expectedStart = "id: 1\nevent: created\ndata: {\"kind\":\"created\",\"todo\":{\"id\":1,"
                + "\"title\":\"stream me\",\"done\":false,";
        TestResponse events = stream.join();
        assertEquals("text/event-stream", events.header("Content-Type"));
        String text = events.text();
        assertTrue(text.startsWith(expectedStart), text);
        assertTrue(text.contains("\nevent: deleted\n"), text);
    }
}
