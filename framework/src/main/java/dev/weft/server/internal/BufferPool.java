package dev.weft.server.internal;

import java.nio.ByteBuffer;

/**
 * Per-thread stacks of equally sized heap buffers. Connections borrow a buffer only while they
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
    /** Enough for a worker's busy connections between two polls; beyond it buffers go to the GC. */
    private static final int MAX_POOLED_PER_THREAD = 64;

    private static final ThreadLocal<Stack> STACKS = ThreadLocal.withInitial(Stack::new);

    private BufferPool() {
    }

    /** A cleared buffer of {@link #BUFFER_SIZE} bytes, in write mode. */
    static ByteBuffer borrow() {
        Stack s = STACKS.get();
        if (s.size > 0) {
            ByteBuffer b = s.buffers[--s.size];
            s.buffers[s.size] = null;
            return b.clear();
        }
        return ByteBuffer.allocate(BUFFER_SIZE);
    }

    /** Hands back a buffer from {@link #borrow()}; buffers of other sizes are left to the GC. */
    static void giveBack(ByteBuffer buffer) {
        if (buffer.capacity() != BUFFER_SIZE || buffer.isReadOnly() || buffer.isDirect()) {
            return;
        }
        Stack s = STACKS.get();
        if (s.size < MAX_POOLED_PER_THREAD) {
            s.buffers[s.size++] = buffer;
        }
    }

    private static final class Stack {
        final ByteBuffer[] buffers = new ByteBuffer[MAX_POOLED_PER_THREAD];
        int size;
    }
}
