package dev.weft.server.internal;

/**
 * One connection's counters for {@link dev.weft.server.ServerStats}: plain fields, so counting
 * costs the hot path an add to a field it already has in cache, nothing more.
 *
 * <p>Written only by the connection's task. Read racily by snapshots on another thread: a
 * monotonic counter read slightly stale is still useful, as with the runtime's worker counters
 * (x86-64 and AArch64 JVMs read an aligned long whole). {@link ServerCounters} adds a closed
 * connection's counts to the server's totals and keeps what a snapshot reports monotonic.
 */
final class ConnectionCounters {
    /** Request heads received (dispatched to the service or answered by the server). */
    long requests;
    /** Of those, the ones whose response is fully queued for writing. */
    long responses;
    long bytesRead;
    long bytesWritten;

    /** Requests received and not yet answered, as a snapshot may read them from another thread. */
    int inFlight() {
        long answered = responses;
        long received = requests;
        return (int) Math.max(0, received - answered);
    }
}
