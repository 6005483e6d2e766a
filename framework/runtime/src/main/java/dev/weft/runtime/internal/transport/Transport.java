package dev.weft.runtime.internal.transport;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * One way of reaching the OS's sockets and of waiting for them: a factory of per-worker
 * {@link Poller}s, listening sockets ({@link ListenerIo}) and connected sockets ({@link StreamIo}).
 * A runtime uses exactly one transport; every handle it makes belongs to that transport's pollers.
 *
 * <h2>The contract, in the runtime's poll style</h2>
 * Every operation that may wait takes the task's {@link dev.weft.runtime.Waker} and either gives a
 * result at once or returns "pending" having stored the waker; the waker is called once the
 * operation is worth retrying (a spurious call is allowed, a lost one is not). A handle registers
 * itself lazily with the {@link Reactor} its {@link Placement} names, the first time it needs one.
 * The worker's {@code Driver} parks by calling {@link Poller#poll} and keeps the park protocol
 * ({@code EMPTY / PARKED / NOTIFIED / PARKED_THREAD}) the same for every transport:
 * {@link Poller#wakeup} only has to make the current or next {@code poll} return.
 *
 * <h2>Readiness transports (NIO, epoll)</h2>
 * A poll operation makes the system call at once; when the kernel says "would block"
 * ({@code EAGAIN}) the handle stores the waker and asks its poller for readiness; the poller's
 * next {@code poll} turns the OS event into a wake. Bytes move straight between the caller's
 * {@code ByteBuffer} and the socket inside the call, so nothing is owned by the kernel between
 * calls.
 *
 * <h2>Completion transports (io_uring)</h2>
 * The kernel owns memory while an operation is in flight, so a completion handle keeps its own:
 * <ul>
 *   <li>{@link StreamIo#pollRead}: if a completed receive is queued (a multishot receive delivers
 *       into provided buffers), copy it into the caller's buffer and return the count, returning
 *       the provided buffer to its ring once empty; otherwise make sure a receive is armed, store
 *       the waker and return pending. End of stream and errors arrive as completions and are
 *       returned in order after the bytes before them.</li>
 *   <li>{@link StreamIo#pollWrite}: copy what fits into the handle's send memory, submit the
 *       send, and return the count taken (advancing the buffers as a readiness write does); when
 *       the send memory is full, store the waker and return pending. A failed send surfaces as the
 *       {@code IOException} of the next write (or the close).</li>
 *   <li>{@link StreamIo#close} / {@link ListenerIo#close}: cancel what is in flight; the
 *       descriptor (and the handle's memory) is released when the last completion is reaped,
 *       which is what {@link ListenerIo#pollReleased} waits for.</li>
 *   <li>{@link Poller#poll}: submit what was queued and reap completions in one
 *       {@code io_uring_enter}, waking the handles whose operations completed.</li>
 * </ul>
 */
public interface Transport {
    /** The name shown in logs and accepted by the {@code weft.transport} setting: {@code epoll}, {@code nio}. */
    String name();

    /** A poller for one worker's {@code Driver}; owned by that driver, closed with it. */
    Poller openPoller() throws IOException;

    /**
     * A non-blocking listening socket bound to {@code address} with SO_REUSEADDR on and, when
     * {@code reusePort}, SO_REUSEPORT. It registers with {@code placement}'s reactor on the first
     * accept that has to wait.
     */
    ListenerIo bind(InetSocketAddress address, int backlog, boolean reusePort, Placement placement)
            throws IOException;

    /**
     * Starts a non-blocking connect; {@link StreamIo#pollConnected} says when it is established.
     */
    StreamIo connect(InetSocketAddress address, Placement placement) throws IOException;

    /** Whether listening sockets may use SO_REUSEPORT here. */
    boolean reusePortSupported();
}
