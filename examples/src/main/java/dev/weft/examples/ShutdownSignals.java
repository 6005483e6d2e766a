package dev.weft.examples;

import dev.weft.server.Server;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGTERM and SIGINT into a graceful shutdown. The JVM's own handling would run shutdown
 * hooks and exit with 143, which orchestrators read as a failure; a server that stopped cleanly
 * exits with 0.
 *
 * <p>A named class rather than lambdas: it is installed at startup, where every lambda costs a
 * class generated at run time (and enough of them get the JIT to compile the class generator).
 */
final class ShutdownSignals implements SignalHandler, Runnable {
    private final Server server;
    private final Thread.Builder stopper = Thread.ofPlatform().name("weft-shutdown").daemon(false);

    private ShutdownSignals(Server server) {
        this.server = server;
    }

    static void install(Server server) {
        ShutdownSignals handler = new ShutdownSignals(server);
        Signal.handle(new Signal("TERM"), handler);
        Signal.handle(new Signal("INT"), handler);
    }

    /** On a signal: shuts the server down on a thread of its own (the signal thread must not block). */
    @Override
    public void handle(Signal signal) {
        stopper.start(this);
    }

    @Override
    public void run() {
        server.shutdown();
    }
}
