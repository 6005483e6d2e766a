package dev.weft.runtime.time;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import java.time.Duration;

/**
 * Ticks every period. The first tick completes immediately; {@link #tick()} yields the instant
 * ({@link System#nanoTime()}) the tick was scheduled for. Missed ticks follow a
 * {@link MissedTickBehavior} (default {@link MissedTickBehavior#BURST}, as Tokio).
 *
 * <pre>{@code
 * Interval every = Time.interval(Duration.ofSeconds(1)).missedTickBehavior(MissedTickBehavior.SKIP);
 * Async<Void> loop = every.tick().flatMap(t -> report());   // await tick() repeatedly from one task
 * }</pre>
 *
 * <p>An interval is used by one task at a time; {@link #pollTick(Context)} is the allocation-free
 * form for hand-written state machines.
 */
public final class Interval {
    private final long periodNanos;
    private long nextNanos;
    private MissedTickBehavior behavior = MissedTickBehavior.BURST;
    private Sleep sleep;

    Interval(long startNanos, Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        this.periodNanos = period.toNanos();
        this.nextNanos = startNanos;
    }

    /** Sets the missed-tick policy; returns this. */
    public Interval missedTickBehavior(MissedTickBehavior b) {
        this.behavior = b;
        return this;
    }

    /** The period. */
    public Duration period() {
        return Duration.ofNanos(periodNanos);
    }

    /** Polls for the next tick: the scheduled instant, or pending (timer registered). */
    public Poll<Long> pollTick(Context cx) {
        long now = System.nanoTime();
        if (now - nextNanos < 0) {
            if (sleep == null) {
                sleep = new Sleep(nextNanos);
            }
            if (!sleep.poll(cx).isReady()) {
                return Poll.pending();
            }
            now = System.nanoTime();
        }
        sleep = null;
        long due = nextNanos;
        nextNanos = switch (behavior) {
            case BURST -> due + periodNanos;
            case DELAY -> now + periodNanos;
            case SKIP -> {
                long missed = (now - due) / periodNanos;
                yield due + (missed + 1) * periodNanos;
            }
        };
        return Poll.ready(due);
    }

    /** Waits for the next tick; cancelling it cancels the timer but keeps the schedule. */
    public Async<Long> tick() {
        return new Async<>() {
            @Override
            public Poll<Long> poll(Context cx) {
                return pollTick(cx);
            }

            @Override
            public void cancel() {
                Sleep s = sleep;
                if (s != null) {
                    s.cancel();
                    sleep = null;
                }
            }
        };
    }

    /** Restarts the schedule: the next tick is one period from now. */
    public void reset() {
        if (sleep != null) {
            sleep.cancel();
            sleep = null;
        }
        nextNanos = System.nanoTime() + periodNanos;
    }
}
