package dev.weft.runtime.internal.transport.uring;

import dev.weft.runtime.internal.transport.ListenerIo;
import dev.weft.runtime.internal.transport.Placement;
import dev.weft.runtime.internal.transport.Poller;
import dev.weft.runtime.internal.transport.StreamIo;
import dev.weft.runtime.internal.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Linux's io_uring through the FFM API: a ring per worker, completions instead of readiness.
 * Usable when {@link dev.weft.runtime.internal.uring.UringSupport#check()} says so.
 */
public final class UringTransport implements Transport {
    /** The one instance (the transport holds no state; each poller holds its ring). */
    public static final UringTransport INSTANCE = new UringTransport();

    private UringTransport() {
    }

    @Override
    public String name() {
        return "io_uring";
    }

    @Override
    public Poller openPoller() throws IOException {
        return new UringPoller();
    }

    @Override
    public ListenerIo bind(InetSocketAddress address, int backlog, boolean reusePort, Placement placement)
            throws IOException {
        return UringListener.bind(address, backlog, reusePort, placement);
    }

    @Override
    public StreamIo connect(InetSocketAddress address, Placement placement) throws IOException {
        return UringStream.connect(address, placement);
    }

    @Override
    public boolean reusePortSupported() {
        return true; // Linux 3.9+, and io_uring needs far newer
    }
}
