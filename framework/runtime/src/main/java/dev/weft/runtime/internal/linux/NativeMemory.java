package dev.weft.runtime.internal.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The account of the native memory the native transports hold with explicit lifetimes: bytes
 * allocated from their arenas (an epoll poller's event array, an io_uring ring's buffers, a
 * connection's send buffer) and bytes the kernel mapped for rings. Every allocation goes through
 * an {@link Account} or {@link #malloc} and is given back when the account closes, so a test
 * (or a dashboard) can check that opening and closing pollers, rings and connections returns to
 * the baseline. A thread's {@link Scratch} is not counted: it is bounded by the number of
 * threads, never by the number of connections.
 */
public final class NativeMemory {
    private static final AtomicLong ALLOCATED = new AtomicLong();
    private static final AtomicLong MAPPED = new AtomicLong();

    private NativeMemory() {
    }

    /** Bytes allocated from arenas and not yet freed. */
    public static long allocatedBytes() {
        return ALLOCATED.get();
    }

    /** Bytes of ring memory mapped from the kernel and not yet unmapped. */
    public static long mappedBytes() {
        return MAPPED.get();
    }

    /**
     * {@code size} bytes from the C heap, not zeroed (so untouched pages cost no resident
     * memory), for memory with its own life (a connection's send buffer); give back with
     * {@link #free}. Any thread.
     */
    public static MemorySegment malloc(long size) {
        long addr = Libc.malloc(size);
        if (addr == 0) {
            throw new OutOfMemoryError("malloc(" + size + ") failed");
        }
        ALLOCATED.addAndGet(size);
        return MemorySegment.ofAddress(addr).reinterpret(size);
    }

    /** Gives back what {@link #malloc} gave. */
    public static void free(MemorySegment s) {
        Libc.free(s.address());
        ALLOCATED.addAndGet(-s.byteSize());
    }

    /** Counts {@code bytes} of ring memory the caller mapped. */
    public static void mapped(long bytes) {
        MAPPED.addAndGet(bytes);
    }

    /** Counts {@code bytes} of ring memory the caller unmapped. */
    public static void unmapped(long bytes) {
        MAPPED.addAndGet(-bytes);
    }

    /**
     * One owner's arena with its running total. Shared, so that whoever closes the owner (its
     * thread, or a shutdown) may close it; closing frees every segment at once.
     */
    public static final class Account implements AutoCloseable {
        private final Arena arena = Arena.ofShared();
        private long bytes;
        /** Anonymous mappings made by {@link #map}, unmapped at close (null until the first). */
        private List<MemorySegment> mappings;
        private boolean closed;

        /**
         * {@code size} bytes of anonymous memory from the kernel, page-aligned and zeroed, whose
         * pages become resident only when first written: for a large region the kernel fills
         * piecemeal (a provided buffer ring's buffers), which an arena would zero, and so make
         * resident, at once. Counted with the arenas' bytes.
         */
        public MemorySegment map(long size) {
            MemorySegment errno = arena.allocate(Libc.errnoSize(), 8);
            long addr = Libc.mmap(errno, 0, size, Libc.PROT_READ_WRITE, Libc.MAP_PRIVATE_ANONYMOUS, -1, 0);
            if (addr < 0) {
                throw new OutOfMemoryError("mmap of " + size + " bytes failed: " + Errno.name((int) -addr));
            }
            MemorySegment s = MemorySegment.ofAddress(addr).reinterpret(size);
            if (mappings == null) {
                mappings = new ArrayList<>(1);
            }
            mappings.add(s);
            bytes += size;
            ALLOCATED.addAndGet(size);
            return s;
        }

        public MemorySegment allocate(long size, long alignment) {
            MemorySegment s = arena.allocate(size, alignment);
            bytes += size;
            ALLOCATED.addAndGet(size);
            return s;
        }

        public long bytes() {
            return bytes;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (mappings != null) {
                MemorySegment errno = arena.allocate(Libc.errnoSize(), 8);
                for (MemorySegment m : mappings) {
                    Libc.munmap(errno, m.address(), m.byteSize());
                }
            }
            arena.close();
            ALLOCATED.addAndGet(-bytes);
        }
    }
}
