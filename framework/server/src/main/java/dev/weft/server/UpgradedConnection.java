package dev.weft.server;

import dev.weft.runtime.Context;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The socket of a connection that left HTTP (see {@link ConnectionUpgrade}). Reads first return
 * the bytes the client sent after its upgrade request, already read by the server, then what the
 * socket gives.
 *
 * <p>Threading: used only from the poll of the {@code Async} the upgrade returned, which runs on
 * the connection's task (the server's ownership rule: one owner).
 *
 * <pre>{@code
 * int n = connection.pollRead(cx, buf);
 * if (n == UpgradedConnection.PENDING) return Poll.pending();
 * }</pre>
 */
public interface UpgradedConnection {
    /** Returned by the poll methods when the task's waker has been registered. */
    int PENDING = -2;

    /**
     * Reads into {@code dst}: bytes read (&gt; 0), -1 at end of stream, or {@link #PENDING}.
     *
     * @throws java.io.UncheckedIOException when the peer reset the connection
     */
    int pollRead(Context cx, ByteBuffer dst);

    /**
     * Gathering write: bytes written, or {@link #PENDING} once the waker is registered for room.
     *
     * @throws java.io.UncheckedIOException when the peer is gone
     */
    long pollWrite(Context cx, ByteBuffer[] srcs, int offset, int length);

    /** Sends FIN after the last byte written; reads go on. */
    void shutdownOutput();

    /** True once the server began a graceful shutdown: the protocol should say goodbye. */
    boolean serverShuttingDown();

    /** The client's address. */
    InetSocketAddress remoteAddress();
}
