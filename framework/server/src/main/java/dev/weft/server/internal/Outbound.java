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
 * <p>A file region ({@link #file}) takes a slot of its own: the buffers before it are written
 * with a gathering write, then the region goes from the file to the socket in the kernel
 * ({@link TcpStream#pollTransferFrom}), as far as the socket takes it, then the buffers after it.
 * The queue owns the region's channel and closes it once written or dropped.
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
    /** The file region a slot stands for (its buffer is an empty placeholder), or null. */
    private FileSlot[] files = new FileSlot[INITIAL_SLOTS];
    /** Whether file regions may be sent by the kernel (plain TCP), or must be read and copied (TLS). */
    private final boolean zeroCopy;
    private int head;
    private int tail;
    private ByteBuffer staging;
    /** The pooled buffer behind {@link #staging}, or null when it is a one-off allocation. */
    private PooledBuffer stagingLease;
    private long queuedBytes;
    /** Gathering writes issued, for tests that check batching; a plain field, never shared. */
    long writeCalls;

    /** An outbound queue for a plain socket, which sends file regions itself. */
    Outbound(BufferAccount account) {
        this(account, true);
    }

    /**
     * @param account  the ledger that counts this connection's buffers in checking mode
     * @param zeroCopy true when the transport writes to the socket as it is, so that a file
     *                 region can go from the file to the socket in the kernel; false for one that
     *                 transforms the bytes (TLS), where file bodies are read and written as buffers
     */
    Outbound(BufferAccount account, boolean zeroCopy) {
        this.account = account;
        this.zeroCopy = zeroCopy;
    }

    /** True when {@link #file} may be used: the transport can send a file region by itself. */
    boolean sendsFiles() {
        return zeroCopy;
    }

    /**
     * Queues {@code length} bytes of {@code channel} from {@code position}, to be sent without
     * copying; the queue closes the channel once they are written or dropped.
     */
    void file(java.nio.channels.FileChannel channel, long position, long length) {
        seal();
        enqueue(EMPTY, null);
        files[tail - 1] = new FileSlot(channel, position, length);
        queuedBytes += length;
    }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /** A queued file region: where the next byte to send is and how many are left. Mutable, task-owned. */
    private static final class FileSlot {
        final java.nio.channels.FileChannel channel;
        long position;
        long left;

        FileSlot(java.nio.channels.FileChannel channel, long position, long left) {
            this.channel = channel;
            this.position = position;
            this.left = left;
        }

        void close() {
            try {
                channel.close();
            } catch (java.io.IOException e) {
                // A file opened for reading loses nothing when its close fails.
            }
        }
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
            FileSlot file = files[head];
            if (file != null) {
                // Only queued when zeroCopy: the socket carries the bytes as they are (PlainIo).
                long n = io.stream().pollTransferFrom(cx, file.channel, file.position, file.left);
                writeCalls++;
                if (n == TcpStream.PENDING) {
                    return false;
                }
                file.position += n;
                file.left -= n;
                queuedBytes -= n;
                if (file.left == 0) {
                    drop(head);
                    head++;
                }
                continue;
            }
            int end = head;
            while (end != tail && files[end] == null) {
                end++;
            }
            // One buffer (a staged head with its small body, the usual case) takes the JDK's
            // plain write, which skips the gathering write's per-call I/O-vector set-up.
            long n = end - head == 1 ? io.pollWrite(cx, queue[head]) : io.pollWrite(cx, queue, head, end - head);
            writeCalls++;
            if (n == TcpStream.PENDING) {
                return false;
            }
            queuedBytes -= n;
            while (head != end && !queue[head].hasRemaining()) {
                drop(head);
                head++;
            }
            if (n == 0 && head != end) {
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
        FileSlot file = files[i];
        if (file != null) {
            files[i] = null;
            file.close();
        }
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
                System.arraycopy(files, head, files, 0, tail - head);
                Arrays.fill(queue, tail - head, tail, null);
                Arrays.fill(leases, tail - head, tail, null);
                Arrays.fill(files, tail - head, tail, null);
                tail -= head;
                head = 0;
            } else {
                queue = Arrays.copyOf(queue, queue.length * 2);
                leases = Arrays.copyOf(leases, leases.length * 2);
                files = Arrays.copyOf(files, files.length * 2);
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
