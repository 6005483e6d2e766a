package dev.weft.server;

import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.net.TcpListener;
import dev.weft.server.internal.Acceptor;
import dev.weft.server.internal.ServerState;

import java.net.InetSocketAddress;
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
 * Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
 * server.awaitTermination();
 * }</pre>
 *
 * <p>{@link #shutdown()} is graceful: it stops accepting, lets in-flight requests finish (their
 * responses say {@code Connection: close}), closes idle connections, and after
 * {@link ServerConfig#shutdownTimeout()} closes whatever is left.
 */
public final class Server implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Server.class);

    private final ServerConfig config;
    private final ServerState state;
    private final AsyncRuntime runtime;
    private final boolean ownsRuntime;
    private final InetSocketAddress localAddress;
    private final JoinHandle<Void> acceptor;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Object shutdownLock = new Object();
    private boolean shutDown;

    private Server(ServerConfig config, Service service, AsyncRuntime runtime, boolean ownsRuntime) {
        this.config = config;
        this.runtime = runtime;
        this.ownsRuntime = ownsRuntime;
        this.state = new ServerState(config, service);
        TcpListener listener;
        try {
            listener = TcpListener.bind(new InetSocketAddress(config.host(), config.port()), config.backlog());
        } catch (RuntimeException e) {
            if (ownsRuntime) {
                runtime.shutdown(Duration.ofSeconds(1));
            }
            throw e;
        }
        this.localAddress = listener.localAddress();
        this.acceptor = runtime.spawn("acceptor", new Acceptor(state, listener));
    }

    /** Starts a server with the default configuration (port 8080) on a runtime of its own. */
    public static Server start(Service service) {
        return start(ServerConfig.defaults(), service);
    }

    /**
     * Binds and starts serving on a runtime of its own with {@link ServerConfig#workers()} workers.
     *
     * @throws java.io.UncheckedIOException if the address cannot be bound
     */
    public static Server start(ServerConfig config, Service service) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(service, "service");
        AsyncRuntime runtime = AsyncRuntime.builder().workers(config.workers()).name("weft").build();
        return new Server(config, service, runtime, true);
    }

    /**
     * Binds and starts serving on {@code runtime}, which the caller keeps owning: shutting the
     * server down leaves it running.
     */
    public static Server start(ServerConfig config, Service service, AsyncRuntime runtime) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(runtime, "runtime");
        return new Server(config, service, runtime, false);
    }

    /** The bound address (with the real port when the configuration asked for port 0). */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** The bound port. */
    public int port() {
        return localAddress.getPort();
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

    /**
     * A snapshot of the server's counters: connections, requests, bytes and refused requests.
     * Cheap enough to call on every metrics scrape; the server counts whether or not anyone asks.
     */
    public ServerStats stats() {
        return state.stats();
    }

    /** Graceful shutdown bounded by {@link ServerConfig#shutdownTimeout()}; see {@link #shutdown(Duration)}. */
    public boolean shutdown() {
        return shutdown(config.shutdownTimeout());
    }

    /**
     * Stops accepting, lets in-flight requests finish, closes idle connections, and at
     * {@code deadline} closes whatever is still open. Blocks until done; idempotent.
     *
     * @return true when every connection finished before the deadline
     * @throws IllegalStateException in buffer-checking mode ({@code -Dweft.buffers.check=true},
     *     which the test suite sets) when a connection misused a pooled buffer or did not return
     *     one; never in production
     */
    public boolean shutdown(Duration deadline) {
        synchronized (shutdownLock) {
            if (shutDown) {
                return true;
            }
            shutDown = true;
        }
        long end = System.nanoTime() + deadline.toNanos();
        state.beginShutdown();
        boolean clean = waitForConnections(end);
        if (!clean) {
            log.warn("shutdown deadline of {} passed with {} connection(s) open; closing them", deadline,
                    state.openConnections());
            state.abortAll();
            waitForConnections(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
        }
        acceptor.abort();
        if (ownsRuntime) {
            runtime.shutdown(Duration.ofSeconds(1));
        }
        terminated.countDown();
        // Checking mode (every test run): a server leaves no pooled buffer behind, and misused none.
        List<String> bufferProblems = state.bufferProblems();
        if (!bufferProblems.isEmpty()) {
            throw new IllegalStateException(this + " shut down with pooled-buffer problems:\n"
                    + String.join("\n", bufferProblems));
        }
        return clean;
    }

    /** Blocks until {@link #shutdown} has finished. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /** Same as {@link #shutdown()}. */
    @Override
    public void close() {
        shutdown();
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
        return "Server[" + localAddress + "]";
    }
}
