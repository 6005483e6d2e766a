package dev.weft.runtime.internal.transport.epoll;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The transport's own accounting of the native memory it allocates with explicit lifetimes
 * (each poller's event array). Connections allocate none: their system calls use the calling
 * thread's {@link Scratch}, whose size is bounded by the number of threads. The leak test holds
 * this to its baseline after many connections.
 */
final class NativeMemory {
    private static final AtomicLong LIVE = new AtomicLong();

    private NativeMemory() {
    }

    static void allocated(long bytes) {
        LIVE.addAndGet(bytes);
    }

    static void freed(long bytes) {
        LIVE.addAndGet(-bytes);
    }

    /** Bytes allocated and not yet freed. */
    static long live() {
        return LIVE.get();
    }
}
