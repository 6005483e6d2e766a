package dev.weft.runtime.internal;

import dev.weft.runtime.Waker;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The runtime's timer service: one {@link TimerWheel} under a short lock, advanced by whichever
 * worker gets there first (every maintenance tick, and by the worker that parks holding the
 * "time driver" role, which sleeps exactly until the next deadline). This mirrors Tokio, where the
 * time driver is driven by the parked worker that holds the driver lock.
 *
 * <p>Time is milliseconds since the runtime started, from {@link System#nanoTime()}.
 */
public final class TimeDriver {
    private final ReentrantLock lock = new ReentrantLock();
    private final TimerWheel wheel = new TimerWheel();
    private final long originNanos = System.nanoTime();
    /** Wheel time of the next slot to process; {@code Long.MAX_VALUE} when empty. */
    private volatile long nextWake = Long.MAX_VALUE;
    /** The parked driver waiting for {@link #nextWake}, woken when an earlier timer arrives. */
    private final AtomicReference<Driver> sleeper = new AtomicReference<>();

    /** Milliseconds since the runtime started. */
    public long nowMs() {
        return (System.nanoTime() - originNanos) / 1_000_000L;
    }

    /** Converts a {@link System#nanoTime()} instant to wheel milliseconds, rounding up. */
    public long toWheelMs(long nanoTime) {
        long d = nanoTime - originNanos;
        if (d <= 0) {
            return 0;
        }
        return (d + 999_999L) / 1_000_000L;
    }

    public long originNanos() {
        return originNanos;
    }

    /**
     * Registers {@code e} to fire at wheel time {@code deadlineMs} and wake {@code w}. Returns
     * false if the deadline has already passed (nothing is registered; the caller is ready).
     */
    public boolean register(TimerEntry e, long deadlineMs, Waker w) {
        e.waker = w;
        e.fired = false;
        boolean inserted;
        boolean earlier = false;
        lock.lock();
        try {
            e.deadline = deadlineMs;
            inserted = wheel.insert(e);
            if (inserted) {
                long next = wheel.nextExpiration();
                if (next < nextWake) {
                    nextWake = next;
                    earlier = true;
                }
            }
        } finally {
            lock.unlock();
        }
        if (!inserted) {
            e.fired = true;
            return false;
        }
        if (earlier) {
            Driver d = sleeper.get();
            if (d != null) {
                d.unpark(); // its park timeout is now too long
            }
        }
        return true;
    }

    /** Cancels {@code e}; O(1). Safe to call after it fired. */
    public void cancel(TimerEntry e) {
        if (e.fired) {
            return;
        }
        lock.lock();
        try {
            wheel.remove(e);
        } finally {
            lock.unlock();
        }
    }

    /** Milliseconds until the next timer needs processing, or -1 if none. */
    public long millisUntilNext() {
        long n = nextWake;
        if (n == Long.MAX_VALUE) {
            return -1;
        }
        return Math.max(0, n - nowMs());
    }

    /** Fires every due timer. Cheap when nothing is due; skips if another worker is at it. */
    public void process() {
        long now = nowMs();
        if (now < nextWake) {
            return;
        }
        if (!lock.tryLock()) {
            return;
        }
        ArrayList<TimerEntry> fired = new ArrayList<>();
        try {
            wheel.advance(now, e -> {
                e.fired = true;
                fired.add(e);
            });
            nextWake = wheel.nextExpiration();
        } finally {
            lock.unlock();
        }
        for (int i = 0, n = fired.size(); i < n; i++) {
            Waker w = fired.get(i).waker;
            if (w != null) {
                w.wake();
            }
        }
    }

    /** Claims the role of sleeping until the next deadline; only one parked driver holds it. */
    public boolean tryBecomeSleeper(Driver d) {
        return sleeper.compareAndSet(null, d);
    }

    public void releaseSleeper(Driver d) {
        sleeper.compareAndSet(d, null);
    }

    /** Number of pending timers (for metrics). */
    public int pending() {
        lock.lock();
        try {
            return wheel.size();
        } finally {
            lock.unlock();
        }
    }
}
