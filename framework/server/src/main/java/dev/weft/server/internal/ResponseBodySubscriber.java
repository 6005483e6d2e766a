package dev.weft.server.internal;

import java.nio.ByteBuffer;
import java.util.Objects;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Subscribes a connection to a streamed response body. It asks for one buffer at a time and only
 * once the previous one has been written to the socket, so a fast publisher cannot fill the heap
 * and a body that is a slice of the request (echo) is never overwritten before it is sent.
 *
 * <p>Signals may arrive on any thread; they are recorded and the connection is woken. The
 * connection takes them in its own poll with {@link #take()}, {@link #isComplete()} and
 * {@link #failure()}.
 */
final class ResponseBodySubscriber implements Subscriber<ByteBuffer> {
    /** Asks the owning connection loop for another pass; safe from any thread. */
    private final Runnable wake;

    private Subscription subscription;
    private ByteBuffer next;
    private boolean complete;
    private Throwable failure;
    private boolean cancelled;

    /** @param wake asks the connection loop for another pass (from any thread) */
    ResponseBodySubscriber(Runnable wake) {
        this.wake = wake;
    }

    @Override
    public void onSubscribe(Subscription s) {
        Objects.requireNonNull(s, "Reactive Streams rule 2.13: subscription must not be null");
        boolean refuse;
        synchronized (this) {
            refuse = subscription != null || cancelled;
            if (!refuse) {
                subscription = s;
            }
        }
        if (refuse) {
            // Rule 2.5: a second subscription is cancelled.
            s.cancel();
            return;
        }
        requestNext();
    }

    @Override
    public void onNext(ByteBuffer buffer) {
        Objects.requireNonNull(buffer, "Reactive Streams rule 2.13: element must not be null");
        synchronized (this) {
            if (cancelled) {
                return;
            }
            if (next != null) {
                failure = new IllegalStateException("Reactive Streams rule 1.1: publisher sent more than was requested");
            } else {
                next = buffer;
            }
        }
        wake.run();
    }

    @Override
    public void onError(Throwable t) {
        Objects.requireNonNull(t, "Reactive Streams rule 2.13: error must not be null");
        synchronized (this) {
            if (failure == null) {
                failure = t;
            }
        }
        wake.run();
    }

    @Override
    public void onComplete() {
        synchronized (this) {
            complete = true;
        }
        wake.run();
    }

    /** The next buffer, if one arrived; the caller writes it and then calls {@link #requestNext()}. */
    synchronized ByteBuffer take() {
        ByteBuffer b = next;
        next = null;
        return b;
    }

    /** True once the publisher completed and every buffer was taken. */
    synchronized boolean isComplete() {
        return complete && next == null;
    }

    /** The publisher's error, if it failed. */
    synchronized Throwable failure() {
        return failure;
    }

    /** Asks for one more buffer: the previous one is written. */
    void requestNext() {
        Subscription s;
        synchronized (this) {
            s = subscription;
            if (s == null || cancelled || complete || failure != null) {
                return;
            }
        }
        s.request(1);
    }

    /** Stops the stream: the client is gone or the response was abandoned. */
    void cancel() {
        Subscription s;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            s = subscription;
            next = null;
        }
        if (s != null) {
            s.cancel();
        }
    }
}
