package dev.weft.server.internal.websocket;

import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;
import dev.weft.server.websocket.WsMessage;

import java.util.Optional;

/**
 * The received messages on their way to the application: room for one. The session reads the
 * socket only while it is empty, so a slow receiver stops the reader (backpressure reaches the
 * peer's TCP window) and nothing more than one message waits here.
 *
 * <p>Shared: the session's task puts and ends; any task or thread takes. Every field is guarded
 * by {@code this}; wakers are called outside the lock.
 */
final class Inbox {
    private final Runnable wakeSession;
    private WsMessage message;
    private boolean ended;
    private RuntimeException failure;
    private Waker receiver;

    Inbox(Runnable wakeSession) {
        this.wakeSession = wakeSession;
    }

    /** True when a message may be put (the session may read). */
    synchronized boolean hasRoom() {
        return message == null && !ended;
    }

    /** The session received a whole message. */
    void put(WsMessage m) {
        Waker w;
        synchronized (this) {
            message = m;
            w = receiver;
            receiver = null;
        }
        if (w != null) {
            w.wake();
        }
    }

    /** No more messages will come: {@code failure} null for a clean close, else why it broke. */
    void end(RuntimeException failure) {
        Waker w;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            this.failure = failure;
            w = receiver;
            receiver = null;
        }
        if (w != null) {
            w.wake();
        }
    }

    /**
     * Takes the message if one is there.
     *
     * @return the message; empty when none is waiting (then {@code cx}'s waker is registered, if
     *     given) or, with {@link #isFinished()} true, when no more will come
     */
    Poll<Optional<WsMessage>> pollTake(Context cx) {
        WsMessage m;
        synchronized (this) {
            m = message;
            if (m == null) {
                if (ended) {
                    if (failure != null) {
                        throw failure;
                    }
                    return Poll.ready(Optional.empty());
                }
                if (cx != null) {
                    receiver = cx.waker();
                }
                return Poll.pending();
            }
            message = null;
        }
        wakeSession.run(); // there is room again: the session may read
        return Poll.ready(Optional.of(m));
    }

    /** Ended and empty. */
    synchronized boolean isFinished() {
        return ended && message == null;
    }

    /** Why it ended, if it broke. */
    synchronized RuntimeException failure() {
        return failure;
    }
}
