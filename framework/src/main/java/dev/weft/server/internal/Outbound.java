package dev.weft.server.internal;

import dev.weft.runtime.Context;
import dev.weft.runtime.net.TcpStream;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes a connection has yet to write, in order, flushed with one gathering write.
 *
 * <p>Response heads and small bodies are copied into a pooled staging buffer, so a batch of
 * pipelined responses usually leaves in a single buffer; large bodies are queued as they are
 * (read-only views, never copied).
 */
final class Outbound {
    /** Bodies up to this size are copied next to their head: one write instead of two buffers. */
    static final int COPY_THRESHOLD = 2048;
    private static final int INITIAL_SLOTS = 8;

    private ByteBuffer[] queue = new ByteBuffer[INITIAL_SLOTS];
    private boolean[] pooled = new boolean[INITIAL_SLOTS];
    private int head;
    private int tail;
    private ByteBuffer staging;
    private long queuedBytes;
    /** Gathering writes issued, for tests that check batching; a plain field, never shared. */
    long writeCalls;

    /** A buffer with at least {@code minRoom} bytes free, in write mode, to encode into. */
    ByteBuffer staging(int minRoom) {
        if (staging != null && staging.remaining() >= minRoom) {
            return staging;
        }
        seal();
        staging = minRoom <= BufferPool.BUFFER_SIZE ? BufferPool.borrow() : ByteBuffer.allocate(minRoom);
        return staging;
    }

    /** The current staging buffer after an encoder reported it too small: a fresh, larger one. */
    ByteBuffer grow(int atLeast) {
        int size = Math.max(atLeast, staging == null ? BufferPool.BUFFER_SIZE : staging.capacity() * 2);
        return staging(size);
    }

    /** Queues body bytes: copied when small and there is room, else queued as a view. */
    void body(ByteBuffer bytes) {
        int n = bytes.remaining();
        if (n == 0) {
            return;
        }
        if (n <= COPY_THRESHOLD) {
            staging(n).put(bytes.duplicate());
            return;
        }
        seal();
        enqueue(bytes.duplicate(), false);
    }

    /** True when nothing is waiting to be written. */
    boolean isEmpty() {
        return head == tail && (staging == null || staging.position() == 0);
    }

    /** Bytes queued or staged and not yet written. */
    long pendingBytes() {
        return queuedBytes + (staging == null ? 0 : staging.position());
    }

    /**
     * Writes as much as the socket takes.
     *
     * @return true when everything was written; false when the socket is full (the task's waker
     *     is registered for write readiness)
     * @throws java.io.UncheckedIOException when the peer is gone
     */
    boolean flush(TcpStream stream, Context cx) {
        seal();
        while (head != tail) {
            // One buffer (a staged head with its small body, the usual case) takes the JDK's
            // plain write, which skips the gathering write's per-call I/O-vector set-up.
            long n = tail - head == 1 ? stream.pollWrite(cx, queue[head]) : stream.pollWrite(cx, queue, head, tail - head);
            writeCalls++;
            if (n == TcpStream.PENDING) {
                return false;
            }
            queuedBytes -= n;
            while (head != tail && !queue[head].hasRemaining()) {
                if (pooled[head]) {
                    BufferPool.giveBack(queue[head]);
                }
                queue[head] = null;
                head++;
            }
            if (n == 0 && head != tail) {
                return false;
            }
        }
        head = 0;
        tail = 0;
        return true;
    }

    /** Drops everything, handing pooled buffers back. */
    void release() {
        for (int i = head; i < tail; i++) {
            if (pooled[i]) {
                BufferPool.giveBack(queue[i]);
            }
            queue[i] = null;
        }
        head = 0;
        tail = 0;
        queuedBytes = 0;
        if (staging != null) {
            BufferPool.giveBack(staging);
            staging = null;
        }
    }

    private void seal() {
        if (staging == null) {
            return;
        }
        if (staging.position() == 0) {
            return;
        }
        staging.flip();
        enqueue(staging, staging.capacity() == BufferPool.BUFFER_SIZE);
        staging = null;
    }

    private void enqueue(ByteBuffer b, boolean fromPool) {
        if (tail == queue.length) {
            if (head > 0) {
                System.arraycopy(queue, head, queue, 0, tail - head);
                System.arraycopy(pooled, head, pooled, 0, tail - head);
                Arrays.fill(queue, tail - head, tail, null);
                tail -= head;
                head = 0;
            } else {
                queue = Arrays.copyOf(queue, queue.length * 2);
                pooled = Arrays.copyOf(pooled, pooled.length * 2);
            }
        }
        queue[tail] = b;
        pooled[tail] = fromPool;
        tail++;
        queuedBytes += b.remaining();
    }
}
