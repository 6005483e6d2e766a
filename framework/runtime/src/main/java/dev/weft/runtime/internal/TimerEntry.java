package dev.weft.runtime.internal;

import dev.weft.runtime.Waker;

/**
 * One pending timer: an intrusive node of a {@link TimerWheel} slot list, so that insert and
 * cancel are O(1) pointer operations with no allocation beyond the entry itself.
 * Fields other than {@link #fired} and {@link #waker} are guarded by the wheel's lock.
 */
public final class TimerEntry {
    /** Deadline in wheel milliseconds. */
    long deadline;
    TimerEntry prev;
    TimerEntry next;
    /** Slot index in {@code TimerWheel.slots} while linked, else -1. */
    int slot = -1;
    /** Set (under the lock, before the waker is called) when the deadline has passed. */
    volatile boolean fired;
    /** Whom to wake on expiry; updated by each poll of the owning sleep. */
    volatile Waker waker;

    public boolean isFired() {
        return fired;
    }

    public long deadline() {
        return deadline;
    }

    public void setWaker(Waker w) {
        this.waker = w;
    }
}
