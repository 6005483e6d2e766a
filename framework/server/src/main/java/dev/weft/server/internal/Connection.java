package dev.weft.server.internal;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;
import dev.weft.runtime.net.TcpStream;
import dev.weft.server.ServerStats.CloseCause;

import java.io.UncheckedIOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection as one task: read, decode, dispatch each request to the service, and
 * write the responses in request order — hyper's HTTP/1 dispatcher, as a poll-based state machine.
 * This class is the loop and the lifecycle; the work is done by its parts, each in its own file:
 * <ul>
 *   <li>{@link ProxyHeaderReader}: on a PROXY protocol listener, the header before any HTTP;</li>
 *   <li>{@link RequestReader}: the socket's input, through the {@link ReadBuffer} and the decoder,
 *       into exchanges and request bodies;</li>
 *   <li>{@link ResponseWriter}: handlers' answers, in request order, into {@link Outbound};</li>
 *   <li>{@link Outbound}: the bytes to write, flushed with one gathering write;</li>
 *   <li>{@link SocketIo}: the socket under both, as it is or through TLS;</li>
 *   <li>{@link Deadlines}: idle, header-read, request and stalled-response timeouts;</li>
 *   <li>{@link ConnectionState}: what they share, and where the connection stands.</li>
 * </ul>
 *
 * <p>Each poll loops until nothing moves: decode everything already buffered (pipelined requests
 * are dispatched together), poll the pending responses, stage every response that is ready in
 * order, and flush them with one gathering write.
 *
 * <h2>Ownership: one thread at a time, the task's</h2>
 * The connection's state, its read buffer, its outbound queue and every pooled buffer it holds
 * (see {@link PooledBuffer}) are touched only inside {@link #poll} and {@link #cancel}, which the
 * runtime never runs on two threads at once for one task. Every other thread only hands over a
 * value and wakes the task. The cross-thread entry points, and what guards each:
 * <ul>
 *   <li>{@link #wakeFromAnyThread()}, the callback given to every request body and response body
 *       subscriber: wakes the task (the {@link Waker} is a volatile field); from inside the poll it
 *       only sets {@code wokenWhilePolling}, read by the same thread;</li>
 *   <li>a request body's {@code subscribe}, {@code request} and {@code cancel}
 *       ({@link RequestBodyChannel}): atomics and volatiles, then a wake; every signal to the
 *       subscriber is sent from the poll;</li>
 *   <li>a response body publisher's {@code onSubscribe}, {@code onNext}, {@code onError} and
 *       {@code onComplete} ({@link ResponseBodySubscriber}): recorded under the subscriber's lock,
 *       then a wake; the poll takes them out under the same lock;</li>
 *   <li>a handler finishing on another thread (a blocking handler on a virtual thread, a spawned
 *       task): it completes the handler's own {@link Async}, whose waker is this task;</li>
 *   <li>socket readiness and timers: the runtime's reactor and timer wheel wake the task;</li>
 *   <li>{@link #abort()} at the shutdown deadline: a volatile flag, then a wake;</li>
 *   <li>graceful shutdown ({@link ServerState#beginShutdown()}): a volatile flag in the server's
 *       state, then a wake;</li>
 *   <li>the acceptor creates the connection and spawns its task; the runtime's queues publish it.</li>
 * </ul>
 *
 * <p>Shutdown of a connection, in order of preference: after the last response when the client
 * or the server asked for {@code Connection: close}; when the client half-closes and every
 * request it sent is answered; at once when the client resets or a write fails (then every
 * pending handler and body stream is cancelled).
 */
final class Connection implements Async<Void> {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    /** Output beyond this is written at once rather than batched further: bounds what a connection holds. */
    static final int EAGER_FLUSH_BYTES = 64 * 1024;

    /** Where the connection is in its life. */
    private enum Lifecycle {
        /** Reading requests and writing responses. */
        OPEN,
        /** Output is shut down; input is discarded until the client's FIN or the deadline. */
        LINGERING,
        /** A 101 was written: the socket belongs to the upgraded protocol's session. */
        UPGRADED,
        /** The socket is closed and every buffer released. */
        CLOSED
    }

    private final ConnectionState c;
    private final Outbound out;
    private final RequestReader reader;
    private final ResponseWriter writer;
    private final Deadlines deadlines;
    /** Reads the PROXY protocol header before any HTTP; null when the listener has none or it is read. */
    private ProxyHeaderReader proxyHeader;
    private Lifecycle lifecycle = Lifecycle.OPEN;
    /** Set once output is shut down and input is being discarded until EOF or the deadline. */
    private LingeringClose lingering;
    /** The upgraded protocol's session, polled in place of HTTP once a 101 is written. */
    private Async<Void> upgraded;
    /** The socket as the upgraded protocol sees it, while {@link #upgraded} runs. */
    private UpgradedStream upgradedStream;

    private volatile Waker waker;
    /**
     * The thread inside {@link #poll}, or null. Plain on purpose: only the equality check in
     * {@link #wakeFromAnyThread} reads it, and a thread always sees its own last write (the null
     * it stored when its poll ended) or a later one by another thread, never a stale self.
     */
    private Thread pollingThread;
    private boolean wokenWhilePolling;
    private volatile boolean abortRequested;

    Connection(ServerState server, TcpStream stream) {
        this(server, new PlainIo(stream));
    }

    /** A connection whose bytes go through {@code io} (plain, or TLS). */
    Connection(ServerState server, SocketIo io) {
        this.c = new ConnectionState(server, io, new Runnable() {
            @Override
            public void run() {
                wakeFromAnyThread();
            }
        });
        // A plain socket sends file regions itself (sendfile); TLS must see the bytes to encrypt
        // them, so there file bodies take the buffered path (FileRegion.publisher()).
        this.out = new Outbound(server.buffers, io.passesBytesThrough());
        this.reader = new RequestReader(c);
        this.writer = new ResponseWriter(c, out);
        this.deadlines = new Deadlines(c);
        this.proxyHeader = server.config.proxyProtocol() ? new ProxyHeaderReader(c, reader.buffer()) : null;
    }

    // ---- waking -----------------------------------------------------------------------------

    /**
     * Asks for another poll. From inside this connection's own poll it only notes the wish (the
     * poll loop looks again), which saves a trip through the scheduler.
     */
    void wakeFromAnyThread() {
        if (pollingThread == Thread.currentThread()) {
            wokenWhilePolling = true;
            return;
        }
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }

    /** This connection's counters, which snapshots of the server's stats read from another thread. */
    ConnectionCounters counters() {
        return c.counters;
    }

    /** Why the connection closed (meaningful once it has). */
    CloseCause closeCause() {
        return c.closeCause;
    }

    /** Gathering writes issued so far (for tests). */
    long writeCalls() {
        return out.writeCalls;
    }

    /** Closes the connection at its next poll, cancelling its work (shutdown deadline passed). */
    void abort() {
        abortRequested = true;
        wakeFromAnyThread();
    }

    // ---- the poll loop ----------------------------------------------------------------------

    @Override
    public Poll<Void> poll(Context cx) {
        if (lifecycle == Lifecycle.CLOSED) {
            return Poll.ready(null);
        }
        Waker w = cx.waker();
        if (waker != w) {
            waker = w;
        }
        pollingThread = Thread.currentThread();
        c.now = System.nanoTime();
        try {
            if (abortRequested) {
                terminate(CloseCause.SHUTDOWN_DEADLINE, "server shutdown deadline passed");
                return Poll.ready(null);
            }
            if (lifecycle == Lifecycle.LINGERING) {
                return linger(cx);
            }
            if (lifecycle == Lifecycle.UPGRADED) {
                return runUpgraded(cx);
            }
            if (proxyHeader != null) {
                switch (proxyHeader.poll(cx)) {
                    case PENDING -> {
                        return Poll.pending();
                    }
                    case FAILED -> {
                        // No HTTP response is possible before the header: close without one.
                        c.closeCause = proxyHeader.closeCause();
                        close();
                        return Poll.ready(null);
                    }
                    case DONE -> proxyHeader = null;
                }
            }
            reader.newPoll();
            boolean progress;
            do {
                wokenWhilePolling = false;
                progress = reader.readAndDecode(cx);
                progress |= writer.respond(cx);
                // Write when nothing else moves (or much is queued): everything produced by one
                // batch of input leaves in one gathering write, as Netty flushes on read-complete.
                // An echo's head and its first body bytes then share a write.
                if (!progress || out.pendingBytes() >= EAGER_FLUSH_BYTES || allAnsweredAndInputDrained()) {
                    progress |= flush(cx);
                }
                if (c.server.shuttingDown() && c.counters.requests != 0 && isIdle()) {
                    // Shutdown closes idle keep-alive connections (a request head was received);
                    // one whose next request has begun to arrive (or was already readable, see
                    // readAndDecode) is answered first, and so is the first request of a
                    // connection just accepted: its client connected to send one.
                    c.noMoreRequests();
                }
                if (c.upgrade != null && c.exchanges.isEmpty() && out.isEmpty() && !c.io.hasBufferedOutput()) {
                    return startUpgraded(cx);
                }
                if (c.isDone(out)) {
                    if (c.closing == ConnectionState.Closing.LINGER && !c.eofSeen()) {
                        return startLinger(cx);
                    }
                    close();
                    return Poll.ready(null);
                }
            } while (progress || wokenWhilePolling);
            return onDeadline(deadlines.check(cx, reader.hasUndecoded(), !out.isEmpty() || c.io.hasBufferedOutput()), cx);
        } catch (UncheckedIOException e) {
            // The peer reset the connection or a write failed: nobody is listening any more. Or
            // it never spoke TLS properly to the TLS port.
            terminate(e instanceof TlsFailure ? CloseCause.TLS_HANDSHAKE : CloseCause.RESET,
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            return Poll.ready(null);
        } catch (RuntimeException | Error e) {
            log.error("connection from {} failed unexpectedly", c.remote, e);
            terminate(CloseCause.ERROR, "internal error");
            return Poll.ready(null);
        } finally {
            pollingThread = null;
        }
    }

    @Override
    public void cancel() {
        terminate(CloseCause.CANCELLED, "connection task cancelled");
    }

    /**
     * Every request read so far is answered, nothing is left to decode and the socket had no more
     * to give: another pass could only find nothing, so the batch may be written now.
     */
    private boolean allAnsweredAndInputDrained() {
        return reader.socketDrained() && c.exchanges.isEmpty() && c.decoding == null && !reader.hasUndecoded();
    }

    /** No request in progress and no byte of the next one received. */
    private boolean isIdle() {
        return c.exchanges.isEmpty() && c.decoding == null && c.headStartedNanos == 0
                && !reader.hasUndecoded() && out.isEmpty() && !c.io.hasBufferedOutput();
    }

    private boolean flush(Context cx) {
        if (out.isEmpty() && !c.io.hasBufferedOutput()) {
            return false;
        }
        long before = out.pendingBytes();
        boolean all = out.flush(c.io, cx);
        if (all) {
            out.release();
        }
        long written = before - out.pendingBytes();
        if (written != 0) {
            c.counters.bytesWritten += written;
            c.lastActivityNanos = c.now;
            return true;
        }
        return false;
    }

    // ---- deadlines --------------------------------------------------------------------------

    private Poll<Void> onDeadline(Deadlines.Kind kind, Context cx) {
        switch (kind) {
            case NONE -> {
                return Poll.pending();
            }
            case IDLE -> {
                c.closeCause = CloseCause.IDLE_TIMEOUT;
                close();
                return Poll.ready(null);
            }
            case STALLED_RESPONSE -> {
                // A client that stopped reading, or a response body that stopped producing: the
                // connection cannot move, and must not be held forever.
                terminate(CloseCause.STALLED, "no byte moved for " + c.server.config.idleTimeout()
                        + " while a response was being written");
                return Poll.ready(null);
            }
            case HEADER_READ -> {
                // Slowloris: answer 408 and close.
                c.closeCause = CloseCause.HEADER_TIMEOUT;
                reader.discardUndecoded();
                c.exchanges.add(Exchange.answeredByServer(ErrorResponses.headerTimeout(), c.now));
                c.closeAfterResponses();
                c.lingerOnClose();
            }
            case REQUEST -> {
                for (Exchange ex : c.exchanges) {
                    if (ex.awaitingResponse() && c.now - ex.deadlineNanos >= 0) {
                        if (ex.body != null && !ex.body.isComplete() && ex.body.wantsData()) {
                            // The handler waits for body bytes the client has not sent: the
                            // client's doing, repeatable at will, so not a WARN line per request.
                            log.debug("{} {} from {} timed out after {} waiting for the request body", ex.method(),
                                    ex.target(), c.remote, c.server.config.requestTimeout());
                        } else {
                            log.warn("{} {} from {} timed out after {}", ex.method(), ex.target(), c.remote,
                                    c.server.config.requestTimeout());
                        }
                        ex.answerInstead(ErrorResponses.requestTimeout());
                        c.server.counters.requestTimedOut();
                    }
                }
            }
        }
        // Something changed: run the loop again.
        cx.waker().wake();
        return Poll.pending();
    }

    // ---- upgrade ----------------------------------------------------------------------------

    /**
     * The 101 is written: from here the connection's task runs the new protocol over the same
     * socket and read buffer (bytes read past the request head are the new protocol's). HTTP's
     * timeouts stop; the session keeps its own. The connection still counts toward the limit.
     */
    private Poll<Void> startUpgraded(Context cx) {
        deadlines.cancel();
        lifecycle = Lifecycle.UPGRADED;
        upgradedStream = new UpgradedStream(c, reader);
        upgraded = c.upgrade.start(upgradedStream);
        return runUpgraded(cx);
    }

    private Poll<Void> runUpgraded(Context cx) {
        // Woken for room: TLS records sealed by an earlier write go first.
        upgradedStream.flushHeldBack(cx);
        Poll<Void> p;
        try {
            p = upgraded.poll(cx);
        } catch (RuntimeException | Error e) {
            upgraded = null; // it failed: it is finished, not to be cancelled
            throw e;
        }
        if (p.isReady()) {
            upgraded = null;
            // One more try for records the protocol's last writes left with TLS; a session that
            // ended has no deadline left to wait for a client that does not read.
            upgradedStream.flushHeldBack(cx);
            close();
            return Poll.ready(null);
        }
        upgradedStream.flushHeldBack(cx);
        return Poll.pending();
    }

    // ---- closing ----------------------------------------------------------------------------

    /** Closes without losing the last response: see {@link LingeringClose}. */
    private Poll<Void> startLinger(Context cx) {
        deadlines.cancel();
        reader.release();
        lingering = LingeringClose.start(c.io, c.server.buffers);
        if (lingering == null) {
            close();
            return Poll.ready(null);
        }
        lifecycle = Lifecycle.LINGERING;
        return linger(cx);
    }

    private Poll<Void> linger(Context cx) {
        if (lingering.poll(cx)) {
            close();
            return Poll.ready(null);
        }
        return Poll.pending();
    }

    /** Closes at once, cancelling every handler and stream still running. */
    private void terminate(CloseCause cause, String why) {
        if (lifecycle == Lifecycle.CLOSED) {
            return;
        }
        c.closeCause = cause;
        if (log.isDebugEnabled()) {
            log.debug("closing connection from {}: {}", c.remote, why);
        }
        for (Exchange ex : c.exchanges) {
            ex.abort(why);
        }
        c.exchanges.clear();
        if (upgraded != null) {
            Async<Void> session = upgraded;
            upgraded = null;
            session.cancel();
        }
        c.decoding = null;
        close();
    }

    private void close() {
        if (lifecycle == Lifecycle.CLOSED) {
            return;
        }
        lifecycle = Lifecycle.CLOSED;
        deadlines.cancel();
        if (proxyHeader != null) {
            proxyHeader.cancel();
        }
        if (lingering != null) {
            lingering.cancel();
        }
        for (Exchange ex : c.exchanges) {
            if (ex.body != null) {
                ex.body.dispose();
            }
        }
        out.release();
        reader.release();
        c.io.close();
        c.server.deregister(this);
        if (BufferChecks.ENABLED && (out.holdsBuffers() || reader.holdsBuffer() || c.io.holdsBuffers())) {
            BufferChecks.leak("connection from " + c.remote + " closed still holding pooled buffers", c.server.buffers);
        }
    }
}
