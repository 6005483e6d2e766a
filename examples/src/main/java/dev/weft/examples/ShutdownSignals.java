package dev.weft.examples;

import dev.weft.server.Server;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a graceful shutdown. The JVM's own handling would run shutdown
 * hooks and exit with 143, which orchestrators read as a failure; a server that stopped cleanly
 * exits with 0.
 */
final class ShutdownSignals {
    private ShutdownSignals() {
    }

    static void install(Server server) {
        Thread.Builder stopper = Thread.ofPlatform().name("weft-shutdown").daemon(false);
        Signal.handle(new Signal("TERM"), signal -> stopper.start(server::shutdown));
        Signal.handle(new Signal("INT"), signal -> stopper.start(server::shutdown));
    }
}
