package dev.weft.server;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Buffers a whole body into a byte array, as an {@link Async}: subscribes on first poll, wakes
 * the polling task as bytes arrive, and cancels the subscription when the body grows past the
 * limit or the collector itself is cancelled.
 *
 * @param <R> what the bytes are turned into; a {@code null} mapper discards the bytes
 */
final class BodyCollector<R> implements Async<R>, Subscriber<ByteBuffer> {
    /** The most memory reserved up front for an announced Content-Length. */
    private static final int PRESIZE_LIMIT = 1 << 20;

    private final Publisher<ByteBuffer> body;
    private final long limit;
    private final Function<byte[], R> mapper;

    // Guarded by this: the publisher may signal from any thread.
    private Subscription subscription;
    private Waker waker;
    private byte[] bytes = new byte[0];
    private int size;
    private boolean complete;
    private Throwable error;
    private boolean subscribed;
    private boolean cancelled;

    BodyCollector(Publisher<ByteBuffer> body, long limit, Function<byte[], R> mapper) {
        this.body = body;
        this.limit = limit;
        this.mapper = mapper;
    }

    @Override
    public Poll<R> poll(Context cx) {
        boolean subscribeNow;
        synchronized (this) {
            if (error != null) {
                throw propagate(error);
            }
            if (complete) {
                byte[] result = bytes.length == size ? bytes : Arrays.copyOf(bytes, size);
                return Poll.ready(mapper == null ? null : mapper.apply(result));
            }
            waker = cx.waker();
            subscribeNow = !subscribed;
            subscribed = true;
            if (subscribeNow && mapper != null && body instanceof RequestBody announced) {
                // A body announced as too large is still read up to the limit before it fails:
                // answering 413 and closing while the client is still sending its first bytes
                // loses the answer in clients that read only once they have sent (the JDK's
                // HttpClient reports "header parser received no bytes"), so the failure comes
                // when the limit is passed, as for a body of unknown length.
                long length = announced.contentLength();
                if (length > 0) {
                    // Sized once for the announced body, but a client's word is not trusted with
                    // more than PRESIZE_LIMIT up front: beyond that the array grows as bytes arrive.
                    bytes = new byte[(int) Math.min(length, Math.min(limit, PRESIZE_LIMIT))];
                }
            }
        }
        if (subscribeNow) {
            body.subscribe(this);
            // The publisher may have completed synchronously while subscribing.
            return poll(cx);
        }
        return Poll.pending();
    }

    @Override
    public void cancel() {
        Subscription s;
        synchronized (this) {
            cancelled = true;
            s = subscription;
            waker = null;
        }
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void onSubscribe(Subscription s) {
        boolean cancelNow;
        synchronized (this) {
            cancelNow = subscription != null || cancelled;
            if (!cancelNow) {
                subscription = s;
            }
        }
        if (cancelNow) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(ByteBuffer buffer) {
        Subscription overLimit = null;
        Waker toWake = null;
        synchronized (this) {
            int n = buffer.remaining();
            if (mapper == null) {
                buffer.position(buffer.limit());
                return;
            }
            if ((long) size + n > limit) {
                error = new BodyTooLargeException(limit);
                overLimit = subscription;
                toWake = waker;
            } else {
                if (size + n > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.max(size + n, Math.max(256, bytes.length * 2)));
                }
                buffer.get(bytes, size, n);
                size += n;
            }
        }
        if (overLimit != null) {
            overLimit.cancel();
        }
        if (toWake != null) {
            toWake.wake();
        }
    }

    @Override
    public void onError(Throwable t) {
        // Rule 2.13: a null error is refused. Taken as is it would leave error unset, and the
        // reading task would wait for an end that has already come.
        Objects.requireNonNull(t, "Reactive Streams rule 2.13: error must not be null");
        Waker toWake;
        synchronized (this) {
            if (error == null) {
                error = t;
            }
            toWake = waker;
        }
        if (toWake != null) {
            toWake.wake();
        }
    }

    @Override
    public void onComplete() {
        Waker toWake;
        synchronized (this) {
            complete = true;
            toWake = waker;
        }
        if (toWake != null) {
            toWake.wake();
        }
    }

    private static RuntimeException propagate(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new BodyReadException(t);
    }
}
