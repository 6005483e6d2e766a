package dev.weft.server.internal.websocket;

import dev.weft.runtime.Poll;
import dev.weft.server.Publishers;
import dev.weft.server.websocket.WsMessage;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The received messages as a publisher for one subscriber. Every signal to the subscriber is
 * sent from the session's poll ({@link #pump}), so they never overlap (Reactive Streams rule
 * 1.3); {@code request} and {@code cancel} from any thread only record and wake the session.
 *
 * <p>Shared: the subscriber's thread calls the subscription; the session's task pumps. The
 * subscriber reference and flags are volatile; demand is an atomic.
 */
final class MessagePublisher implements Publisher<WsMessage>, Subscription {
    private final Inbox inbox;
    private final Runnable wakeSession;
    private final AtomicLong demand = new AtomicLong();
    private volatile Subscriber<? super WsMessage> subscriber;
    private volatile boolean cancelled;
    private volatile boolean badRequest;
    /** Touched only by the session's task. */
    private boolean subscribed;
    private boolean terminated;

    MessagePublisher(Inbox inbox, Runnable wakeSession) {
        this.inbox = inbox;
        this.wakeSession = wakeSession;
    }

    @Override
    public void subscribe(Subscriber<? super WsMessage> s) {
        java.util.Objects.requireNonNull(s, "subscriber");
        synchronized (this) {
            if (subscriber == null) {
                subscriber = s;
                wakeSession.run();
                return;
            }
        }
        // Rule 1.9/2.5: one subscriber only; the second is told at once.
        Publishers.refuseSubscriber(s, "a WebSocket's messages have one subscriber");
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            badRequest = true; // rule 3.9
        } else {
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        }
        wakeSession.run();
    }

    @Override
    public void cancel() {
        cancelled = true;
        wakeSession.run();
    }

    /** Whether someone subscribed (the session then feeds this rather than {@code receive()}). */
    boolean hasSubscriber() {
        return subscriber != null;
    }

    /** Sends what the subscriber asked for and the inbox holds. Session's task only. */
    boolean pump() {
        Subscriber<? super WsMessage> s = subscriber;
        if (s == null || terminated) {
            return false;
        }
        boolean progress = false;
        if (!subscribed) {
            subscribed = true;
            s.onSubscribe(this);
            progress = true;
        }
        while (!cancelled && !terminated) {
            if (badRequest) {
                terminated = true;
                s.onError(new IllegalArgumentException("rule 3.9: request(n) needs n > 0"));
                return true;
            }
            if (demand.get() == 0 && !inbox.isFinished()) {
                break;
            }
            Poll<Optional<WsMessage>> p;
            try {
                p = inbox.pollTake(null);
            } catch (RuntimeException failure) {
                terminated = true;
                s.onError(failure);
                return true;
            }
            if (!p.isReady()) {
                break;
            }
            progress = true;
            if (p.value().isEmpty()) {
                terminated = true;
                s.onComplete();
                break;
            }
            demand.decrementAndGet();
            s.onNext(p.value().get());
        }
        if (cancelled) {
            terminated = true;
        }
        return progress;
    }
}
