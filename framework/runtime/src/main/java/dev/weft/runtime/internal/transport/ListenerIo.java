package dev.weft.runtime.internal.transport;

import dev.weft.runtime.Waker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;

/** A listening TCP socket of one transport. One task accepts at a time; {@link #close} from any thread. */
public interface ListenerIo {
    /** The bound address, with the real port when bound to port 0. */
    InetSocketAddress localAddress();

    /**
     * An accepted connection (a stream of the same transport, registering with
     * {@code placement}'s reactor when it first needs one), or null after storing the waker.
     *
     * @throws java.nio.channels.ClosedChannelException after {@link #close}
     */
    StreamIo pollAccept(Waker waker, Placement placement) throws IOException;

    /** Forgets the stored accept waker without calling it. */
    void clearAcceptWaker();

    <T> void setOption(SocketOption<T> option, T value) throws IOException;

    /**
     * Stops taking connections from the kernel ahead of {@link #pollAccept}, for a close that
     * should leave the kernel's queue to the kernel (SO_REUSEPORT hands it to another listener of
     * the group): true once no connection can arrive here any more except through
     * {@link #pollAccept}; false after storing the waker. Those already taken are still returned
     * by {@link #pollAccept}, which no longer asks the kernel for more. A readiness transport
     * never accepts ahead: true at once.
     */
    default boolean pollStopAccepting(Waker waker) {
        return true;
    }

    /** Closes (idempotent, any thread); a stored accept waker is called. */
    void close() throws IOException;

    /**
     * After {@link #close}: true once the kernel's socket is really gone (no client can connect
     * any more); false after storing the waker, which is called then.
     */
    boolean pollReleased(Waker waker);
}
