package dev.weft.runtime.internal.transport;

/**
 * Where a handle registers the first time it needs a reactor: chosen by the runtime (the calling
 * worker's own, or the next one round-robin), not by the transport.
 */
public interface Placement {
    /** The reactor to register with; called at most once per handle. */
    Reactor reactor();
}
