package dev.weft.server.internal;

import dev.weft.runtime.Context;
import dev.weft.runtime.net.TcpStream;

import java.nio.ByteBuffer;

/**
 * A connection's read buffer: bytes read from the socket and not yet decoded, in a
 * {@link PooledBuffer} borrowed only while there are such bytes.
 *
 * <p>The buffer is in read mode: {@link #bytes()}'s position is the next byte to decode and its
 * limit the end of what was read. Bytes before the position are decoded; some of them may still
 * be in use as body slices handed to a subscriber or queued for writing (echo), each of which
 * holds a reference to the {@link PooledBuffer}. So the rule for reusing memory is the reference
 * count: decoded bytes are moved over ({@code compact}) only when this buffer is the sole holder;
 * otherwise new bytes go into the free space after the limit, and when there is none the
 * undecoded bytes move to a fresh buffer while the old one lives on until its last view is
 * released.
 *
 * <p>Owned by the connection's task; not thread-safe.
 */
final class ReadBuffer {
    /** {@link #fill} found the buffer full of bytes that cannot be decoded yet (a body waiting for demand). */
    static final int FULL = -3;
    private static final String OWNER = "a connection's read buffer";

    private final BufferAccount account;
    private PooledBuffer lease;
    /** {@code lease.buffer}, or null while nothing is held. */
    private ByteBuffer in;
    /** Free space before the last read, to tell whether the read drained the socket. */
    private int lastRoom;

    /** @param account the ledger that counts this connection's buffers in checking mode */
    ReadBuffer(BufferAccount account) {
        this.account = account;
    }

    /** The buffered bytes in read mode, or null when none are held. */
    ByteBuffer bytes() {
        return in;
    }

    /** The pooled buffer the current bytes (and slices of them) live in, or null. */
    PooledBuffer lease() {
        return lease;
    }

    /** True when bytes are buffered that the decoder has not consumed. */
    boolean hasUndecoded() {
        return in != null && in.hasRemaining();
    }

    /** True while a buffer is held (for tests and leak checks). */
    boolean holdsBuffer() {
        return lease != null;
    }

    /** The free space the last {@link #fill} offered the socket. */
    int lastRoom() {
        return lastRoom;
    }

    /**
     * Reads what the socket has into free space, first making room as the rules in the class
     * comment allow.
     *
     * @param preferLarge     the bytes to come are a large body: read them into a large buffer
     * @param cannotDecode    the bytes already buffered wait for a body's subscriber: when the
     *                        buffer is full, stop rather than grow (the subscriber's demand wakes
     *                        the connection)
     * @return bytes read (&gt; 0), -1 at end of stream, {@link TcpStream#PENDING} (the task is
     *     registered for readability) or {@link #FULL}
     */
    int fill(SocketIo io, Context cx, boolean preferLarge, boolean cannotDecode) {
        if (in == null) {
            hold(preferLarge ? BufferPool.borrowLarge(account, OWNER) : BufferPool.borrow(account, OWNER));
        } else if (preferLarge && !in.hasRemaining() && lease.refs() == 1 && lease.size != PooledBuffer.Size.LARGE) {
            // The head arrived in a small buffer and much of its body is still to come: read the
            // rest in large reads, into memory the socket can also write from without a copy.
            // Nothing is undecoded and nobody else holds the small one, so nothing moves.
            PooledBuffer large = BufferPool.borrowLarge(account, OWNER);
            lease.release();
            hold(large);
        }
        makeRoom(cannotDecode);
        int start = in.position();
        int end = in.limit();
        if (end == in.capacity()) {
            return FULL;
        }
        in.limit(in.capacity()).position(end);
        lastRoom = in.remaining();
        int n;
        try {
            n = io.pollRead(cx, in);
        } finally {
            int newEnd = in.position();
            in.limit(newEnd).position(start);
        }
        return n;
    }

    /** Moves or grows so that the free space after the limit is not empty, where the rules allow. */
    private void makeRoom(boolean cannotDecode) {
        int start = in.position();
        if (start > 0 && lease.refs() == 1) {
            // Nothing refers to the decoded bytes any more: move the undecoded ones to the front.
            in.compact();
            in.flip();
            return;
        }
        if (in.limit() < in.capacity()) {
            return; // room after the limit; decoded bytes before it may still be in use
        }
        if (start > 0) {
            // Full, and slices of the decoded part are still in use: continue in a fresh buffer.
            moveTo(lease.size == PooledBuffer.Size.LARGE ? BufferPool.borrowLarge(account, OWNER) : BufferPool.borrow(account, OWNER));
        } else if (!cannotDecode) {
            // A head larger than the buffer: grow, up to what the codec accepts anyway.
            moveTo(BufferPool.oneOff(in.capacity() * 2, account, OWNER));
        }
    }

    /** Copies the undecoded bytes into {@code fresh} and continues there. */
    private void moveTo(PooledBuffer fresh) {
        ByteBuffer target = fresh.buffer;
        target.put(in);
        target.flip();
        lease.release();
        lease = fresh;
        in = target;
    }

    private void hold(PooledBuffer b) {
        lease = b;
        in = b.buffer;
        in.flip(); // empty, in read mode
    }

    /** Throws away the undecoded bytes (the connection stopped decoding). */
    void discardUndecoded() {
        if (in != null) {
            in.position(in.limit());
        }
    }

    /**
     * Lets go of the buffer when nothing undecoded is left and no slice of it is in use. While a
     * slice is in use (an echo waiting for its write) the buffer is kept, and the next read goes
     * into its free space, rather than borrowing a second buffer for the same connection.
     */
    void releaseIfIdle() {
        if (in != null && !in.hasRemaining() && lease.refs() == 1) {
            release();
        }
    }

    /** Lets go of the buffer (the connection is closing). */
    void release() {
        if (lease != null) {
            PooledBuffer b = lease;
            lease = null;
            in = null;
            b.release();
        }
    }
}
