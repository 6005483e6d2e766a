package dev.weft.server;

import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.net.TcpListener;
import dev.weft.server.internal.Acceptor;
import dev.weft.server.internal.ServerState;
import dev.weft.server.internal.SignalShutdown;
import dev.weft.server.internal.tls.TlsContext;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/1.1 server: accepts connections on a runtime and drives each one, as one task,
 * through the codec into a {@link Service}.
 *
 * <pre>{@code
 * Server server = Server.start(ServerConfig.builder().port(8080).build(),
 *         request -> Async.ready(Response.text("Hello, World!")));
 * server.shutdownOnSignals();     // SIGTERM or SIGINT: drain in phases, then awaitTermination returns
 * server.awaitTermination();
 * }</pre>
 *
 * <p>{@link #shutdown()} is graceful and goes through {@link ServerPhase phases}: readiness turns
 * 503 at once while the server keeps serving for {@link ServerConfig#shutdownDelay()}; then it stops
 * accepting, lets in-flight requests finish (their responses say {@code Connection: close}), closes
 * idle connections, and after {@link ServerConfig#shutdownTimeout()} closes whatever is left.
 *
 * <p>With {@link ServerConfig#tls()} set, the server also listens on the TLS port and serves the
 * same service there over HTTPS; {@link #tlsPort()} is its port and {@link #reloadTls()} swaps in
 * a renewed certificate without a restart.
 */
public final class Server implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Server.class);

    private final ServerConfig config;
    private final ServerState state;
    private final AsyncRuntime runtime;
    private final boolean ownsRuntime;
    private final InetSocketAddress localAddress;
    /** The TLS listener's address, or null without TLS. */
    private final InetSocketAddress tlsAddress;
    /** Where TLS connections take their engines, or null without TLS. */
    private final TlsContext tls;
    private final JoinHandle<Void> acceptor;
    private final CountDownLatch terminated = new CountDownLatch(1);
    /**
     * Guards the phase's transitions and the delay's end. Any thread may call {@link #shutdown};
     * the first caller runs the phases, later callers may only shorten the delay, then wait.
     */
    private final Object shutdownLock = new Object();
    /** Written under {@code shutdownLock} (the last time by the first shutdown caller); read anywhere. */
    private volatile ServerPhase phase = ServerPhase.SERVING;
    /** Guarded by {@code shutdownLock}: when the draining phase ends. */
    private long delayEndNanos;
    /** Written by the first shutdown caller before {@code terminated} opens; read after it. */
    private volatile boolean cleanShutdown;

    private Server(ServerConfig config, Service service, AsyncRuntime runtime, boolean ownsRuntime,
                   long startNanos) {
        this.config = config;
        this.runtime = runtime;
        this.ownsRuntime = ownsRuntime;
        this.state = new ServerState(config, service);
        TcpListener listener = null;
        TcpListener tlsListener = null;
        try {
            if (config.reusePort() && !TcpListener.reusePortSupported()) {
                throw new UnsupportedOperationException("reusePort: SO_REUSEPORT is not supported on "
                        + System.getProperty("os.name") + "; turn it off (WEFT_REUSE_PORT=false)");
            }
            this.tls = config.tls() == null ? null : TlsContext.create(config.tls());
            listener = TcpListener.bind(runtime, new InetSocketAddress(config.host(), config.port()), config.backlog(),
                    config.reusePort());
            this.localAddress = listener.localAddress();
            if (tls != null) {
                tlsListener = TcpListener.bind(runtime, new InetSocketAddress(config.host(), config.tls().port()),
                        config.backlog(), config.reusePort());
                this.tlsAddress = tlsListener.localAddress();
            } else {
                this.tlsAddress = null;
            }
            service.serverStarting(this);
        } catch (RuntimeException e) {
            if (listener != null) {
                listener.close();
            }
            if (tlsListener != null) {
                tlsListener.close();
            }
            if (ownsRuntime) {
                runtime.shutdown(Duration.ofSeconds(1));
            }
            throw e;
        }
        List<Acceptor.Endpoint> endpoints = new ArrayList<>(2);
        endpoints.add(new Acceptor.Endpoint(listener, null));
        if (tlsListener != null) {
            endpoints.add(new Acceptor.Endpoint(tlsListener, tls));
        }
        this.acceptor = runtime.spawn("acceptor", new Acceptor(state, endpoints));
        // The one line an application's operator looks for: where, how wide, on what, how fast.
        log.info("Weft listening on http://{}:{}{} ({} workers, {} transport, ready in {} ms)", config.host(),
                localAddress.getPort(), tlsAddress == null ? "" : " and https://" + config.host() + ":" + tlsAddress.getPort(),
                runtime.workers(), runtime.transport(), (System.nanoTime() - startNanos) / 1_000_000);
    }

    /** Starts a server with the default configuration (port 8080) on a runtime of its own. */
    public static Server start(Service service) {
        return start(ServerConfig.defaults(), service);
    }

    /**
     * Binds and starts serving on a runtime of its own with {@link ServerConfig#workers()} workers.
     * Once ready it logs one INFO line (logger {@code dev.weft.server.Server}): {@code Weft listening on
     * http://0.0.0.0:8080 (2 workers, epoll transport, ready in 41 ms)}, with {@code and https://0.0.0.0:8443}
     * after the port when {@link ServerConfig#tls()} is set.
     *
     * @throws java.io.UncheckedIOException if the address cannot be bound
     * @throws UnsupportedOperationException if {@link ServerConfig#reusePort()} is on where the
     *     platform lacks SO_REUSEPORT
     * @throws IllegalStateException if {@link ServerConfig#transport()} names a transport that
     *     cannot run here, saying why
     */
    public static Server start(ServerConfig config, Service service) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(service, "service");
        long startNanos = System.nanoTime();
        AsyncRuntime runtime = AsyncRuntime.builder().workers(config.workers()).name("weft")
                .transport(config.transport()).build();
        return new Server(config, service, runtime, true, startNanos);
    }

    /**
     * Binds and starts serving on {@code runtime}, which the caller keeps owning: shutting the
     * server down leaves it running.
     */
    public static Server start(ServerConfig config, Service service, AsyncRuntime runtime) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(runtime, "runtime");
        return new Server(config, service, runtime, false, System.nanoTime());
    }

    /** The bound address (with the real port when the configuration asked for port 0). */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** The bound port. */
    public int port() {
        return localAddress.getPort();
    }

    /**
     * The TLS listener's bound address (with the real port when the configuration asked for 0).
     *
     * @throws IllegalStateException when the server has no TLS listener
     */
    public InetSocketAddress tlsAddress() {
        if (tlsAddress == null) {
            throw new IllegalStateException("this server has no TLS listener; configure one with ServerConfig.Builder.tls");
        }
        return tlsAddress;
    }

    /**
     * The TLS listener's bound port.
     *
     * @throws IllegalStateException when the server has no TLS listener
     */
    public int tlsPort() {
        return tlsAddress().getPort();
    }

    /**
     * Reads the TLS certificate and key files again, for a certificate renewed in place (by
     * certbot, a Kubernetes secret): handshakes from now on present the new certificate, while
     * connections already open keep the one they agreed on. When the files are wrong the server
     * keeps the old certificate, and the exception says what is wrong.
     *
     * <pre>{@code
     * X509Certificate now = server.reloadTls();
     * log.info("serving certificate {} until {}", now.getSerialNumber(), now.getNotAfter());
     * }</pre>
     *
     * @return the certificate now presented
     * @throws IllegalStateException when the server has no TLS listener
     * @throws IllegalArgumentException naming the file that is wrong
     */
    public X509Certificate reloadTls() {
        if (tls == null) {
            throw new IllegalStateException("this server has no TLS listener; configure one with ServerConfig.Builder.tls");
        }
        return tls.reload();
    }

    /** The configuration this server runs with. */
    public ServerConfig config() {
        return config;
    }

    /** The runtime the server's tasks run on. */
    public AsyncRuntime runtime() {
        return runtime;
    }

    /** Connections currently open. */
    public int openConnections() {
        return state.openConnections();
    }

    /** The phase this server is in; readiness endpoints report ready only while {@link ServerPhase#SERVING}. */
    public ServerPhase phase() {
        return phase;
    }

    /**
     * A snapshot of the server's counters: connections, requests, bytes and refused requests.
     * Cheap enough to call on every metrics scrape; the server counts whether or not anyone asks.
     */
    public ServerStats stats() {
        return state.stats();
    }

    /**
     * Drains in phases with the configured {@link ServerConfig#shutdownDelay()}, then allows
     * {@link ServerConfig#shutdownTimeout()} for in-flight requests; see
     * {@link #shutdown(Duration, Duration)}.
     */
    public boolean shutdown() {
        return shutdown(config.shutdownDelay(), config.shutdownDelay().plus(config.shutdownTimeout()));
    }

    /** Stops accepting at once and drains until {@code deadline}: {@code shutdown(Duration.ZERO, deadline)}. */
    public boolean shutdown(Duration deadline) {
        return shutdown(Duration.ZERO, deadline);
    }

    /**
     * Shuts down in phases, logging each one, and blocks until done:
     * <ol>
     *   <li>{@link ServerPhase#DRAINING} at once: readiness reports 503 while the server keeps
     *       accepting and serving for {@code delay}, so that a load balancer's health check sees
     *       it before the listener goes away;</li>
     *   <li>{@link ServerPhase#STOPPING}: stops accepting, answers in-flight requests with
     *       {@code Connection: close}, closes idle keep-alive connections, and at {@code deadline}
     *       closes whatever is still open;</li>
     *   <li>{@link ServerPhase#STOPPED}.</li>
     * </ol>
     * The deadline counts from this call, the delay included. A call while another shutdown is
     * under way can only shorten its delay (a second SIGTERM stops accepting at once); it waits for
     * that shutdown to finish and returns its result.
     *
     * <pre>{@code
     * server.shutdown(Duration.ofSeconds(5), Duration.ofSeconds(25));
     * }</pre>
     *
     * @param delay    how long to keep accepting after readiness turned 503; zero stops at once
     * @param deadline bound on the whole shutdown; not shorter than {@code delay}
     * @return true when every connection finished before the deadline
     * @throws IllegalArgumentException when {@code delay} is negative or longer than {@code deadline}
     * @throws IllegalStateException in buffer-checking mode ({@code -Dweft.buffers.check=true},
     *     which the test suite sets) when a connection misused a pooled buffer or did not return
     *     one; never in production
     */
    public boolean shutdown(Duration delay, Duration deadline) {
        checkShutdownTimes(delay, deadline);
        long start = System.nanoTime();
        boolean first;
        synchronized (shutdownLock) {
            first = phase == ServerPhase.SERVING;
            if (first) {
                phase = ServerPhase.DRAINING;
                delayEndNanos = start + delay.toNanos();
            } else {
                shortenDelay(start + delay.toNanos());
            }
        }
        if (!first) {
            return awaitOtherShutdown();
        }
        log.info("{} draining: readiness reports 503; still accepting for {}", this, delay);
        waitOutDelay();
        long end = start + deadline.toNanos();
        state.beginShutdown();
        awaitListenerClosed(end);
        synchronized (shutdownLock) {
            phase = ServerPhase.STOPPING;
        }
        log.info("{} stopping: no longer accepting; {} connection(s) finishing", this, state.openConnections());
        boolean clean = waitForConnections(end);
        if (!clean) {
            log.warn("{} shutdown deadline of {} passed with {} connection(s) open; closing them", this, deadline,
                    state.openConnections());
            state.abortAll();
            waitForConnections(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
        }
        acceptor.abort();
        if (ownsRuntime) {
            runtime.shutdown(Duration.ofSeconds(1));
        }
        cleanShutdown = clean;
        synchronized (shutdownLock) {
            phase = ServerPhase.STOPPED;
        }
        log.info("{} stopped{}", this, clean ? "" : " (connections were closed at the deadline)");
        terminated.countDown();
        // Checking mode (every test run): a server leaves no pooled buffer behind, and misused none.
        List<String> bufferProblems = state.bufferProblems();
        if (!bufferProblems.isEmpty()) {
            throw new IllegalStateException(this + " shut down with pooled-buffer problems:\n"
                    + String.join("\n", bufferProblems));
        }
        return clean;
    }

    private static void checkShutdownTimes(Duration delay, Duration deadline) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(deadline, "deadline");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("shutdown delay must not be negative, was " + delay);
        }
        if (delay.compareTo(deadline) > 0) {
            throw new IllegalArgumentException("shutdown delay " + delay + " is longer than the deadline " + deadline);
        }
    }

    /** Under {@code shutdownLock}: a later shutdown call asks to stop accepting sooner. */
    private void shortenDelay(long newEndNanos) {
        if (phase == ServerPhase.DRAINING && newEndNanos - delayEndNanos < 0) {
            delayEndNanos = newEndNanos;
            shutdownLock.notifyAll();
        }
    }

    /** Keeps serving until the delay ends; a later call may shorten it, an interrupt ends it. */
    private void waitOutDelay() {
        synchronized (shutdownLock) {
            long left;
            while ((left = delayEndNanos - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(shutdownLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The acceptor closes the listener as it ends, once it sees the shutdown. */
    private void awaitListenerClosed(long endNanos) {
        try {
            acceptor.toCompletableFuture().get(Math.max(0, endNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("{}: the acceptor did not end cleanly: {}", this, e.toString());
        }
    }

    private boolean awaitOtherShutdown() {
        try {
            terminated.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return cleanShutdown;
    }

    /**
     * Makes SIGTERM and SIGINT shut this server down gracefully with {@link #shutdown()} (the
     * configured delay and timeout) instead of the JVM's default of running shutdown hooks and
     * exiting with status 143, which orchestrators read as a failure. A second signal while the
     * server is draining ends the delay at once. The application decides what follows
     * {@link #awaitTermination()}, typically {@code System.exit(0)}.
     *
     * <pre>{@code
     * Server server = Server.start(ServerConfig.fromEnvironment(), router).shutdownOnSignals();
     * server.awaitTermination();
     * System.exit(0);
     * }</pre>
     *
     * @return this server
     * @throws UnsupportedOperationException when the platform does not deliver these signals to Java
     */
    public Server shutdownOnSignals() {
        SignalShutdown.install(this);
        return this;
    }

    /** Blocks until {@link #shutdown} has finished. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /**
     * Stops without the drain delay, for tests and try-with-resources:
     * {@code shutdown(Duration.ZERO, config().shutdownTimeout())}.
     */
    @Override
    public void close() {
        shutdown(Duration.ZERO, config.shutdownTimeout());
    }

    private boolean waitForConnections(long endNanos) {
        while (state.openConnections() > 0) {
            if (System.nanoTime() - endNanos >= 0) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return state.openConnections() == 0;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return tlsAddress == null ? "Server[" + localAddress + "]" : "Server[" + localAddress + ", TLS " + tlsAddress + "]";
    }
}
