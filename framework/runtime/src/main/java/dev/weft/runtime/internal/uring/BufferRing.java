package dev.weft.runtime.internal.uring;

import static dev.weft.runtime.internal.uring.Uapi.*;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.weft.runtime.internal.linux.Errno;
import dev.weft.runtime.internal.linux.NativeMemory;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provided buffer ring ({@code IORING_REGISTER_PBUF_RING}, Linux 5.19): a group of equal
 * buffers the kernel picks from when a receive with {@code IOSQE_BUFFER_SELECT} has data, so a
 * thousand idle connections with a receive armed hold no buffer each, only the ring does.
 *
 * <p>The ring of {@code struct io_uring_buf} entries is shared with the kernel: the kernel
 * consumes from its head (which it keeps to itself), we add at the tail, a 16-bit counter in the
 * first entry's reserved field, published with a store-release after the entries are written.
 * A buffer the kernel filled belongs to whoever reaped its completion until {@link #provide}
 * gives it back. Owner: the ring's thread.
 */
public final class BufferRing implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BufferRing.class);
    private static final VarHandle SHORT = ValueLayout.JAVA_SHORT.varHandle();
    private static final long PAGE = 4096;

    private final Ring ring;
    private final int group;
    private final int entries;
    private final int bufferSize;
    private final NativeMemory.Account memory;
    private final MemorySegment entriesMem;
    private final MemorySegment buffers;
    private int tail;
    private int available;
    private boolean closed;

    private BufferRing(Ring ring, int group, int entries, int bufferSize, NativeMemory.Account memory,
            MemorySegment entriesMem, MemorySegment buffers) {
        this.ring = ring;
        this.group = group;
        this.entries = entries;
        this.bufferSize = bufferSize;
        this.memory = memory;
        this.entriesMem = entriesMem;
        this.buffers = buffers;
    }

    /**
     * Registers {@code entries} buffers of {@code bufferSize} bytes as group {@code group} and
     * provides them all.
     *
     * @param entries a power of two, at most 32768
     */
    public static BufferRing register(Ring ring, int group, int entries, int bufferSize) throws RingException {
        if (Integer.bitCount(entries) != 1 || entries > 32768) {
            throw new IllegalArgumentException("entries must be a power of two up to 32768: " + entries);
        }
        if (group < 0 || group > 0xffff) {
            throw new IllegalArgumentException("group " + group);
        }
        NativeMemory.Account memory = new NativeMemory.Account();
        try {
            MemorySegment mem = memory.allocate(BUF_SIZE * entries, PAGE);
            mem.fill((byte) 0);
            // Mapped, not allocated: an arena would zero it all now, making every buffer
            // resident before the first byte arrives (4 MiB per worker idle, measured with NMT).
            MemorySegment bufs = memory.map((long) entries * bufferSize);
            MemorySegment reg = memory.allocate(BUF_REG_SIZE, 8);
            reg.fill((byte) 0);
            reg.set(JAVA_LONG, 0, mem.address());
            reg.set(JAVA_INT, 8, entries);
            reg.set(JAVA_SHORT, 12, (short) group);
            long r = ring.register(REGISTER_PBUF_RING, reg.address(), 1);
            if (r < 0) {
                throw new RingException("IORING_REGISTER_PBUF_RING", (int) r);
            }
            BufferRing b = new BufferRing(ring, group, entries, bufferSize, memory, mem, bufs);
            for (int bid = 0; bid < entries; bid++) {
                b.provide(bid);
            }
            b.publish();
            return b;
        } catch (RingException | RuntimeException e) {
            memory.close();
            throw e;
        }
    }

    public int group() {
        return group;
    }

    public int bufferSize() {
        return bufferSize;
    }

    public int entries() {
        return entries;
    }

    /** Buffers provided to the kernel and not yet reported used by a completion we saw. */
    public int available() {
        return available;
    }

    /** The buffer id a completion carries ({@code IORING_CQE_F_BUFFER}), or -1 if it carries none. */
    public static int bufferId(int cqeFlags) {
        return (cqeFlags & CQE_F_BUFFER) == 0 ? -1 : cqeFlags >>> CQE_BUFFER_SHIFT;
    }

    /** Records that the kernel handed buffer {@code bid} to a completion (it is now the caller's). */
    public void taken(int bid) {
        checkId(bid);
        available--;
    }

    /** The first {@code length} bytes of buffer {@code bid}, as a segment (allocates a view). */
    public MemorySegment buffer(int bid, int length) {
        checkId(bid);
        return buffers.asSlice((long) bid * bufferSize, length);
    }

    /**
     * Copies {@code length} bytes of buffer {@code bid}, from {@code offset}, into {@code dst} at
     * its position, advancing it; a heap buffer is copied into without a view.
     */
    public void copyTo(int bid, int offset, int length, ByteBuffer dst) {
        checkId(bid);
        long src = (long) bid * bufferSize + offset;
        if (dst.hasArray()) {
            MemorySegment.copy(buffers, JAVA_BYTE, src, dst.array(), dst.arrayOffset() + dst.position(), length);
        } else {
            MemorySegment.copy(buffers, src, MemorySegment.ofBuffer(dst), 0, length);
        }
        dst.position(dst.position() + length);
    }

    /** Stages buffer {@code bid} to be given back to the kernel by the next {@link #publish()}. */
    public void provide(int bid) {
        checkId(bid);
        long e = (long) (tail & (entries - 1)) * BUF_SIZE;
        entriesMem.set(JAVA_LONG, e, buffers.address() + (long) bid * bufferSize);
        entriesMem.set(JAVA_INT, e + 8, bufferSize);
        entriesMem.set(JAVA_SHORT, e + 12, (short) bid);
        tail++;
        available++;
    }

    /** Makes the staged buffers visible to the kernel (a store-release of the tail). */
    public void publish() {
        SHORT.setRelease(entriesMem, BUF_RING_TAIL, (short) tail);
    }

    private void checkId(int bid) {
        if (bid < 0 || bid >= entries) {
            throw new IllegalArgumentException("buffer id " + bid + " not in group " + group);
        }
    }

    /**
     * Unregisters the group (while the ring is open) and frees its memory as soon as no operation
     * of the ring is in flight (see {@link Ring#releaseWhenQuiescent}).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!ring.isClosed()) {
            MemorySegment reg = memory.allocate(BUF_REG_SIZE, 8);
            reg.fill((byte) 0);
            reg.set(JAVA_SHORT, 12, (short) group);
            long r = ring.register(UNREGISTER_PBUF_RING, reg.address(), 1);
            if (r < 0) {
                LOG.debug("unregistering buffer group {} failed: {}", group, Errno.name((int) r));
            }
        }
        ring.releaseWhenQuiescent(memory);
    }
}
