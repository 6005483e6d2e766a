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
 * <p>Touched only by the connection's task.
 */
final class UpgradedStream implements UpgradedConnection {
    private final ConnectionState c;
    private final RequestReader reader;

    UpgradedStream(ConnectionState c, RequestReader reader) {
        this.c = c;
        this.reader = reader;
    }

    @Override
    public int pollRead(Context cx, ByteBuffer dst) {
        if (reader.hasUndecoded()) {
            return reader.takeUndecoded(dst);
        }
        int n = c.stream.pollRead(cx, dst);
        if (n > 0) {
            c.counters.bytesRead += n;
        }
        return n == TcpStream.PENDING ? PENDING : n;
    }

    @Override
    public long pollWrite(Context cx, ByteBuffer[] srcs, int offset, int length) {
        long n = c.stream.pollWrite(cx, srcs, offset, length);
        if (n > 0) {
            c.counters.bytesWritten += n;
        }
        return n == TcpStream.PENDING ? PENDING : n;
    }

    @Override
    public void shutdownOutput() {
        c.stream.shutdownOutput();
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
