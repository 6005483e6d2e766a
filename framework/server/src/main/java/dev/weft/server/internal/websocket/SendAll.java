package dev.weft.server.internal.websocket;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;
import dev.weft.server.websocket.WebSocket;
import dev.weft.server.websocket.WsMessage;

import java.util.Objects;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Sends a publisher's messages one at a time: the next is requested only once the last is
 * queued, so the publisher runs at the peer's pace.
 *
 * <p>Shared: the publisher signals from its own thread into the fields guarded by {@code this};
 * the awaiting task polls. The waker is volatile.
 */
final class SendAll implements Async<Void>, Subscriber<WsMessage> {
    private final WebSocket socket;
    private final Publisher<? extends WsMessage> publisher;
    private volatile Waker waker;
    private boolean started;
    private Async<Void> sending;
    // Guarded by this: what the publisher signalled.
    private Subscription subscription;
    private WsMessage next;
    private boolean complete;
    private Throwable failure;

    SendAll(WebSocket socket, Publisher<? extends WsMessage> publisher) {
        this.socket = socket;
        this.publisher = publisher;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        waker = cx.waker();
        if (!started) {
            started = true;
            publisher.subscribe(this);
        }
        for (;;) {
            if (sending != null) {
                if (!sending.poll(cx).isReady()) {
                    return Poll.pending();
                }
                sending = null;
                subscription().request(1);
                continue;
            }
            WsMessage m;
            synchronized (this) {
                m = next;
                next = null;
                if (m == null) {
                    if (failure != null) {
                        throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
                    }
                    if (complete) {
                        return Poll.ready(null);
                    }
                    return Poll.pending();
                }
            }
            sending = socket.send(m);
        }
    }

    private synchronized Subscription subscription() {
        return subscription;
    }

    @Override
    public void cancel() {
        if (sending != null) {
            sending.cancel();
        }
        Subscription s = subscription();
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void onSubscribe(Subscription s) {
        Objects.requireNonNull(s, "subscription");
        synchronized (this) {
            subscription = s;
        }
        s.request(1);
    }

    @Override
    public void onNext(WsMessage m) {
        Objects.requireNonNull(m, "message");
        synchronized (this) {
            next = m;
        }
        wake();
    }

    @Override
    public void onError(Throwable t) {
        synchronized (this) {
            failure = Objects.requireNonNull(t, "failure");
        }
        wake();
    }

    @Override
    public void onComplete() {
        synchronized (this) {
            complete = true;
        }
        wake();
    }

    private void wake() {
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }
}
