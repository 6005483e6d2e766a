package dev.weft.server.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-thread stacks of buffers in two sizes: heap buffers of {@link #BUFFER_SIZE} for request
 * heads and small bodies (the codec scans heads fastest in an array), direct buffers of
 * {@link #LARGE_BUFFER_SIZE} for large bodies. Connections borrow a buffer only while they
 * have bytes to hold and hand it back as soon as they are idle, so ten thousand idle keep-alive
 * connections hold no buffers at all.
 *
 * <p>A buffer may be returned on another thread than the one that lent it (a connection task can
 * move between workers); it simply joins that thread's stack. Each stack is capped, so a burst
 * never pins memory for good.
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

    /** A cleared buffer of {@link #BUFFER_SIZE} bytes, in write mode. */
    static ByteBuffer borrow() {
        return STACKS.get().pop(BUFFER_SIZE);
    }

    /**
     * A cleared buffer of {@link #LARGE_BUFFER_SIZE} bytes, in write mode; a small one from
     * {@link #borrow()} when {@link #MAX_LARGE_LENT} large buffers are already lent out.
     */
    static ByteBuffer borrowLarge() {
        if (LARGE_LENT.incrementAndGet() > MAX_LARGE_LENT) {
            LARGE_LENT.decrementAndGet();
            return borrow();
        }
        return LARGE_STACKS.get().pop(LARGE_BUFFER_SIZE);
    }

    /** Large buffers lent out and not yet given back (for tests). */
    static int largeLent() {
        return LARGE_LENT.get();
    }

    /** Hands back a buffer from {@link #borrow()} or {@link #borrowLarge()}; other buffers are left to the GC. */
    static void giveBack(ByteBuffer buffer) {
        if (buffer.isReadOnly()) {
            return;
        }
        if (buffer.isDirect()) {
            if (buffer.capacity() == LARGE_BUFFER_SIZE) {
                LARGE_LENT.decrementAndGet();
                LARGE_STACKS.get().push(buffer);
            }
        } else if (buffer.capacity() == BUFFER_SIZE) {
            STACKS.get().push(buffer);
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
        final ByteBuffer[] buffers;
        int size;

        Stack(int capacity) {
            buffers = new ByteBuffer[capacity];
        }

        ByteBuffer pop(int bufferSize) {
            if (size > 0) {
                ByteBuffer b = buffers[--size];
                buffers[size] = null;
                return b.clear();
            }
            return bufferSize == LARGE_BUFFER_SIZE ? ByteBuffer.allocateDirect(bufferSize) : ByteBuffer.allocate(bufferSize);
        }

        void push(ByteBuffer b) {
            if (size < buffers.length) {
                buffers[size++] = b;
            }
        }
    }
}
