package dev.weft.runtime.time;

import java.time.Duration;

/**
 * Thrown by {@link Time#timeout(Duration, dev.weft.runtime.Async)} when the deadline passes
 * before the inner value completes (the inner value has then been cancelled). Unchecked, unlike
 * {@link java.util.concurrent.TimeoutException}, because polls only throw unchecked exceptions.
 */
public final class TimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception for a timeout of {@code after}. */
    public TimeoutException(Duration after) {
        super("timed out after " + after.toMillis() + " ms");
    }
}
