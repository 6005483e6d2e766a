package dev.weft.runtime.internal.transport.uring;

import dev.weft.runtime.internal.transport.Poller;
import dev.weft.runtime.internal.uring.BufferRing;
import dev.weft.runtime.internal.uring.Ring;
import dev.weft.runtime.internal.uring.RingException;
import dev.weft.runtime.internal.uring.RingParker;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One worker's ring: {@link #poll} services the handles scheduled since the last turn (their
 * asks become SQEs), gives back the provided buffers readers finished with, then submits and
 * waits in one {@code io_uring_enter} ({@link RingParker#park}), and hands each completion to its
 * handle, whose task it wakes.
 *
 * <p>Owner: the thread that polls (the worker; the runtime's builder opens it and its shutdown
 * closes it, so the ring is opened without {@code SINGLE_ISSUER}). Any thread: {@link #enqueue},
 * {@link #returnBuffer}, {@link #registered}, {@link #wakeup}, {@link #isEmpty}.
 *
 * <h2>Sizes (heuristics, per worker)</h2>
 * <table>
 *   <caption>ring sizes</caption>
 *   <tr><td>SQ</td><td>{@value #SQ_ENTRIES}: a turn rarely prepares more; a full SQ is submitted early</td></tr>
 *   <tr><td>CQ</td><td>{@value #CQ_ENTRIES}: an overflow ends multishot accepts (re-armed) and costs an extra enter</td></tr>
 *   <tr><td>provided buffers</td><td>{@value #BUFFERS} of {@value #BUFFER_SIZE} bytes: a connection holds at most one</td></tr>
 * </table>
 */
final class UringPoller implements Poller, Ring.Completions {
    static final int SQ_ENTRIES = 256;
    static final int CQ_ENTRIES = 4096;
    static final int BUFFERS = 256;
    static final int BUFFER_SIZE = 16 * 1024;
    static final int GROUP = 0;
    private static final long WAKE = -1L;

    private final Ring ring;
    private final BufferRing buffers;
    private final RingParker parker;
    private final ConcurrentLinkedQueue<UringHandle> scheduled = new ConcurrentLinkedQueue<>();
    private final AtomicInteger registered = new AtomicInteger();
    /** Owner: handles by slot, as their SQEs' user data names them. */
    private UringHandle[] slots = new UringHandle[64];
    private int[] freeSlots = new int[64];
    private int freeCount;
    private int nextSlot;
    /** Owner: streams whose receive found no provided buffer, re-armed when some come back. */
    private final ArrayDeque<UringStream> starved = new ArrayDeque<>();
    /** Buffer ids readers finished with; any thread adds (under the lock), the owner provides. */
    private final Object returnedLock = new Object();
    private int[] returned = new int[64];
    private int returnedCount;
    private int[] returnedSwap = new int[64];
    private volatile boolean closed;

    UringPoller() throws IOException {
        ring = Ring.open(SQ_ENTRIES, CQ_ENTRIES, false);
        BufferRing b = null;
        try {
            b = BufferRing.register(ring, GROUP, BUFFERS, BUFFER_SIZE);
            parker = new RingParker(ring, WAKE);
        } catch (RingException | RuntimeException e) {
            if (b != null) {
                b.close();
            }
            ring.close();
            throw e;
        }
        buffers = b;
    }

    BufferRing buffers() {
        return buffers;
    }

    boolean isClosed() {
        return closed;
    }

    /** A handle got this poller; it counts until released. Any thread, before the handle's first schedule. */
    void registered() {
        registered.incrementAndGet();
    }

    void enqueue(UringHandle h) {
        scheduled.add(h);
    }

    /** A reader finished with provided buffer {@code bid}. Any thread. */
    void returnBuffer(int bid) {
        synchronized (returnedLock) {
            if (returnedCount == returned.length) {
                returned = java.util.Arrays.copyOf(returned, returnedCount * 2);
            }
            returned[returnedCount++] = bid;
        }
    }

    /** Owner: a stream's receive found the buffer ring empty. */
    void starved(UringStream s) {
        starved.add(s);
    }

    /** For tests: only {@code h} is registered. */
    boolean isEmptyButFor(UringHandle h) {
        return registered.get() == (h.slot >= 0 && slots[h.slot] == h ? 1 : 0);
    }

    @Override
    public boolean isEmpty() {
        return registered.get() == 0;
    }

    @Override
    public void poll(long timeoutMs) throws IOException {
        giveBackBuffers();
        serviceScheduled();
        parker.park(timeoutMs < 0 ? -1L : timeoutMs * 1_000_000L);
        ring.drain(this);
    }

    private void giveBackBuffers() {
        int n;
        int[] ids;
        synchronized (returnedLock) {
            n = returnedCount;
            if (n == 0) {
                return;
            }
            ids = returned;
            returned = returnedSwap;
            returnedSwap = ids;
            returnedCount = 0;
        }
        for (int i = 0; i < n; i++) {
            buffers.provide(ids[i]);
        }
        buffers.publish();
        while (!starved.isEmpty() && buffers.available() > 0) {
            UringStream s = starved.poll();
            s.unstarve();
            s.scheduleFromOwner(this);
        }
    }

    private void serviceScheduled() {
        for (UringHandle h; (h = scheduled.poll()) != null; ) {
            h.dequeued();
            if (h.slot < 0) {
                assignSlot(h);
            }
            makeRoom(UringHandle.MAX_SQES);
            h.service(this, ring);
            if (h.releasable()) {
                release(h);
            }
        }
    }

    /** Owner: at least {@code n} free SQEs, submitting (and, if the kernel pushes back, reaping) first. */
    private void makeRoom(int n) {
        while (ring.sqEntries() - ring.pendingSubmissions() < n) {
            int before = ring.pendingSubmissions();
            ring.enter(0, 0);
            if (ring.pendingSubmissions() >= before) {
                ring.drain(this); // EBUSY: completions must leave before submissions may enter
            }
        }
    }

    private void assignSlot(UringHandle h) {
        int s;
        if (freeCount > 0) {
            s = freeSlots[--freeCount];
        } else {
            s = nextSlot++;
            if (s == slots.length) {
                slots = java.util.Arrays.copyOf(slots, s * 2);
            }
        }
        slots[s] = h;
        h.slot = s;
    }

    private void release(UringHandle h) {
        h.release(this);
        slots[h.slot] = null;
        if (freeCount == freeSlots.length) {
            freeSlots = java.util.Arrays.copyOf(freeSlots, freeCount * 2);
        }
        freeSlots[freeCount++] = h.slot;
        registered.decrementAndGet();
    }

    @Override
    public void complete(long userData, int res, int flags) {
        if (parker.onCompletion(userData)) {
            return;
        }
        int op = (int) (userData & 0xff);
        if (op == 0) {
            return; // the ring's own cancel at close
        }
        UringHandle h = slots[(int) (userData >>> 8)];
        if ((flags & 2) == 0) { // IORING_CQE_F_MORE: only a final completion ends an operation
            h.ops--;
        }
        h.complete(this, op, res, flags);
        if (h.releasable()) {
            release(h);
        }
    }

    @Override
    public void wakeup() {
        parker.unpark();
    }

    @Override
    public long wakeups() {
        return parker.wakeWrites();
    }

    /**
     * Cancels every operation and waits for their completions (the ring's close), then closes
     * every handle still registered and frees the ring's memory. The owner has stopped polling.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<UringHandle> left = new ArrayList<>();
        for (UringHandle h : slots) {
            if (h != null) {
                left.add(h);
            }
        }
        for (UringHandle h; (h = scheduled.poll()) != null; ) {
            if (h.slot < 0) {
                left.add(h);
            }
        }
        ring.close(this::leftover);
        for (UringHandle h : left) {
            h.abandon();
        }
        buffers.close();
        parker.close();
    }

    private void leftover(long userData, int res, int flags) {
        if (parker.onCompletion(userData) || (userData & 0xff) == 0) {
            return;
        }
        UringHandle h = slots[(int) (userData >>> 8)];
        if (h != null) {
            if ((flags & 2) == 0) {
                h.ops--;
            }
            h.complete(this, (int) (userData & 0xff), res, flags);
        }
    }
}
