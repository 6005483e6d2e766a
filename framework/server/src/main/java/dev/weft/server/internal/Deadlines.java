package dev.weft.server.internal;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.time.Time;

/**
 * A connection's clocks. At the end of every poll the nearest deadline that applies is found and
 * one timer is armed for it (re-armed only when the deadline moves earlier; a later deadline is
 * checked again when the timer fires):
 * <ul>
 *   <li>{@link Kind#IDLE}: a keep-alive connection with nothing in progress ({@code idleTimeout});</li>
 *   <li>{@link Kind#HEADER_READ}: a request head that has begun to arrive ({@code headerReadTimeout},
 *       against slowloris);</li>
 *   <li>{@link Kind#REQUEST}: a handler that has not answered ({@code requestTimeout});</li>
 *   <li>{@link Kind#STALLED_RESPONSE}: a response being written that moved no byte either way for
 *       {@code idleTimeout}: a client that stopped reading, or a body stream that stopped producing.</li>
 * </ul>
 *
 * <p>Touched only by the connection's task.
 */
final class Deadlines {
    /** Which deadline passed. */
    enum Kind { NONE, IDLE, HEADER_READ, REQUEST, STALLED_RESPONSE }

    private final ConnectionState c;
    private Async<Void> timer;
    private long timerDeadline;

    Deadlines(ConnectionState c) {
        this.c = c;
    }

    /**
     * Finds the nearest deadline, and arms the timer for it unless it has passed.
     *
     * @param hasUndecoded bytes are buffered that no exchange has taken yet
     * @param writing      bytes are queued for the socket
     * @return the kind of a deadline that has passed, or {@link Kind#NONE}
     */
    Kind check(Context cx, boolean hasUndecoded, boolean writing) {
        for (;;) {
            long deadline = 0; // meaningful only once kind is not NONE (nanoTime values may be negative)
            Kind kind = Kind.NONE;
            boolean betweenRequests = c.exchanges.isEmpty() && c.decoding == null;
            if (betweenRequests && c.headStartedNanos == 0 && !hasUndecoded && !writing) {
                deadline = c.lastActivityNanos + c.server.idleTimeoutNanos;
                kind = Kind.IDLE;
            } else if (betweenRequests && c.headStartedNanos != 0) {
                deadline = c.headStartedNanos + c.server.headerReadTimeoutNanos;
                kind = Kind.HEADER_READ;
            }
            for (Exchange ex : c.exchanges) {
                if (ex.awaitingResponse() && (kind == Kind.NONE || ex.deadlineNanos - deadline < 0)) {
                    deadline = ex.deadlineNanos;
                    kind = Kind.REQUEST;
                }
            }
            Exchange front = c.exchanges.peek();
            boolean responding = writing || (front != null && front.writing == Exchange.Writing.BODY);
            long stall = c.lastActivityNanos + c.server.idleTimeoutNanos;
            if (responding && (kind == Kind.NONE || stall - deadline < 0)) {
                deadline = stall;
                kind = Kind.STALLED_RESPONSE;
            }
            if (kind == Kind.NONE) {
                cancel();
                return Kind.NONE;
            }
            if (c.now - deadline >= 0) {
                return kind;
            }
            if (timer == null || timerDeadline - deadline > 0) {
                cancel();
                timer = Time.sleepUntil(deadline);
                timerDeadline = deadline;
            }
            if (!timer.poll(cx).isReady()) {
                return Kind.NONE;
            }
            // Woke up: look again (the deadline may have moved later since the timer was armed).
            timer = null;
            c.now = System.nanoTime();
        }
    }

    /** Releases the timer (the connection closes, or no deadline applies). */
    void cancel() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
