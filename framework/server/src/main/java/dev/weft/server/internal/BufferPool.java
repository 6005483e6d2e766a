package dev.weft.server.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-thread stacks of {@link PooledBuffer}s in two sizes: heap buffers of {@link #BUFFER_SIZE}
 * for request heads and small bodies (the codec scans heads fastest in an array), direct buffers
 * of {@link #LARGE_BUFFER_SIZE} for large bodies. Connections borrow a buffer only while they
 * have bytes to hold and release it as soon as they are idle, so ten thousand idle keep-alive
 * connections hold no buffers at all.
 *
 * <p>A buffer comes back here when its last reference is released ({@link PooledBuffer#release}),
 * which may be on another thread than the one that lent it (a connection task can move between
 * workers); it simply joins that thread's stack. Each stack is capped, so a burst never pins
 * memory for good.
 */
final class BufferPool {
    /** Fits a typical request head and many pipelined requests; the codec's header limit is larger and grows past it. */
    static final int BUFFER_SIZE = 16 * 1024;
    /**
     * For a body much larger than {@link #BUFFER_SIZE}: large bodies arrive in few reads and leave
     * in as few writes (a 64 KiB upload and its head fit one read). These buffers are direct, so
     * the socket reads into them and writes an echoed slice from them without the JDK's copy
     * through a temporary direct buffer.
     */
    static final int LARGE_BUFFER_SIZE = 128 * 1024;
    /** Enough for a worker's busy connections between two polls; beyond it buffers go to the GC. */
    private static final int MAX_POOLED_PER_THREAD = 64;
    /** Large buffers serve only connections in the middle of a large body: fewer are kept. */
    private static final int MAX_LARGE_POOLED_PER_THREAD = 16;

    private static final ThreadLocal<Stack> STACKS = new PerThread(MAX_POOLED_PER_THREAD);
    private static final ThreadLocal<Stack> LARGE_STACKS = new PerThread(MAX_LARGE_POOLED_PER_THREAD);

    /**
     * Large buffers lent out at once, across all threads. Beyond it a connection reads its large
     * body through a small buffer (slower, but memory stays bounded however many clients upload
     * at once): 512 x 128 KiB = 64 MiB.
     */
    static final int MAX_LARGE_LENT = 512;
    private static final AtomicInteger LARGE_LENT = new AtomicInteger();

    private BufferPool() {
    }

    /**
     * A cleared buffer of {@link #BUFFER_SIZE} bytes, in write mode, with one reference held by
     * the caller.
     *
     * @param account the ledger that counts it in checking mode (the server's), or null
     * @param owner   who holds it, for checking mode's reports (a constant string: nothing is
     *                built per call)
     */
    static PooledBuffer borrow(BufferAccount account, String owner) {
        return lend(STACKS.get().pop(PooledBuffer.Size.SMALL), account, owner);
    }

    /**
     * A cleared buffer of {@link #LARGE_BUFFER_SIZE} bytes, in write mode; a small one from
     * {@link #borrow} when {@link #MAX_LARGE_LENT} large buffers are already lent out.
     */
    static PooledBuffer borrowLarge(BufferAccount account, String owner) {
        if (LARGE_LENT.incrementAndGet() > MAX_LARGE_LENT) {
            LARGE_LENT.decrementAndGet();
            return borrow(account, owner);
        }
        return lend(LARGE_STACKS.get().pop(PooledBuffer.Size.LARGE), account, owner);
    }

    /** A buffer of {@code capacity} bytes made for one use (an oversized head), counted like a pooled one. */
    static PooledBuffer oneOff(int capacity, BufferAccount account, String owner) {
        return lend(new PooledBuffer(ByteBuffer.allocate(capacity), PooledBuffer.Size.ONE_OFF), account, owner);
    }

    private static PooledBuffer lend(PooledBuffer b, BufferAccount account, String owner) {
        b.buffer.clear();
        b.lent(account, owner);
        BufferChecks.lent(b);
        return b;
    }

    /** Large buffers lent out and not yet given back (for tests). */
    static int largeLent() {
        return LARGE_LENT.get();
    }

    /** Takes back a buffer whose last reference was released; only {@link PooledBuffer#release} calls this. */
    static void giveBack(PooledBuffer b) {
        BufferChecks.returned(b);
        if (BufferChecks.ENABLED) {
            b.site = new Throwable("returned to the pool here (it was lent to " + b.owner + ")");
        }
        // if/else rather than an enum switch, whose switch-map class would load at the first response.
        if (b.size == PooledBuffer.Size.LARGE) {
            LARGE_LENT.decrementAndGet();
            LARGE_STACKS.get().push(b);
        } else if (b.size == PooledBuffer.Size.SMALL) {
            STACKS.get().push(b);
        }
        // A ONE_OFF buffer was made for one oversized head and is left to the GC.
    }

    /** Counts a misused buffer as returned without lending it again: it is left to the GC. */
    static void retire(PooledBuffer b) {
        BufferChecks.returned(b);
        if (b.size == PooledBuffer.Size.LARGE) {
            LARGE_LENT.decrementAndGet();
        }
    }

    /** Each thread's stack, made on first use (a named class, not a lambda: see StartupClassesTest). */
    private static final class PerThread extends ThreadLocal<Stack> {
        private final int capacity;

        PerThread(int capacity) {
            this.capacity = capacity;
        }

        @Override
        protected Stack initialValue() {
            return new Stack(capacity);
        }
    }

    private static final class Stack {
        final PooledBuffer[] buffers;
        int size;

        Stack(int capacity) {
            buffers = new PooledBuffer[capacity];
        }

        PooledBuffer pop(PooledBuffer.Size kind) {
            if (size > 0) {
                PooledBuffer b = buffers[--size];
                buffers[size] = null;
                return b;
            }
            return kind == PooledBuffer.Size.LARGE
                    ? new PooledBuffer(ByteBuffer.allocateDirect(LARGE_BUFFER_SIZE), kind)
                    : new PooledBuffer(ByteBuffer.allocate(BUFFER_SIZE), kind);
        }

        void push(PooledBuffer b) {
            if (size < buffers.length) {
                buffers[size++] = b;
            }
        }
    }
}
