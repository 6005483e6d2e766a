package dev.weft.runtime.internal.uring;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.weft.runtime.internal.linux.Libc;
import dev.weft.runtime.internal.linux.NativeMemory;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Parks a ring's owner inside {@code io_uring_enter} and lets any thread wake it: an eventfd read
 * is kept armed in the ring, so a write to the eventfd completes it and ends the wait.
 *
 * <p>The protocol is the {@code EMPTY / PARKED / NOTIFIED} state machine of the NIO
 * {@code Driver} (Tokio's {@code park.rs}): {@link #unpark()} swaps in {@code NOTIFIED} and writes
 * the eventfd only if the owner was {@code PARKED}; the owner announces {@code PARKED} only after
 * the read is prepared, and the read is submitted by the same {@code io_uring_enter} that waits,
 * so a write that lands before that call makes the read complete at once: a wake is never lost.
 * A write that lands after the owner left (timeout) only makes its next park return early.
 *
 * <p>Owner: the ring's thread, except {@link #unpark()}, which any thread may call, even while or
 * after the owner closes (the close waits for an unparker that is writing, so the eventfd number
 * is never written after it could be reused).
 */
public final class RingParker implements AutoCloseable {
    static final int EMPTY = 0;
    static final int PARKED = 1;
    static final int NOTIFIED = 2;

    private static final VarHandle STATE;
    private static final VarHandle WRITERS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(RingParker.class, "state", int.class);
            WRITERS = l.findVarHandle(RingParker.class, "writers", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Ring ring;
    private final long wakeUserData;
    private final int eventFd;
    private final NativeMemory.Account memory;
    /** Where the armed read puts the eventfd's counter (owner, through the kernel). */
    private final MemorySegment readBuffer;
    /** Holds 1, what an unparker writes; read-only after construction. */
    private final MemorySegment one;
    /** errno of unparkers' writes: shared and racy, never read (a failed wake write has no remedy). */
    private final MemorySegment unparkErrno;
    private boolean armed;
    @SuppressWarnings("unused") // through STATE
    private volatile int state;
    @SuppressWarnings("unused") // through WRITERS
    private volatile int writers;
    private volatile boolean closed;
    /** Eventfd writes actually issued (metrics, tests). */
    private volatile long wakeWrites;

    /**
     * @param wakeUserData the user data the armed read's completions carry; the owner's completion
     *     handler gives them to {@link #onCompletion}
     */
    public RingParker(Ring ring, long wakeUserData) throws RingException {
        this.ring = ring;
        this.wakeUserData = wakeUserData;
        this.memory = new NativeMemory.Account();
        int efd = Libc.eventfd(ring.errno(), 0, Libc.EFD_CLOEXEC);
        if (efd < 0) {
            memory.close();
            throw new RingException("eventfd", efd);
        }
        this.eventFd = efd;
        this.readBuffer = memory.allocate(8, 8);
        this.one = memory.allocate(8, 8);
        one.set(JAVA_LONG, 0, 1L);
        this.unparkErrno = memory.allocate(Libc.errnoSize(), 8);
    }

    /**
     * Submits what is prepared and waits until a completion, an {@link #unpark()} or the timeout;
     * the caller then reaps. A pending notification makes it only submit and collect.
     *
     * @param timeoutNanos {@code < 0} waits without limit, 0 does not wait
     */
    public void park(long timeoutNanos) {
        if (STATE.compareAndSet(this, NOTIFIED, EMPTY) || timeoutNanos == 0) {
            ring.enter(0, 0);
            return;
        }
        if (!armed) {
            armed = ring.read(eventFd, readBuffer.address(), 8, wakeUserData);
            if (!armed) {
                // The SQ is full of other work: submitting it is as good as parking.
                ring.enter(0, 0);
                return;
            }
        }
        if (!STATE.compareAndSet(this, EMPTY, PARKED)) {
            STATE.getAndSet(this, EMPTY);
            ring.enter(0, 0);
            return;
        }
        try {
            ring.enter(1, timeoutNanos);
        } finally {
            STATE.getAndSet(this, EMPTY);
        }
    }

    /**
     * Takes the completion if it is the wake read's (true), so the next park arms it again.
     * The owner's completion handler asks this first.
     */
    public boolean onCompletion(long userData) {
        if (userData != wakeUserData) {
            return false;
        }
        armed = false;
        return true;
    }

    /** Wakes the owner; writes the eventfd only if it is parked. Any thread. */
    public void unpark() {
        if ((int) STATE.getAndSet(this, NOTIFIED) == PARKED) {
            writeEventFd();
        }
    }

    /** Wakes the owner only if it is parked (an interest change it must see). Any thread. */
    public void wakeIfParked() {
        if (STATE.compareAndSet(this, PARKED, NOTIFIED)) {
            writeEventFd();
        }
    }

    /** Completes the armed read; counted in {@code writers} so that close waits for it. */
    @SuppressWarnings("NonAtomicOperationOnVolatileField") // a metric: a lost increment is harmless
    private void writeEventFd() {
        WRITERS.getAndAdd(this, 1);
        try {
            if (!closed) {
                wakeWrites++;
                Libc.write(unparkErrno, eventFd, one.address(), 8);
            }
        } finally {
            WRITERS.getAndAdd(this, -1);
        }
    }

    public boolean isParked() {
        return (int) STATE.getVolatile(this) == PARKED;
    }

    /** Eventfd writes issued by unparkers. */
    public long wakeWrites() {
        return wakeWrites;
    }

    /**
     * Closes the eventfd and frees the read's buffer once the ring has no operation in flight
     * (closing the ring cancels the armed read); the buffer stays allocated if the ring could not
     * quiesce.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        while ((int) WRITERS.getVolatile(this) != 0) {
            Thread.onSpinWait();
        }
        Libc.close(unparkErrno, eventFd);
        ring.releaseWhenQuiescent(memory);
    }
}
