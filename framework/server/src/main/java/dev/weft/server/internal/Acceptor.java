package dev.weft.server.internal;

import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.net.TcpListener;
import dev.weft.runtime.net.TcpStream;
import dev.weft.runtime.time.Time;

import java.io.UncheckedIOException;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accept loop as a task: accepts while under the connection limit and spawns one
 * {@link Connection} task per client. At the limit it stops accepting, so new clients wait in
 * the kernel's backlog, and resumes when a connection closes; or, with
 * {@code rejectExcessConnections}, keeps accepting and hands each excess client to a
 * {@link ConnectionRefusal} (503, {@code Retry-After}, close). It ends, closing the listener, as
 * soon as shutdown begins.
 */
public final class Acceptor implements Async<Void> {
    private static final Logger log = LoggerFactory.getLogger(Acceptor.class);
    /** After an accept error such as EMFILE, retrying at once would spin. */
    private static final Duration ERROR_BACKOFF = Duration.ofMillis(50);
    /**
     * Refusals in one poll before the acceptor yields to other tasks: a flood of excess clients
     * must not keep a worker in the accept loop (a heuristic, like Tokio's coop budget).
     */
    private static final int REFUSALS_PER_POLL = 64;

    private final ServerState server;
    private final TcpListener listener;
    private Async<Void> backoff;

    /**
     * @param server   the server's shared state
     * @param listener the bound listener; closed when the loop ends
     */
    public Acceptor(ServerState server, TcpListener listener) {
        this.server = server;
        this.listener = listener;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        // Shutdown closes the listener at once, not when the next client happens to arrive.
        server.wakeAcceptorOnShutdown(cx.waker());
        int refused = 0;
        for (;;) {
            if (server.shuttingDown()) {
                acceptBacklog(cx);
                listener.close();
                // The acceptor ends, and shutdown moves on to STOPPING, only once the socket is
                // really closed: until this worker's selector lets go of it, the kernel would go
                // on completing handshakes that the close then resets.
                return listener.pollClosed(cx);
            }
            if (backoff != null) {
                if (!backoff.poll(cx).isReady()) {
                    return Poll.pending();
                }
                backoff = null;
            }
            boolean refuse = server.atConnectionLimit() && server.config.rejectExcessConnections();
            if (server.atConnectionLimit() && !refuse) {
                server.parkAcceptor(cx.waker());
                if (server.atConnectionLimit() && !server.shuttingDown()) {
                    return Poll.pending();
                }
                continue;
            }
            TcpStream stream;
            try {
                stream = listener.pollAccept(cx);
            } catch (UncheckedIOException e) {
                if (server.shuttingDown() || !listener.isOpen()) {
                    return Poll.ready(null);
                }
                log.warn("accept failed, retrying in {}: {}", ERROR_BACKOFF, e.getCause() == null ? e : e.getCause().toString());
                backoff = Time.sleep(ERROR_BACKOFF);
                continue;
            }
            if (stream == null) {
                return Poll.pending();
            }
            if (refuse) {
                AsyncRuntime.spawnHere("refusal", new ConnectionRefusal(stream, server.buffers));
                if (++refused == REFUSALS_PER_POLL) {
                    cx.waker().wake();
                    return Poll.pending();
                }
                continue;
            }
            serve(stream);
        }
    }

    /**
     * Accepts the connections the kernel has already queued, so that closing the listener does
     * not reset them: each is answered once, with {@code Connection: close}. With SO_REUSEPORT
     * this is what lets a draining process hand the port over without losing a client.
     */
    private void acceptBacklog(Context cx) {
        for (;;) {
            TcpStream stream;
            try {
                stream = listener.pollAccept(cx);
            } catch (UncheckedIOException e) {
                return;
            }
            if (stream == null) {
                return;
            }
            serve(stream);
        }
    }

    private void serve(TcpStream stream) {
        try {
            stream.setNoDelay(true);
        } catch (UncheckedIOException e) {
            stream.close();
            return;
        }
        Connection connection = new Connection(server, stream);
        server.register(connection);
        AsyncRuntime.spawnHere("connection", connection);
    }

    @Override
    public void cancel() {
        listener.close();
    }
}
