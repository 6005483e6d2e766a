package dev.weft.server.internal;

import dev.weft.codec.HttpCodecException;
import dev.weft.server.Response;
import dev.weft.server.ServerStats;
import dev.weft.server.ServerStats.CloseCause;
import dev.weft.server.ServerStats.CodecError;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A server's counters: per connection and per event, cheap enough to be always on. Open
 * connections count into their own {@link ConnectionCounters}; when one closes its counts are
 * added here once. Accepting, closing, refusing a connection or a request and timing one out are
 * rare next to requests and bytes, so they use adders and atomics directly.
 *
 * <p>Thread-safe. Connections' tasks write (each to its own counters, and here when they open,
 * close or refuse a head); {@link #snapshot} runs on whatever thread scrapes, under this object's
 * lock, which only snapshots take.
 */
final class ServerCounters {
    private final LongAdder accepted = new LongAdder();
    private final AtomicLongArray closedByCause = new AtomicLongArray(CloseCause.values().length);
    private final LongAdder closedRequests = new LongAdder();
    private final LongAdder closedBytesRead = new LongAdder();
    private final LongAdder closedBytesWritten = new LongAdder();
    private final AtomicLongArray codecErrors = new AtomicLongArray(CodecError.values().length);
    private final LongAdder refusedConnections = new LongAdder();
    private final LongAdder overloadedRequests = new LongAdder();
    private final LongAdder timedOutRequests = new LongAdder();

    /**
     * The largest value each counter was reported with. A connection that closes during a
     * snapshot may be counted in neither place: it leaves the set of open connections before its
     * counts join the totals ({@link ServerState#deregister}). Never in both: a snapshot reads the
     * totals before it walks the set. Reporting at least the last value keeps such a dip from
     * showing as a counter going down (which Prometheus would take for a restart).
     */
    private long lastRequests;
    private long lastBytesRead;
    private long lastBytesWritten;

    void opened() {
        accepted.increment();
    }

    /** Called by a connection's task as it closes: its counts join the totals. */
    void closed(ConnectionCounters c, CloseCause cause) {
        closedRequests.add(c.requests);
        closedBytesRead.add(c.bytesRead);
        closedBytesWritten.add(c.bytesWritten);
        closedByCause.incrementAndGet(cause.ordinal());
    }

    /** A connection turned away at the connection limit. */
    void connectionRefused() {
        refusedConnections.increment();
    }

    /** A request answered 503 by the server's request timeout. */
    void requestTimedOut() {
        timedOutRequests.increment();
    }

    /** The service answered with a response marked as a refusal. */
    void requestRefused(Response.Refusal why) {
        switch (why) {
            case OVERLOADED -> overloadedRequests.increment();
            case TIMED_OUT -> timedOutRequests.increment();
        }
    }

    void codecError(HttpCodecException e) {
        codecErrors.incrementAndGet(kindOf(e).ordinal());
    }

    /** The stable kind a codec error is counted under (the codec's own kinds are private). */
    static CodecError kindOf(HttpCodecException e) {
        if (e.isRequestLineTooLong()) {
            return CodecError.REQUEST_LINE_TOO_LONG;
        }
        if (e.isVersionNotSupported()) {
            return CodecError.VERSION_NOT_SUPPORTED;
        }
        if (e.isBadRequestLine()) {
            return CodecError.BAD_REQUEST_LINE;
        }
        if (e.isHeaderTooLarge()) {
            return CodecError.HEADERS_TOO_LARGE;
        }
        if (e.isBadHeader()) {
            return CodecError.BAD_HEADER;
        }
        if (e.isHostError()) {
            return CodecError.BAD_HOST;
        }
        if (e.isContentTooLarge()) {
            return CodecError.CONTENT_TOO_LARGE;
        }
        if (e.isFraming()) {
            return CodecError.BAD_FRAMING;
        }
        return CodecError.OTHER;
    }

    private static <E extends Enum<E>> Map<E, Long> byOrdinal(Class<E> kinds, AtomicLongArray counts) {
        Map<E, Long> map = new EnumMap<>(kinds);
        for (E kind : kinds.getEnumConstants()) {
            map.put(kind, counts.get(kind.ordinal()));
        }
        return map;
    }

    /** The server's numbers now: the totals of closed connections plus those of the open ones. */
    synchronized ServerStats snapshot(Iterable<Connection> open, int openCount) {
        long requests = closedRequests.sum();
        long bytesRead = closedBytesRead.sum();
        long bytesWritten = closedBytesWritten.sum();
        int inFlight = 0;
        for (Connection connection : open) {
            ConnectionCounters c = connection.counters();
            requests += c.requests;
            bytesRead += c.bytesRead;
            bytesWritten += c.bytesWritten;
            inFlight += c.inFlight();
        }
        lastRequests = Math.max(lastRequests, requests);
        lastBytesRead = Math.max(lastBytesRead, bytesRead);
        lastBytesWritten = Math.max(lastBytesWritten, bytesWritten);
        return new ServerStats(openCount, accepted.sum(), lastRequests, inFlight, lastBytesRead, lastBytesWritten,
                byOrdinal(CodecError.class, codecErrors), byOrdinal(CloseCause.class, closedByCause),
                refusedConnections.sum(), overloadedRequests.sum(), timedOutRequests.sum());
    }
}
