package dev.weft.server.internal;

import dev.weft.runtime.Context;
import dev.weft.runtime.net.TcpStream;
import dev.weft.server.UpgradedConnection;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A connection's socket handed to an upgraded protocol: reads drain what the {@link RequestReader}
 * had already read past the upgrade request, then go to the socket. The read buffer stays the
 * connection's (it is released when the connection closes, as before the upgrade), so ownership
 * does not move: the upgraded protocol runs inside the connection's own poll.
 *
 * <p>Every byte goes through the connection's {@link SocketIo}, so an upgrade on the TLS port
 * (wss://) speaks TLS as the HTTP exchange before it did. A TLS layer may hold sealed records the
 * socket had no room for: {@link #flushHeldBack} writes them (the connection calls it around each
 * poll of the protocol), and a {@link #shutdownOutput} asked for meanwhile waits until they are
 * out, so that the last frame is not cut off by the FIN.
 *
 * <p>Touched only by the connection's task.
 */
final class UpgradedStream implements UpgradedConnection {
    private final ConnectionState c;
    private final RequestReader reader;
    /** The protocol ended its output while the TLS layer still held records: end it once they are written. */
    private boolean shutdownPending;

    UpgradedStream(ConnectionState c, RequestReader reader) {
        this.c = c;
        this.reader = reader;
    }

    @Override
    public int pollRead(Context cx, ByteBuffer dst) {
        if (reader.hasUndecoded()) {
            return reader.takeUndecoded(dst);
        }
        int n = c.io.pollRead(cx, dst);
        if (n > 0) {
            c.counters.bytesRead += n;
        }
        return n == TcpStream.PENDING ? PENDING : n;
    }

    @Override
    public long pollWrite(Context cx, ByteBuffer[] srcs, int offset, int length) {
        long n = c.io.pollWrite(cx, srcs, offset, length);
        if (n > 0) {
            c.counters.bytesWritten += n;
        }
        return n == TcpStream.PENDING ? PENDING : n;
    }

    @Override
    public void shutdownOutput() {
        if (c.io.hasBufferedOutput()) {
            shutdownPending = true;
            return;
        }
        c.io.shutdownOutput();
    }

    /**
     * Writes what the TLS layer holds back, then a shutdown the protocol asked for meanwhile.
     *
     * @return true when nothing is held back any more; false with the waker registered for room
     * @throws java.io.UncheckedIOException when the peer is gone
     */
    boolean flushHeldBack(Context cx) {
        if (!c.io.pollFlush(cx)) {
            return false;
        }
        if (shutdownPending) {
            shutdownPending = false;
            c.io.shutdownOutput();
        }
        return true;
    }

    @Override
    public boolean serverShuttingDown() {
        return c.server.shuttingDown();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return c.remote;
    }
}
