package dev.weft.runtime.internal.transport;

import java.io.IOException;

/**
 * One worker's wait for the OS: a selector, an epoll instance, a ring. Only the owning worker
 * calls {@link #poll}; {@link #wakeup} and {@link #isEmpty} are called from any thread.
 */
public interface Poller {
    /**
     * True when nothing is registered, not even a closed handle the poller has yet to let go of:
     * the driver then parks on the thread (a futex wake is cheaper than waking a poller). A
     * registration must make this false before it wakes the owner, so the driver's re-check after
     * announcing its park cannot miss it.
     */
    boolean isEmpty();

    /**
     * Waits up to {@code timeoutMs} (-1: indefinitely, 0: not at all) for events, and delivers
     * every one to its handle (which wakes the waiting task) before returning. Returns early after
     * {@link #wakeup}.
     */
    void poll(long timeoutMs) throws IOException;

    /** Makes the current {@link #poll}, or the next one if none is running, return at once. Any thread. */
    void wakeup();

    /** How many wake-ups were issued (metrics). */
    long wakeups();

    /** Releases the poller; registered handles stop receiving events. Called once, by the runtime. */
    void close();
}
