package dev.weft.server;

/**
 * Where a {@link Server} is in its life. The phase only moves forward, in this order; a readiness
 * endpoint reports ready only in {@link #SERVING}.
 *
 * <pre>{@code
 * boolean ready = server.phase() == ServerPhase.SERVING;
 * }</pre>
 */
public enum ServerPhase {
    /** Accepting and serving. */
    SERVING,
    /**
     * A shutdown began: readiness reports not ready so that load balancers stop sending, while the
     * server still accepts and serves normally for the shutdown delay.
     */
    DRAINING,
    /**
     * The listener is closed; in-flight requests finish with {@code Connection: close}, idle
     * keep-alive connections are closed, and the deadline closes whatever is left.
     */
    STOPPING,
    /** Every connection is closed and the listener is gone. */
    STOPPED
}
