package dev.weft.runtime.internal;

import java.util.function.Consumer;

/**
 * A hierarchical timing wheel with millisecond resolution, after Tokio's {@code time/wheel}:
 * six levels of 64 slots; a slot at level {@code L} spans {@code 64^L} ms, so the wheel covers
 * {@code 64^6} ms (about 2.2 years; later deadlines are clamped). A timer lives at the level of the
 * highest 6-bit digit in which its deadline differs from "now", so it needs at most five cascades
 * on the way down and insert/cancel are O(1) (a doubly linked slot list and a 64-bit occupancy
 * mask per level). Finding the next expiry is a bit scan per level.
 *
 * <p>Not thread-safe; {@link TimeDriver} guards it with a lock.
 */
public final class TimerWheel {
    static final int LEVELS = 6;
    static final int SLOT_BITS = 6;
    static final int SLOTS = 1 << SLOT_BITS;
    /** Largest representable offset from now. */
    static final long MAX_DURATION = (1L << (SLOT_BITS * LEVELS)) - 1;

    private final TimerEntry[] slots = new TimerEntry[LEVELS * SLOTS];
    private final long[] occupied = new long[LEVELS];
    private long elapsed;
    private int count;

    /** The wheel's current time (ms): every deadline at or before it has fired. */
    public long elapsed() {
        return elapsed;
    }

    public int size() {
        return count;
    }

    static int levelFor(long elapsed, long when) {
        long masked = (elapsed ^ when) | (SLOTS - 1);
        if (masked >= MAX_DURATION) {
            return LEVELS - 1;
        }
        int significant = 63 - Long.numberOfLeadingZeros(masked);
        return significant / SLOT_BITS;
    }

    /**
     * Links {@code e} (whose {@code deadline} is set). Returns false without linking if the
     * deadline has already passed, in which case the caller fires it.
     */
    public boolean insert(TimerEntry e) {
        if (e.deadline <= elapsed) {
            return false;
        }
        if (e.deadline - elapsed > MAX_DURATION) {
            e.deadline = elapsed + MAX_DURATION;
        }
        int level = levelFor(elapsed, e.deadline);
        int idx = level * SLOTS + (int) ((e.deadline >>> (level * SLOT_BITS)) & (SLOTS - 1));
        TimerEntry h = slots[idx];
        e.prev = null;
        e.next = h;
        if (h != null) {
            h.prev = e;
        }
        slots[idx] = e;
        e.slot = idx;
        occupied[level] |= 1L << (idx & (SLOTS - 1));
        count++;
        return true;
    }

    /** Unlinks {@code e} if it is linked. O(1). */
    public boolean remove(TimerEntry e) {
        int idx = e.slot;
        if (idx < 0) {
            return false;
        }
        TimerEntry p = e.prev;
        TimerEntry n = e.next;
        if (p == null) {
            slots[idx] = n;
            if (n == null) {
                occupied[idx / SLOTS] &= ~(1L << (idx & (SLOTS - 1)));
            }
        } else {
            p.next = n;
        }
        if (n != null) {
            n.prev = p;
        }
        e.prev = null;
        e.next = null;
        e.slot = -1;
        count--;
        return true;
    }

    /**
     * The wheel time at which the next slot must be processed, or {@code Long.MAX_VALUE} if the
     * wheel is empty. It may be earlier than the earliest deadline (a higher-level slot's start,
     * when its timers cascade down).
     */
    public long nextExpiration() {
        for (int level = 0; level < LEVELS; level++) {
            long occ = occupied[level];
            if (occ == 0) {
                continue;
            }
            return slotDeadline(level, occ);
        }
        return Long.MAX_VALUE;
    }

    private long slotDeadline(int level, long occ) {
        int shift = level * SLOT_BITS;
        long slotRange = 1L << shift;
        long levelRange = slotRange << SLOT_BITS;
        int nowSlot = (int) ((elapsed >>> shift) & (SLOTS - 1));
        int zeros = Long.numberOfTrailingZeros(Long.rotateRight(occ, nowSlot));
        int slot = (zeros + nowSlot) & (SLOTS - 1);
        long levelStart = elapsed & ~(levelRange - 1);
        long deadline = levelStart + slot * slotRange;
        if (deadline <= elapsed && level > 0) {
            // Only the top level wraps: a slot "behind" now belongs to the next rotation.
            deadline += levelRange;
        }
        return deadline;
    }

    private int nextLevel() {
        for (int level = 0; level < LEVELS; level++) {
            if (occupied[level] != 0) {
                return level;
            }
        }
        return -1;
    }

    /**
     * Advances the wheel to {@code now}, calling {@code fire} for every timer whose deadline is at
     * or before it (after unlinking it). Timers in higher-level slots that come due are cascaded
     * to lower levels.
     */
    public void advance(long now, Consumer<TimerEntry> fire) {
        for (;;) {
            int level = nextLevel();
            if (level < 0) {
                break;
            }
            long deadline = slotDeadline(level, occupied[level]);
            if (deadline > now) {
                break;
            }
            int shift = level * SLOT_BITS;
            int slot = (int) ((deadline >>> shift) & (SLOTS - 1));
            int idx = level * SLOTS + slot;
            TimerEntry e = slots[idx];
            slots[idx] = null;
            occupied[level] &= ~(1L << slot);
            elapsed = Math.max(elapsed, deadline);
            while (e != null) {
                TimerEntry n = e.next;
                e.prev = null;
                e.next = null;
                e.slot = -1;
                count--;
                if (e.deadline <= elapsed) {
                    fire.accept(e);
                } else {
                    insert(e); // cascade to a lower level
                }
                e = n;
            }
        }
        if (now > elapsed) {
            elapsed = now;
        }
    }
}
