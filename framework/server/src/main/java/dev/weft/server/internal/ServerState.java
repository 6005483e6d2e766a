package dev.weft.server.internal;

import dev.weft.codec.ResponseEncoder;
import dev.weft.runtime.Waker;
import dev.weft.server.ServerConfig;
import dev.weft.server.ServerStats;
import dev.weft.server.Service;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every connection of one server shares: the configuration, the service, the response
 * encoder, the set of open connections (for limits and shutdown) and the shutdown flag.
 */
public final class ServerState {
    static final Logger ACCESS_LOG = LoggerFactory.getLogger("dev.weft.access");

    final ServerConfig config;
    final Service service;
    final ResponseEncoder encoder = new ResponseEncoder();
    final long headerReadTimeoutNanos;
    final long idleTimeoutNanos;
    final long requestTimeoutNanos;
    final boolean accessLog;
    /** Checking mode's ledger of the pooled buffers this server's connections borrow. */
    final BufferAccount buffers;
    /** Connections, requests, bytes and refused heads, for {@link #stats()}. */
    final ServerCounters counters = new ServerCounters();

    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicReference<Waker> acceptorWaker = new AtomicReference<>();
    private volatile boolean shuttingDown;
    /**
     * Wakes the acceptor when shutdown begins, wherever it waits (for a client, or below the
     * connection limit); written by the acceptor's task, read by the thread that shuts down.
     */
    private volatile Waker acceptorShutdownWaker;

    /**
     * @param config  the settings
     * @param service the application
     */
    public ServerState(ServerConfig config, Service service) {
        this.config = config;
        this.service = service;
        this.headerReadTimeoutNanos = config.headerReadTimeout().toNanos();
        this.idleTimeoutNanos = config.idleTimeout().toNanos();
        this.requestTimeoutNanos = config.requestTimeout().toNanos();
        this.accessLog = config.accessLog() && ACCESS_LOG.isInfoEnabled();
        this.buffers = BufferChecks.ENABLED ? new BufferAccount("server on port " + config.port()) : null;
    }

    /**
     * Checking mode: what is wrong with this server's pooled buffers (misuses, and buffers never
     * returned, with where they were borrowed); empty when all is well or checking is off. Call it
     * once every connection has closed.
     */
    public java.util.List<String> bufferProblems() {
        return buffers == null ? java.util.List.of() : buffers.problems();
    }

    /** True once a graceful shutdown began. */
    public boolean shuttingDown() {
        return shuttingDown;
    }

    /** Begins a graceful shutdown: every connection finishes what it started and closes. */
    public void beginShutdown() {
        shuttingDown = true;
        for (Connection c : connections) {
            c.wakeFromAnyThread();
        }
        wakeAcceptor();
        Waker acceptor = acceptorShutdownWaker;
        if (acceptor != null) {
            acceptor.wake();
        }
    }

    /** The acceptor's task asks to be woken when shutdown begins (it then closes the listener). */
    void wakeAcceptorOnShutdown(Waker waker) {
        if (acceptorShutdownWaker != waker) {
            acceptorShutdownWaker = waker;
        }
    }

    /** Closes every connection that is still open, cancelling its work. */
    public void abortAll() {
        for (Connection c : connections) {
            c.abort();
        }
    }

    /** A snapshot of this server's counters (see {@link ServerStats}). */
    public ServerStats stats() {
        return counters.snapshot(connections, open.get());
    }

    /** Connections currently open. */
    public int openConnections() {
        return open.get();
    }

    boolean atConnectionLimit() {
        return open.get() >= config.maxConnections();
    }

    void parkAcceptor(Waker waker) {
        acceptorWaker.set(waker);
    }

    void register(Connection c) {
        open.incrementAndGet();
        counters.opened();
        connections.add(c);
    }

    void deregister(Connection c) {
        if (connections.remove(c)) {
            // Open goes down before closed goes up: whoever sees it closed sees it no longer open.
            open.decrementAndGet();
            counters.closed(c.counters(), c.closeCause());
            wakeAcceptor();
        }
    }

    private void wakeAcceptor() {
        Waker w = acceptorWaker.getAndSet(null);
        if (w != null) {
            w.wake();
        }
    }
}
