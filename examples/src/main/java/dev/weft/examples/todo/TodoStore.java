package dev.weft.examples.todo;

import dev.weft.router.sse.SseBroadcaster;
import dev.weft.router.sse.SseEvent;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application state: todos in memory and the feed of changes. Shared by all requests, so
 * thread-safe; every change is published to the feed after it is made.
 */
public final class TodoStore {
    private final ConcurrentMap<Long, Todo> todos = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final SseBroadcaster feed = new SseBroadcaster(256);
    private final Clock clock;

    /** An empty store using the system clock. */
    public TodoStore() {
        this(Clock.systemUTC());
    }

    /** An empty store using {@code clock} for creation times. */
    public TodoStore(Clock clock) {
        this.clock = clock;
    }

    /** The feed of changes, for SSE. */
    public SseBroadcaster feed() {
        return feed;
    }

    List<Todo> list(Page page) {
        List<Todo> all = new ArrayList<>(todos.values());
        all.sort(Comparator.comparingLong(Todo::id));
        return all.stream()
                .filter(t -> page.done().map(d -> t.done() == d).orElse(true))
                .skip(page.offset())
                .limit(page.limit())
                .toList();
    }

    Optional<Todo> find(long id) {
        return Optional.ofNullable(todos.get(id));
    }

    Todo add(String title, boolean done) {
        Todo todo = new Todo(ids.incrementAndGet(), title, done, clock.instant());
        todos.put(todo.id(), todo);
        publish("created", todo);
        return todo;
    }

    Optional<Todo> update(long id, TodoPatch patch) {
        Todo updated = todos.computeIfPresent(id, (k, t) -> new Todo(t.id(),
                patch.title() != null ? patch.title() : t.title(),
                patch.done() != null ? patch.done() : t.done(),
                t.createdAt()));
        if (updated != null) {
            publish("updated", updated);
        }
        return Optional.ofNullable(updated);
    }

    boolean remove(long id) {
        Todo removed = todos.remove(id);
        if (removed != null) {
            publish("deleted", removed);
        }
        return removed != null;
    }

    private void publish(String kind, Todo todo) {
        feed.send(SseEvent.json(new Change(kind, todo)).event(kind).id(Long.toString(todo.id())));
    }
}
