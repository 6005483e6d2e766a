package dev.weft.router.test;

import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;
import dev.weft.runtime.time.Time;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.ResponseBody;
import dev.weft.server.Service;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** Runs one request through a service on a current-thread runtime and buffers the response. */
final class InProcessCall {
    private InProcessCall() {
    }

    static TestResponse run(Service service, Request request, Duration timeout, Predicate<byte[]> enough) {
        try (AsyncRuntime rt = AsyncRuntime.currentThread()) {
            Async<TestResponse> exchange = Async.<Async<Response>>ready(null)
                    .flatMap(ignored -> service.call(request))
                    .flatMap(response -> read(response, enough));
            return rt.blockOn(Time.timeout(timeout, exchange));
        }
    }

    private static Async<TestResponse> read(Response response, Predicate<byte[]> enough) {
        return switch (response.body()) {
            case ResponseBody.Empty e -> Async.ready(done(response, new byte[0]));
            case ResponseBody.Fixed f -> {
                ByteBuffer b = f.buffer().duplicate();
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                yield Async.ready(done(response, bytes));
            }
            case ResponseBody.Streamed s -> new Collect(s.publisher(), enough).map(bytes -> done(response, bytes));
            case ResponseBody.FileRegion f -> new Collect(f.publisher(), enough).map(bytes -> done(response, bytes));
            // A 101 that would switch protocols: in process there is no connection to switch.
            case ResponseBody.Upgrade u -> Async.ready(done(response, new byte[0]));
        };
    }

    private static TestResponse done(Response response, byte[] bytes) {
        return new TestResponse(response.status().code(), response.headers(), bytes);
    }

    /**
     * Collects a streamed body until it ends, or until {@code enough} says so and then cancels.
     * Package-private for its Reactive Streams TCK test.
     */
    static final class Collect implements Async<byte[]>, Subscriber<ByteBuffer> {
        private final Publisher<ByteBuffer> body;
        private final Predicate<byte[]> enough;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Subscription subscription;
        private Waker waker;
        private boolean subscribed;
        private boolean done;
        private Throwable error;

        Collect(Publisher<ByteBuffer> body, Predicate<byte[]> enough) {
            this.body = body;
            this.enough = enough;
        }

        @Override
        public Poll<byte[]> poll(Context cx) {
            boolean subscribeNow;
            synchronized (this) {
                waker = cx.waker();
                subscribeNow = !subscribed;
                subscribed = true;
            }
            if (subscribeNow) {
                body.subscribe(this);
            }
            synchronized (this) {
                if (error != null) {
                    throw error instanceof RuntimeException re ? re : new IllegalStateException(error);
                }
                return done ? Poll.ready(out.toByteArray()) : Poll.pending();
            }
        }

        @Override
        public void cancel() {
            Subscription s;
            synchronized (this) {
                s = subscription;
            }
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public void onSubscribe(Subscription s) {
            Objects.requireNonNull(s, "Reactive Streams rule 2.13: subscription must not be null");
            boolean again;
            synchronized (this) {
                again = subscription != null;
                if (!again) {
                    subscription = s;
                }
            }
            if (again) {
                s.cancel(); // rule 2.5: subscribed already
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ByteBuffer buffer) {
            Subscription cancelNow = null;
            Waker w;
            synchronized (this) {
                if (done) {
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                out.writeBytes(chunk);
                if (enough != null && enough.test(out.toByteArray())) {
                    done = true;
                    cancelNow = subscription;
                }
                w = waker;
            }
            if (cancelNow != null) {
                cancelNow.cancel();
                if (w != null) {
                    w.wake();
                }
            }
        }

        @Override
        public void onError(Throwable t) {
            // Rule 2.13; taken as is, a null error would pass for a normal end of the body.
            Objects.requireNonNull(t, "Reactive Streams rule 2.13: error must not be null");
            finish(t);
        }

        @Override
        public void onComplete() {
            finish(null);
        }

        private void finish(Throwable t) {
            Waker w;
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
                error = t;
                w = waker;
            }
            if (w != null) {
                w.wake();
            }
        }
    }
}
