package dev.weft.server.internal;

import dev.weft.runtime.Context;
import dev.weft.runtime.net.TcpStream;
import dev.weft.server.tls.TlsInfo;

import java.nio.ByteBuffer;

/** A connection's bytes as they are on the socket: every call goes straight to the {@link TcpStream}. */
final class PlainIo implements SocketIo {
    private final TcpStream stream;

    PlainIo(TcpStream stream) {
        this.stream = stream;
    }

    @Override
    public int pollRead(Context cx, ByteBuffer dst) {
        return stream.pollRead(cx, dst);
    }

    @Override
    public void awaitReadable(Context cx) {
        stream.awaitReadable(cx);
    }

    @Override
    public long pollWrite(Context cx, ByteBuffer[] srcs, int offset, int length) {
        return stream.pollWrite(cx, srcs, offset, length);
    }

    @Override
    public int pollWrite(Context cx, ByteBuffer src) {
        return stream.pollWrite(cx, src);
    }

    @Override
    public boolean pollFlush(Context cx) {
        return true;
    }

    @Override
    public boolean hasBufferedOutput() {
        return false;
    }

    @Override
    public void shutdownOutput() {
        stream.shutdownOutput();
    }

    @Override
    public void close() {
        stream.close();
    }

    @Override
    public boolean passesBytesThrough() {
        return true;
    }

    @Override
    public void takeEarlyBytes(ByteBuffer early) {
        throw new IllegalStateException("a plain connection's early bytes stay in its read buffer");
    }

    @Override
    public TcpStream stream() {
        return stream;
    }

    @Override
    public TlsInfo tls() {
        return null;
    }

    @Override
    public boolean holdsBuffers() {
        return false;
    }
}
