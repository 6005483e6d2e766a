package dev.weft.runtime.internal.transport.nio;

import dev.weft.runtime.Waker;
import dev.weft.runtime.internal.transport.ListenerIo;
import dev.weft.runtime.internal.transport.Placement;
import dev.weft.runtime.internal.transport.StreamIo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A {@link ServerSocketChannel} as a {@link ListenerIo}, registering lazily on the first accept that waits. */
final class NioListener implements ListenerIo {
    private final ServerSocketChannel channel;
    private final Placement placement;
    private final InetSocketAddress local;
    private volatile NioSource source;
    private volatile boolean closed;

    private NioListener(ServerSocketChannel channel, Placement placement) throws IOException {
        this.channel = channel;
        this.placement = placement;
        this.local = (InetSocketAddress) channel.getLocalAddress();
    }

    static NioListener bind(InetSocketAddress addr, int backlog, boolean reusePort, Placement placement)
            throws IOException {
        ServerSocketChannel ch = null;
        try {
            ch = ServerSocketChannel.open();
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (reusePort && ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            ch.configureBlocking(false);
            ch.bind(addr, backlog);
            return new NioListener(ch, placement);
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private NioSource source() throws IOException {
        NioSource s = source;
        if (s == null) {
            synchronized (this) {
                s = source;
                if (s == null) {
                    s = new NioSource(channel, placement.reactor());
                    source = s;
                }
            }
        }
        return s;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public StreamIo pollAccept(Waker waker, Placement streamPlacement) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        NioSource s = source();
        SocketChannel sc = channel.accept();
        if (sc != null) {
            return new NioStream(sc, streamPlacement);
        }
        s.awaitReadable(waker, SelectionKey.OP_ACCEPT);
        // A close between the check above and the registration must not leave us waiting.
        if (closed) {
            throw new ClosedChannelException();
        }
        return null;
    }

    @Override
    public void clearAcceptWaker() {
        NioSource s = source;
        if (s != null) {
            s.clearReadWaker();
        }
    }

    @Override
    public <T> void setOption(SocketOption<T> option, T value) throws IOException {
        channel.setOption(option, value);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        NioSource s;
        synchronized (this) {
            s = source;
        }
        if (s != null) {
            s.closeAndRelease();
        } else {
            channel.close();
        }
    }

    @Override
    public boolean pollReleased(Waker waker) {
        NioSource s;
        synchronized (this) {
            s = source;
        }
        return s == null || s.pollReleased(waker);
    }
}
