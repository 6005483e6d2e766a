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
    private final NioRegistration registration;
    private final InetSocketAddress local;

    private NioListener(ServerSocketChannel channel, Placement placement) throws IOException {
        this.channel = channel;
        this.registration = new NioRegistration(channel, placement);
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

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public StreamIo pollAccept(Waker waker, Placement streamPlacement) throws IOException {
        if (registration.isClosed()) {
            throw new ClosedChannelException();
        }
        NioSource s = registration.source();
        SocketChannel sc = channel.accept();
        if (sc != null) {
            return new NioStream(sc, streamPlacement);
        }
        s.awaitReadable(waker, SelectionKey.OP_ACCEPT);
        // A close between the check above and the registration must not leave us waiting.
        if (registration.isClosed()) {
            throw new ClosedChannelException();
        }
        return null;
    }

    @Override
    public void clearAcceptWaker() {
        NioSource s = registration.registered();
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
        registration.close(true);
    }

    @Override
    public boolean pollReleased(Waker waker) {
        NioSource s = registration.registered();
        return s == null || s.pollReleased(waker);
    }
}
