package dev.weft.runtime.internal.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * One thread's native scratch memory for system-call arguments: the {@code errno} capture, an
 * iovec array and a {@code msghdr} for gathering writes, a {@code sockaddr_storage} with its
 * length, an option value, and (allocated on first use) a bounded copy area for heap bytes a
 * gathering write cannot point the kernel at and for file transfer.
 *
 * <p>Owned by its thread (a {@link ThreadLocal}); freed by the garbage collector with the thread
 * ({@link Arena#ofAuto()}), so its size is bounded by the number of threads that do socket I/O,
 * never by the number of connections.
 */
public final class Scratch {
    /** iovec entries per gathering write: more buffers are written by the next call. */
    public static final int IOV_MAX = 64;
    /** Bytes copied per call when heap buffers are gathered or a file is transferred. */
    public static final int COPY_BYTES = 64 * 1024;

    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    private final Arena arena = Arena.ofAuto();
    public final MemorySegment errno = arena.allocate(Linker.Option.captureStateLayout());
    public final MemorySegment iov = arena.allocate(16L * IOV_MAX, 8);
    public final MemorySegment msghdr = arena.allocate(56, 8);
    public final MemorySegment addr = arena.allocate(128, 8);
    public final MemorySegment addrLen = arena.allocate(4, 4);
    public final MemorySegment value = arena.allocate(8, 8);
    public final MemorySegment valueLen = arena.allocate(4, 4);
    private MemorySegment copy;
    private ByteBuffer copyBuffer;

    public static Scratch get() {
        return LOCAL.get();
    }

    public MemorySegment copy() {
        if (copy == null) {
            copy = arena.allocate(COPY_BYTES, 8);
            copyBuffer = copy.asByteBuffer();
        }
        return copy;
    }

    /** The copy area as a buffer, cleared. */
    public ByteBuffer copyBuffer() {
        copy();
        return copyBuffer.clear();
    }
}
