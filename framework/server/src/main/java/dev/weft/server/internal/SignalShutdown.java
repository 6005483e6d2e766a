package dev.weft.server.internal;

import dev.weft.server.Server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGTERM and SIGINT into a graceful shutdown of one server ({@link Server#shutdownOnSignals()}).
 * The first signal starts {@link Server#shutdown()}, with its delay; a second one, while the server
 * is still draining, ends the delay at once. Each shutdown runs on a new platform thread, because
 * the JVM's signal thread must not block.
 *
 * <p>{@code sun.misc.Signal} is the JDK's only way to handle a signal without exiting; it lives in
 * {@code jdk.unsupported}, which is present in every JDK build. Named classes rather than lambdas:
 * this is installed at startup, where every lambda costs a class generated at run time.
 *
 * <p>Touched by the JVM's signal thread only; the count of signals is atomic all the same.
 */
public final class SignalShutdown implements SignalHandler {
    private static final Logger log = LoggerFactory.getLogger(SignalShutdown.class);

    private final Server server;
    private final AtomicInteger received = new AtomicInteger();
    private final Thread.Builder stopper = Thread.ofPlatform().name("weft-shutdown").daemon(false);

    private SignalShutdown(Server server) {
        this.server = server;
    }

    /**
     * Installs the handler for SIGTERM and SIGINT.
     *
     * @throws UnsupportedOperationException when the platform has no such signal for Java
     */
    public static void install(Server server) {
        SignalShutdown handler = new SignalShutdown(server);
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), handler);
            } catch (IllegalArgumentException e) {
                throw new UnsupportedOperationException("cannot handle SIG" + name + " on this platform: "
                        + e.getMessage(), e);
            }
        }
    }

    @Override
    public void handle(Signal signal) {
        boolean first = received.incrementAndGet() == 1;
        log.info("{} received SIG{}: {}", server, signal.getName(),
                first ? "shutting down" : "ending the shutdown delay now");
        stopper.start(new Stop(server, first));
    }

    /** One shutdown call, off the signal thread. */
    private record Stop(Server server, boolean withDelay) implements Runnable {
        @Override
        public void run() {
            if (withDelay) {
                server.shutdown();
            } else {
                server.shutdown(Duration.ZERO, server.config().shutdownTimeout());
            }
        }
    }
}
