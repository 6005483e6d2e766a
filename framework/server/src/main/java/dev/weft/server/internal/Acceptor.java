package dev.weft.server.internal;

import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.net.TcpListener;
import dev.weft.runtime.net.TcpStream;
import dev.weft.runtime.time.Time;
import dev.weft.server.internal.tls.TlsContext;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accept loop as a task: accepts while under the connection limit and spawns one
 * {@link Connection} task per client. At the limit it stops accepting, so new clients wait in
 * the kernel's backlog, and resumes when a connection closes; or, with
 * {@code rejectExcessConnections}, keeps accepting and hands each excess client to a
 * {@link ConnectionRefusal} (503, {@code Retry-After}, close). It ends, closing the listener, as
 * soon as shutdown begins.
 *
 * <p>One task serves every listener of a server (the plain port and the TLS port), taking one
 * client from each in turn, so that the connection limit, the shutdown and the backoff after an
 * accept error are shared without any coordination between tasks.
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

    /**
     * A bound listener and what its connections speak.
     *
     * @param listener the bound listener; closed when the loop ends
     * @param tls      where its connections' TLS engines come from, or null for plain HTTP
     */
    public record Endpoint(TcpListener listener, TlsContext tls) {
    }

    private final ServerState server;
    private final List<Endpoint> endpoints;
    private Async<Void> backoff;

    /**
     * @param server   the server's shared state
     * @param listener the bound listener; closed when the loop ends
     */
    public Acceptor(ServerState server, TcpListener listener) {
        this(server, List.of(new Endpoint(listener, null)));
    }

    /**
     * @param server    the server's shared state
     * @param endpoints the bound listeners, each closed when the loop ends
     */
    public Acceptor(ServerState server, List<Endpoint> endpoints) {
        this.server = server;
        this.endpoints = List.copyOf(endpoints);
    }

    @Override
    public Poll<Void> poll(Context cx) {
        // Shutdown closes the listener at once, not when the next client happens to arrive.
        server.wakeAcceptorOnShutdown(cx.waker());
        int refused = 0;
        for (;;) {
            if (server.shuttingDown()) {
                // First no listener may take connections ahead of the acceptor (io_uring's
                // multishot accept does): what arrives from now on stays in the kernel's queue,
                // which the close hands to a successor on the same port (SO_REUSEPORT) instead of
                // this process resetting connections it took and nobody served.
                boolean allStopped = true;
                for (Endpoint e : endpoints) {
                    allStopped &= e.listener.pollStopAccepting(cx).isReady();
                }
                if (!allStopped) {
                    return Poll.pending();
                }
                for (Endpoint e : endpoints) {
                    acceptBacklog(e, cx);
                    e.listener.close();
                }
                // The acceptor ends, and shutdown moves on to STOPPING, only once every socket is
                // really closed: until this worker's selector lets go of it, the kernel would go
                // on completing handshakes that the close then resets. Each listener is asked
                // (and registers the waker), not only the first still open.
                boolean allClosed = true;
                for (Endpoint e : endpoints) {
                    allClosed &= e.listener.pollClosed(cx).isReady();
                }
                return allClosed ? Poll.ready(null) : Poll.pending();
            }
            if (backoff != null) {
                if (!backoff.poll(cx).isReady()) {
                    return Poll.pending();
                }
                backoff = null;
            }
            boolean rejectExcess = server.config.rejectExcessConnections();
            if (server.atConnectionLimit() && !rejectExcess) {
                server.parkAcceptor(cx.waker());
                if (server.atConnectionLimit() && !server.shuttingDown()) {
                    return Poll.pending();
                }
                continue;
            }
            // One client from each listener in turn; pending once none has one (each has
            // registered the waker).
            boolean accepted = false;
            for (Endpoint e : endpoints) {
                boolean refuse = server.atConnectionLimit();
                if (refuse && !rejectExcess) {
                    break;
                }
                TcpStream stream;
                try {
                    stream = e.listener.pollAccept(cx);
                } catch (UncheckedIOException failure) {
                    if (server.shuttingDown() || !e.listener.isOpen()) {
                        return Poll.ready(null);
                    }
                    log.warn("accept failed, retrying in {}: {}", ERROR_BACKOFF,
                            failure.getCause() == null ? failure : failure.getCause().toString());
                    backoff = Time.sleep(ERROR_BACKOFF);
                    accepted = true; // look at the backoff first
                    break;
                }
                if (stream == null) {
                    continue;
                }
                accepted = true;
                if (!refuse) {
                    serve(stream, e.tls);
                    continue;
                }
                refuse(stream, e.tls);
                if (++refused == REFUSALS_PER_POLL) {
                    cx.waker().wake();
                    return Poll.pending();
                }
            }
            // Every listener was asked (and registered the waker) unless the limit stopped the
            // round, in which case the loop parks above.
            if (!accepted && (rejectExcess || !server.atConnectionLimit())) {
                return Poll.pending();
            }
        }
    }

    /**
     * An excess client with {@code rejectExcessConnections}: on the plain port the pre-encoded 503
     * ({@link ConnectionRefusal}); on the TLS port a plain-text answer would be noise to a client
     * waiting for a ServerHello, and a handshake per refusal would spend the CPU the limit is
     * there to save, so the connection is closed at once.
     */
    private void refuse(TcpStream stream, TlsContext tls) {
        server.counters.connectionRefused();
        if (tls != null) {
            stream.close();
            return;
        }
        AsyncRuntime.spawnHere("refusal", new ConnectionRefusal(stream, server.buffers));
    }

    /**
     * Accepts the connections the kernel has already queued, so that closing the listener does
     * not reset them: each is answered once, with {@code Connection: close}. With SO_REUSEPORT
     * this is what lets a draining process hand the port over without losing a client.
     */
    private void acceptBacklog(Endpoint endpoint, Context cx) {
        for (;;) {
            TcpStream stream;
            try {
                stream = endpoint.listener.pollAccept(cx);
            } catch (UncheckedIOException e) {
                return;
            }
            if (stream == null) {
                return;
            }
            serve(stream, endpoint.tls);
        }
    }

    private void serve(TcpStream stream, TlsContext tls) {
        try {
            stream.setNoDelay(true);
        } catch (UncheckedIOException e) {
            stream.close();
            return;
        }
        Connection connection = tls == null
                ? new Connection(server, stream)
                : new Connection(server, TlsIo.accept(stream, tls, server.buffers));
        server.register(connection);
        AsyncRuntime.spawnHere("connection", connection);
    }

    @Override
    public void cancel() {
        for (Endpoint e : endpoints) {
            e.listener.close();
        }
    }
}
