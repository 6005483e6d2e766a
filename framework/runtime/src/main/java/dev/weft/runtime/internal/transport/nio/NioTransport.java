package dev.weft.runtime.internal.transport.nio;

import dev.weft.runtime.internal.transport.ListenerIo;
import dev.weft.runtime.internal.transport.Placement;
import dev.weft.runtime.internal.transport.Poller;
import dev.weft.runtime.internal.transport.StreamIo;
import dev.weft.runtime.internal.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

/** The JDK's own: a selector per worker, socket channels. Available everywhere. */
public final class NioTransport implements Transport {
    /** The one instance (the transport holds no state). */
    public static final NioTransport INSTANCE = new NioTransport();

    private NioTransport() {
    }

    @Override
    public String name() {
        return "nio";
    }

    @Override
    public Poller openPoller() throws IOException {
        return new NioPoller();
    }

    @Override
    public ListenerIo bind(InetSocketAddress address, int backlog, boolean reusePort, Placement placement)
            throws IOException {
        return NioListener.bind(address, backlog, reusePort, placement);
    }

    @Override
    public StreamIo connect(InetSocketAddress address, Placement placement) throws IOException {
        return NioStream.connect(address, placement);
    }

    @Override
    public boolean reusePortSupported() {
        try (ServerSocketChannel ch = ServerSocketChannel.open()) {
            return ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException e) {
            return false;
        }
    }
}
