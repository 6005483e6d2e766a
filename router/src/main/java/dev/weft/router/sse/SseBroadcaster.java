package dev.weft.router.sse;

import dev.weft.router.internal.Emitter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.reactivestreams.Publisher;

/**
 * A feed of events that any number of clients follow: each {@link #subscribe()} is a publisher for
 * one stream, and {@link #send} delivers to every current subscriber. A subscriber that falls more
 * than {@code capacity} events behind is dropped (its stream fails) rather than slowing the others
 * or growing memory without bound.
 *
 * <pre>{@code
 * SseBroadcaster feed = new SseBroadcaster(256);
 * router.get("/events", () -> Sse.of(feed.subscribe()));
 * feed.send(SseEvent.json(change).event("created"));
 * }</pre>
 */
public final class SseBroadcaster {
    private final int capacity;
    private final List<Emitter<SseEvent>> subscribers = new CopyOnWriteArrayList<>();

    /** A broadcaster that buffers up to {@code capacity} events per slow subscriber. */
    public SseBroadcaster(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /** A stream of the events sent from now on. */
    public Publisher<SseEvent> subscribe() {
        return subscriber -> {
            Emitter<SseEvent> e = new Emitter<>(subscriber, capacity);
            e.onCancel(() -> subscribers.remove(e));
            e.subscribe();
            subscribers.add(e);
        };
    }

    /** Sends {@code event} to every subscriber. */
    public void send(SseEvent event) {
        for (Emitter<SseEvent> e : subscribers) {
            if (!e.offer(event) && !e.isTerminated()) {
                subscribers.remove(e);
                e.failNow(new IllegalStateException("subscriber fell more than " + capacity + " events behind"));
            }
        }
    }

    /** The number of current subscribers. */
    public int subscribers() {
        return subscribers.size();
    }

    /** Ends every stream. */
    public void close() {
        for (Emitter<SseEvent> e : subscribers) {
            e.complete();
        }
        subscribers.clear();
    }
}
