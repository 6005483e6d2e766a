package dev.weft.router.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.Router;
import dev.weft.router.test.TestClient;
import dev.weft.router.test.TestResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

import org.junit.jupiter.api.Test;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

class SseTest {

    record Point(int x, int y) {
    }

    private static Publisher<SseEvent> events(SseEvent... events) {
        SubmissionPublisher<SseEvent> p = new SubmissionPublisher<>(Runnable::run, 16);
        Flow.Publisher<SseEvent> flow = s -> {
            p.subscribe(s);
            for (SseEvent e : events) {
                p.submit(e);
            }
            p.close();
        };
        return FlowAdapters.toPublisher(flow);
    }

    @Test
    void encodesEventsInTheWireFormat() {
        assertEquals("data: hello\n\n", SseEvent.data("hello").encode());
        assertEquals("id: 7\nevent: update\nretry: 1500\ndata: a\ndata: b\ndata: c\n\n",
                SseEvent.data("a\nb\r\nc").event("update").id("7").retry(Duration.ofMillis(1500)).encode());
        assertEquals("data: {\"x\":1,\"y\":2}\n\n", SseEvent.json(new Point(1, 2)).encode());
        assertThrows(IllegalArgumentException.class, () -> SseEvent.data("x").event("a\nb"));
    }

    @Test
    void aFiniteStreamIsAResponse() {
        TestResponse r = TestClient.of(Router.create()
                .get("/events", () -> Sse.of(events(SseEvent.data("one"), SseEvent.data("two").event("second")))))
                .get("/events");
        assertEquals(200, r.status());
        assertEquals("text/event-stream", r.header("Content-Type"));
        assertEquals("no-cache", r.header("Cache-Control"));
        assertEquals("data: one\n\nevent: second\ndata: two\n\n", r.text());
    }

    @Test
    void idleStreamsGetKeepAliveComments() {
        SseBroadcaster silent = new SseBroadcaster(4);
        TestResponse r = TestClient.of(Router.create()
                .get("/events", () -> Sse.of(silent.subscribe()).keepAlive(Duration.ofMillis(20))))
                .request(dev.weft.http.HttpMethod.GET, "/events").sendUntil(": keep-alive\n\n: keep-alive\n\n");
        assertTrue(r.text().startsWith(": keep-alive\n\n"), r.text());
        assertEquals(0, silent.subscribers(), "cancelling the body unsubscribes from the feed");
    }

    @Test
    void broadcasterDeliversToEverySubscriberAndDropsLaggards() {
        SseBroadcaster feed = new SseBroadcaster(2);
        List<String> fast = new ArrayList<>();
        List<Object> slow = new ArrayList<>();
        feed.subscribe().subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(SseEvent e) {
                fast.add(e.data());
            }

            @Override
            public void onError(Throwable t) {
                fast.add("error");
            }

            @Override
            public void onComplete() {
                fast.add("complete");
            }
        });
        feed.subscribe().subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                // requests nothing: falls behind
            }

            @Override
            public void onNext(SseEvent e) {
                slow.add(e.data());
            }

            @Override
            public void onError(Throwable t) {
                slow.add(t.getMessage());
            }

            @Override
            public void onComplete() {
                slow.add("complete");
            }
        });
        assertEquals(2, feed.subscribers());
        feed.send(SseEvent.data("1"));
        feed.send(SseEvent.data("2"));
        feed.send(SseEvent.data("3"));
        assertEquals(1, feed.subscribers(), "the laggard is dropped");
        feed.close();
        assertEquals(List.of("1", "2", "3", "complete"), fast);
        assertEquals(List.of("subscriber fell more than 2 events behind"), slow,
                "a dropped subscriber gets an error at once, without demand");
    }
}
