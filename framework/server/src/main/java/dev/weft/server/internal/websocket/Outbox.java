package dev.weft.server.internal.websocket;

import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;
import dev.weft.server.websocket.WebSocketClosedException;
import dev.weft.server.websocket.WsMessage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages the application sends, on their way to the session's task: bounded in bytes, so
 * a sender waits while a slow peer drains what is queued. Also carries the application's request
 * to close, which the session honours once the queue is empty.
 *
 * <p>Shared: any task or thread offers; the session's task takes. Every field is guarded by
 * {@code this}; wakers are called outside the lock.
 */
final class Outbox {
    private final int limitBytes;
    private final Runnable wakeSession;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final List<Waker> waitingSenders = new ArrayList<>();
    private long queuedBytes;
    private String closedBecause;
    private int closeCode;
    private String closeReason;

    Outbox(int limitBytes, Runnable wakeSession) {
        this.limitBytes = limitBytes;
        this.wakeSession = wakeSession;
    }

    /**
     * Queues {@code m} when there is room (or the queue is empty: a message larger than the limit
     * still goes, alone), else registers the sender's waker.
     *
     * @throws WebSocketClosedException once the socket no longer sends
     */
    Poll<Void> pollOffer(Context cx, WsMessage m, byte[] payload) {
        synchronized (this) {
            if (closedBecause != null || closeCode != 0) {
                throw new WebSocketClosedException(closedBecause != null ? closedBecause : "the socket is closing");
            }
            if (queuedBytes != 0 && queuedBytes + payload.length > limitBytes) {
                waitingSenders.add(cx.waker());
                return Poll.pending();
            }
            queue.add(new Queued(m instanceof WsMessage.Text, payload));
            queuedBytes += payload.length;
        }
        wakeSession.run();
        return Poll.ready(null);
    }

    /** The application asks to close once what is queued is sent (the first request wins). */
    void requestClose(int code, String reason) {
        synchronized (this) {
            if (closeCode != 0 || closedBecause != null) {
                return;
            }
            closeCode = code;
            closeReason = reason;
        }
        wakeSession.run();
    }

    /** A queued message: its type and payload. */
    record Queued(boolean text, byte[] payload) {
    }

    /** The oldest queued message, or null. Session only. */
    Queued take() {
        List<Waker> wake;
        Queued p;
        synchronized (this) {
            p = queue.poll();
            if (p == null) {
                return null;
            }
            queuedBytes -= p.payload().length;
            wake = List.copyOf(waitingSenders);
            waitingSenders.clear();
        }
        for (Waker w : wake) {
            w.wake();
        }
        return p;
    }

    /** The requested close code once the queue is empty, else 0. */
    synchronized int closeRequestedWhenEmpty() {
        return queue.isEmpty() ? closeCode : 0;
    }

    synchronized String closeReason() {
        return closeReason;
    }

    /** No more sends: queued messages are dropped and senders fail. */
    void close(String because) {
        List<Waker> wake;
        synchronized (this) {
            if (closedBecause != null) {
                return;
            }
            closedBecause = because;
            queue.clear();
            queuedBytes = 0;
            wake = List.copyOf(waitingSenders);
            waitingSenders.clear();
        }
        for (Waker w : wake) {
            w.wake();
        }
    }
}
