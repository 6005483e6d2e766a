package dev.weft.runtime.internal.transport.nio;

import dev.weft.runtime.internal.transport.Placement;
import java.io.IOException;
import java.nio.channels.SelectableChannel;

/**
 * A channel's registration with a selector, made the first time a call has to wait (with the
 * placement's worker), and the close that goes through it when there is one. Shared by
 * {@link NioStream} and {@link NioListener}.
 */
final class NioRegistration {
    private final SelectableChannel channel;
    private final Placement placement;
    private volatile NioSource source;
    private volatile boolean closed;

    NioRegistration(SelectableChannel channel, Placement placement) {
        this.channel = channel;
        this.placement = placement;
    }

    /** The source, registering now if this is the first wait. */
    NioSource source() throws IOException {
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

    /** The source if registered, else null. */
    NioSource registered() {
        synchronized (this) {
            return source;
        }
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Closes (idempotent): through the source when registered, which wakes its waiters, and with
     * {@code trackRelease} also tracks when the selector lets go of the socket.
     */
    void close(boolean trackRelease) throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        NioSource s = registered();
        if (s == null) {
            channel.close();
        } else if (trackRelease) {
            s.closeAndRelease();
        } else {
            s.close();
        }
    }
}
