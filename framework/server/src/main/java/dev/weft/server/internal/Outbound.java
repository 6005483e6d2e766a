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
 * (read-only views, never copied). A queued view of a pooled buffer (an echoed slice of the
 * connection's read buffer) holds a reference to it until the view is written or dropped, so its
 * memory cannot be reused while it waits here.
 *
 * <p>Owned by the connection's task; not thread-safe.
 */
final class Outbound {
    /** Bodies up to this size are copied next to their head: one write instead of two buffers. */
    static final int COPY_THRESHOLD = 2048;
    private static final int INITIAL_SLOTS = 8;
    private static final String OWNER = "a connection's response staging buffer";

    private final BufferAccount account;
    private ByteBuffer[] queue = new ByteBuffer[INITIAL_SLOTS];
    /** The pooled buffer each queued buffer lives in (a reference held until written), or null. */
    private PooledBuffer[] leases = new PooledBuffer[INITIAL_SLOTS];
    private int head;
    private int tail;
    private ByteBuffer staging;
    /** The pooled buffer behind {@link #staging}, or null when it is a one-off allocation. */
    private PooledBuffer stagingLease;
    private long queuedBytes;
    /** Gathering writes issued, for tests that check batching; a plain field, never shared. */
    long writeCalls;

    /** @param account the ledger that counts this connection's buffers in checking mode */
    Outbound(BufferAccount account) {
        this.account = account;
    }

    /** A buffer with at least {@code minRoom} bytes free, in write mode, to encode into. */
    ByteBuffer staging(int minRoom) {
        if (staging != null && staging.remaining() >= minRoom) {
            return staging;
        }
        seal();
        if (staging != null) {
            // An empty staging buffer too small for what comes next: hand it back, not leak it.
            dropStaging();
        }
        if (minRoom <= BufferPool.BUFFER_SIZE) {
            stagingLease = BufferPool.borrow(account, OWNER);
            staging = stagingLease.buffer;
        } else {
            staging = ByteBuffer.allocate(minRoom);
        }
        return staging;
    }

    /** The current staging buffer after an encoder reported it too small: a fresh, larger one. */
    ByteBuffer grow(int atLeast) {
        int size = Math.max(atLeast, staging == null ? BufferPool.BUFFER_SIZE : staging.capacity() * 2);
        return staging(size);
    }

    /** Queues body bytes that belong to nobody the connection tracks: copied when small, else queued as a view. */
    void body(ByteBuffer bytes) {
        body(bytes, null);
    }

    /**
     * Queues body bytes that are a view of {@code source} (or of no pooled buffer when null):
     * copied when small, else queued as a view that keeps {@code source} alive until written.
     */
    void body(ByteBuffer bytes, PooledBuffer source) {
        int n = bytes.remaining();
        if (n == 0) {
            return;
        }
        if (n <= COPY_THRESHOLD) {
            staging(n).put(bytes.duplicate());
            return;
        }
        seal();
        enqueue(bytes.duplicate(), source == null ? null : source.retain());
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
     * @return true when everything was written (by the TLS layer too); false when the socket is full (the task's waker
     *     is registered for write readiness)
     * @throws java.io.UncheckedIOException when the peer is gone
     */
    boolean flush(SocketIo io, Context cx) {
        seal();
        if (BufferChecks.ENABLED) {
            for (int i = head; i < tail; i++) {
                if (leases[i] != null && !leases[i].isLive()) {
                    BufferChecks.violation("writing from a pooled buffer that is back in its pool", leases[i]);
                }
            }
        }
        while (head != tail) {
            // One buffer (a staged head with its small body, the usual case) takes the JDK's
            // plain write, which skips the gathering write's per-call I/O-vector set-up.
            long n = tail - head == 1 ? io.pollWrite(cx, queue[head]) : io.pollWrite(cx, queue, head, tail - head);
            writeCalls++;
            if (n == TcpStream.PENDING) {
                return false;
            }
            queuedBytes -= n;
            while (head != tail && !queue[head].hasRemaining()) {
                drop(head);
                head++;
            }
            if (n == 0 && head != tail) {
                return false;
            }
        }
        head = 0;
        tail = 0;
        // What a TLS layer sealed into records and could not write yet.
        return io.pollFlush(cx);
    }

    /** Drops everything unwritten, releasing what it held. */
    void release() {
        for (int i = head; i < tail; i++) {
            drop(i);
        }
        head = 0;
        tail = 0;
        queuedBytes = 0;
        if (staging != null) {
            dropStaging();
        }
    }

    /** True while any pooled buffer is held (for leak checks). */
    boolean holdsBuffers() {
        return head != tail || stagingLease != null;
    }

    private void drop(int i) {
        PooledBuffer lease = leases[i];
        if (lease != null) {
            leases[i] = null;
            lease.queuedViews--;
            lease.release();
        }
        queue[i] = null;
    }

    private void dropStaging() {
        PooledBuffer lease = stagingLease;
        staging = null;
        stagingLease = null;
        if (lease != null) {
            lease.release();
        }
    }

    private void seal() {
        if (staging == null || staging.position() == 0) {
            return;
        }
        ByteBuffer sealed = staging.flip();
        PooledBuffer lease = stagingLease;
        staging = null;
        stagingLease = null;
        // The queue entry takes over the staging buffer's reference.
        enqueue(sealed, lease);
    }

    private void enqueue(ByteBuffer b, PooledBuffer lease) {
        if (tail == queue.length) {
            if (head > 0) {
                System.arraycopy(queue, head, queue, 0, tail - head);
                System.arraycopy(leases, head, leases, 0, tail - head);
                Arrays.fill(queue, tail - head, tail, null);
                Arrays.fill(leases, tail - head, tail, null);
                tail -= head;
                head = 0;
            } else {
                queue = Arrays.copyOf(queue, queue.length * 2);
                leases = Arrays.copyOf(leases, leases.length * 2);
            }
        }
        queue[tail] = b;
        leases[tail] = lease;
        if (lease != null) {
            lease.queuedViews++;
        }
        tail++;
        queuedBytes += b.remaining();
    }
}
