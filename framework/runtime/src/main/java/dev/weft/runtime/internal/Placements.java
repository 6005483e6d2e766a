package dev.weft.runtime.internal;

import dev.weft.runtime.internal.transport.Placement;
import dev.weft.runtime.internal.transport.Reactor;

/** The runtime's two rules for where a new handle registers. */
public enum Placements implements Placement {
    /**
     * The calling worker's own reactor (or any of the runtime's off a worker): a listener stays
     * with the worker that accepts on it.
     */
    LOCAL,
    /**
     * The next worker's reactor, round-robin, as Netty assigns channels to event loops.
     * Registering with the calling worker instead would put every accepted connection on the
     * acceptor's worker: all readiness would be processed there and every other worker would only
     * get connections by stealing. Spread, each connection's readiness wakes its task onto "its"
     * worker, where it then stays unless stolen.
     */
    SPREAD;

    @Override
    public Reactor reactor() {
        return this == LOCAL ? RuntimeContext.driverForRegistration() : RuntimeContext.currentOrThrow().anyDriver();
    }
}
