package dev.weft.runtime.internal.transport.nio;

import dev.weft.runtime.Waker;
import dev.weft.runtime.internal.transport.Placement;
import dev.weft.runtime.internal.transport.StreamIo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A {@link SocketChannel} as a {@link StreamIo}: each poll makes the channel call, and only when it
 * gives nothing registers (lazily, with the placement's selector) for readiness.
 */
final class NioStream implements StreamIo {
    private final SocketChannel channel;
    private final NioRegistration registration;

    NioStream(SocketChannel channel, Placement placement) throws IOException {
        this.channel = channel;
        this.registration = new NioRegistration(channel, placement);
        channel.configureBlocking(false);
    }

    /** Opens a channel and starts connecting it. */
    static NioStream connect(InetSocketAddress address, Placement placement) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            NioStream s = new NioStream(ch, placement);
            ch.connect(address);
            return s;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private NioSource source() throws IOException {
        return registration.source();
    }

    @Override
    public boolean pollConnected(Waker waker) throws IOException {
        if (channel.finishConnect()) {
            return true;
        }
        source().awaitWritable(waker, SelectionKey.OP_CONNECT);
        return false;
    }

    @Override
    public int pollRead(Waker waker, ByteBuffer dst) throws IOException {
        int n = channel.read(dst);
        if (n != 0) {
            return n;
        }
        source().awaitReadable(waker, SelectionKey.OP_READ);
        return PENDING;
    }

    @Override
    public void awaitReadable(Waker waker) throws IOException {
        source().awaitReadable(waker, SelectionKey.OP_READ);
    }

    @Override
    public long pollWrite(Waker waker, ByteBuffer[] srcs, int offset, int length) throws IOException {
        long n = channel.write(srcs, offset, length);
        if (n > 0) {
            return n;
        }
        for (int i = offset; i < offset + length; i++) {
            if (srcs[i].hasRemaining()) {
                source().awaitWritable(waker, SelectionKey.OP_WRITE);
                return PENDING;
            }
        }
        return 0;
    }

    @Override
    public int pollWrite(Waker waker, ByteBuffer src) throws IOException {
        int n = channel.write(src);
        if (n > 0 || !src.hasRemaining()) {
            return n;
        }
        source().awaitWritable(waker, SelectionKey.OP_WRITE);
        return PENDING;
    }

    @Override
    public long pollTransferFrom(Waker waker, FileChannel file, long position, long count) throws IOException {
        long n = file.transferTo(position, count, channel);
        if (n > 0) {
            return n;
        }
        if (position >= file.size()) {
            throw new IOException("the file ended at " + file.size() + " before the region to send did");
        }
        source().awaitWritable(waker, SelectionKey.OP_WRITE);
        return PENDING;
    }

    @Override
    public void clearReadWaker() {
        NioSource s = registration.registered();
        if (s != null) {
            s.clearReadWaker();
        }
    }

    @Override
    public void clearWriteWaker() {
        NioSource s = registration.registered();
        if (s != null) {
            s.clearWriteWaker();
        }
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public <T> void setOption(SocketOption<T> option, T value) throws IOException {
        channel.setOption(option, value);
    }

    @Override
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() throws IOException {
        return (InetSocketAddress) channel.getRemoteAddress();
    }

    @Override
    public void close() throws IOException {
        registration.close(false);
    }

    @Override
    public String toString() {
        return channel.toString();
    }
}
