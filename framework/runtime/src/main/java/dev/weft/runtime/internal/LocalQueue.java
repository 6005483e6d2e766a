package dev.weft.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A worker's bounded run queue: one producer (the owning worker pushes and pops), many stealers
 * (idle workers take half). This is the algorithm of Tokio's {@code queue.rs}, written anew:
 *
 * <ul>
 *   <li>{@code tail} is written only by the owner; stealers read it with acquire.
 *   <li>{@code head} packs two 32-bit indices: {@code steal} (where an in-progress steal started)
 *       and {@code real} (the next task to pop). They differ only while a stealer is copying
 *       tasks out, which keeps the owner from overwriting slots that are being copied, and keeps a
 *       second stealer out.
 *   <li>Indices are unbounded {@code int}s compared with wrapping subtraction; the slot is
 *       {@code index & MASK}.
 * </ul>
 *
 * When the queue is full the owner moves half of it (plus the new task) to the injection queue in
 * one batch, as Tokio does, so that a burst of spawns spreads to other workers.
 */
public final class LocalQueue extends HeadPadding {
    /** Tokio's local queue capacity: 256 tasks. Small enough to stay cache-resident. */
    public static final int CAPACITY = 256;
    static final int MASK = CAPACITY - 1;

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Task[].class);

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(LocalQueue.class, "head", long.class);
            TAIL = l.findVarHandle(LocalQueue.class, "tail", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through HEAD
    private volatile long head;
    @SuppressWarnings("unused") // accessed through TAIL
    private volatile int tail;
    private final Task<?>[] buffer = new Task<?>[CAPACITY];

    static long pack(int steal, int real) {
        return ((long) steal << 32) | (real & 0xFFFF_FFFFL);
    }

    static int steal(long packed) {
        return (int) (packed >>> 32);
    }

    static int real(long packed) {
        return (int) packed;
    }

    private long lvHead() {
        return (long) HEAD.getAcquire(this);
    }

    private boolean casHead(long expect, long update) {
        return HEAD.compareAndSet(this, expect, update);
    }

    private long caxHead(long expect, long update) {
        return (long) HEAD.compareAndExchange(this, expect, update);
    }

    /** Owner-only: the owner is the sole writer of tail, so a plain read is current. */
    private int lpTail() {
        return (int) TAIL.get(this);
    }

    private int lvTail() {
        return (int) TAIL.getAcquire(this);
    }

    private void soTail(int v) {
        TAIL.setRelease(this, v);
    }

    private void spSlot(int index, Task<?> t) {
        SLOT.set(buffer, index & MASK, t);
    }

    private Task<?> lpSlot(int index) {
        return (Task<?>) SLOT.get(buffer, index & MASK);
    }

    /** Approximate number of queued tasks (exact when called by the owner with no stealer). */
    public int len() {
        long h = lvHead();
        int t = lvTail();
        return t - real(h);
    }

    public boolean isEmpty() {
        return len() <= 0;
    }

    /** Slots the owner can still fill before overflowing. Owner only. */
    int remainingSlots() {
        int s = steal(lvHead());
        return CAPACITY - (lpTail() - s);
    }

    /**
     * Owner only: pushes a task, spilling half the queue to {@code overflow} when full.
     *
     * @return true if tasks were moved to the injection queue (the caller should notify a worker)
     */
    public boolean pushBack(Task<?> task, InjectionQueue overflow) {
        for (;;) {
            long h = lvHead();
            int steal = steal(h);
            int real = real(h);
            int t = lpTail();
            if (t - steal < CAPACITY) {
                spSlot(t, task);
                soTail(t + 1);
                return false;
            }
            if (steal != real) {
                // A stealer is copying tasks out and will soon free slots; the injection queue
                // takes this one rather than waiting.
                overflow.push(task);
                return true;
            }
            if (pushOverflow(task, real, t, overflow)) {
                return true;
            }
            // A stealer moved head between our read and our CAS: the queue is no longer full.
        }
    }

    /**
     * Owner only: pushes {@code n} tasks linked from {@code first}, publishing them with one
     * release store when they fit (they do when taken from the injection queue with
     * {@link #remainingSlots()} as the bound); otherwise falls back to one-by-one pushes.
     */
    void pushBatch(Task<?> first, int n, InjectionQueue overflow) {
        int t = lpTail();
        int steal = steal(lvHead());
        if (t - steal + n <= CAPACITY) {
            Task<?> cur = first;
            for (int i = 0; i < n; i++) {
                Task<?> next = cur.queueNext;
                cur.queueNext = null;
                spSlot(t + i, cur);
                cur = next;
            }
            soTail(t + n);
            return;
        }
        Task<?> cur = first;
        while (cur != null) {
            Task<?> next = cur.queueNext;
            cur.queueNext = null;
            pushBack(cur, overflow);
            cur = next;
        }
    }

    private boolean pushOverflow(Task<?> task, int head, int tail, InjectionQueue overflow) {
        int half = CAPACITY / 2;
        // Claim the oldest half; losing the race to a stealer means there is room now.
        if (!casHead(pack(head, head), pack(head + half, head + half))) {
            return false;
        }
        Task<?> first = lpSlot(head);
        Task<?> last = first;
        for (int i = 1; i < half; i++) {
            Task<?> n = lpSlot(head + i);
            last.queueNext = n;
            last = n;
        }
        last.queueNext = task;
        task.queueNext = null;
        overflow.pushBatch(first, task, half + 1);
        return true;
    }

    /** Owner only: takes the oldest task, or null. */
    public Task<?> pop() {
        long h = lvHead();
        for (;;) {
            int steal = steal(h);
            int real = real(h);
            int t = lpTail();
            if (real == t) {
                return null;
            }
            int nextReal = real + 1;
            long next = steal == real ? pack(nextReal, nextReal) : pack(steal, nextReal);
            long witness = caxHead(h, next);
            if (witness == h) {
                return lpSlot(real);
            }
            h = witness;
        }
    }

    /**
     * Called by the worker that owns {@code dst}: moves half of this queue's tasks into
     * {@code dst} and returns one of them to run (not pushed), or null if nothing was stolen.
     */
    public Task<?> stealInto(LocalQueue dst) {
        int dstTail = dst.lpTail();
        int dstSteal = steal(dst.lvHead());
        if (dstTail - dstSteal > CAPACITY / 2) {
            // The thief has plenty of its own work; stealing would only overflow it.
            return null;
        }
        int n = stealInto2(dst, dstTail);
        if (n == 0) {
            return null;
        }
        n--;
        Task<?> ret = dst.lpSlot(dstTail + n);
        if (n > 0) {
            dst.soTail(dstTail + n);
        }
        return ret;
    }

    private int stealInto2(LocalQueue dst, int dstTail) {
        long prev = lvHead();
        long next;
        int n;
        for (;;) {
            int srcSteal = steal(prev);
            int srcReal = real(prev);
            int srcTail = lvTail();
            if (srcSteal != srcReal) {
                return 0; // another worker is stealing from this queue
            }
            n = srcTail - srcReal;
            n -= n / 2; // take the larger half (Tokio: steal half, rounding up)
            if (n <= 0) {
                return 0;
            }
            next = pack(srcSteal, srcReal + n);
            long witness = caxHead(prev, next);
            if (witness == prev) {
                break;
            }
            prev = witness;
        }
        int first = steal(next);
        for (int i = 0; i < n; i++) {
            dst.spSlot(dstTail + i, lpSlot(first + i));
        }
        // Release the claim: steal catches up with real (which the owner may have advanced).
        prev = next;
        for (;;) {
            int real = real(prev);
            long witness = caxHead(prev, pack(real, real));
            if (witness == prev) {
                return n;
            }
            prev = witness;
        }
    }
}
