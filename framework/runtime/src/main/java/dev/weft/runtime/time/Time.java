package dev.weft.runtime.time;

import dev.weft.runtime.Async;
import java.time.Duration;

/**
 * Timers on the runtime's hierarchical timer wheel (millisecond resolution; O(1) insert and
 * cancel). The values returned here register their timer on first poll, so they must be polled
 * inside a runtime (a task, {@code blockOn}, or {@code spawnBlocking} thread).
 *
 * <pre>{@code
 * Async<Void> nap = Time.sleep(Duration.ofMillis(50));
 * Async<String> bounded = Time.timeout(Duration.ofSeconds(1), fetch());   // throws TimeoutException
 * Interval tick = Time.interval(Duration.ofMillis(100));
 * }</pre>
 */
public final class Time {
    private Time() {
    }

    /** Completes after {@code d} (rounded up to the next millisecond). */
    public static Async<Void> sleep(Duration d) {
        return new Sleep(System.nanoTime() + saturatedNanos(d));
    }

    /** Completes at {@code deadlineNanos}, an instant on the {@link System#nanoTime()} clock. */
    public static Async<Void> sleepUntil(long deadlineNanos) {
        return new Sleep(deadlineNanos);
    }

    /** Completes at {@code deadline}, an {@link java.time.Instant} on the wall clock. */
    public static Async<Void> sleepUntil(java.time.Instant deadline) {
        Duration d = Duration.between(java.time.Instant.now(), deadline);
        return sleep(d.isNegative() ? Duration.ZERO : d);
    }

    /**
     * Completes with {@code inner}'s value, or, if {@code d} passes first, cancels {@code inner}
     * and throws {@link TimeoutException}. If both happen in the same poll, the value wins.
     */
    public static <T> Async<T> timeout(Duration d, Async<T> inner) {
        return new Timeout<>(inner, new Sleep(System.nanoTime() + saturatedNanos(d)), d);
    }

    /** An interval whose first tick is immediate, then every {@code period}. */
    public static Interval interval(Duration period) {
        return new Interval(System.nanoTime(), period);
    }

    /** An interval whose first tick is at {@code startNanos} ({@link System#nanoTime()} clock). */
    public static Interval intervalAt(long startNanos, Duration period) {
        return new Interval(startNanos, period);
    }

    private static long saturatedNanos(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }
}
