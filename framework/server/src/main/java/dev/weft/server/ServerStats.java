package dev.weft.server;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of a server's counters, for metrics: what {@link Server#stats()} returns. Counters
 * are monotonic since the server started (a scrape never sees one go down); {@code connectionsOpen}
 * and {@code requestsInFlight} are instantaneous. Connections count into plain fields of their
 * own, which a snapshot reads without stopping them, so the numbers are approximate by the
 * requests of the last microseconds; each is one the server really had.
 *
 * <pre>{@code
 * ServerStats s = server.stats();
 * log.info("{} requests, {} in flight, {} bad heads", s.requests(), s.requestsInFlight(),
 *         s.codecErrors().get(ServerStats.CodecError.BAD_HEADER));
 * }</pre>
 *
 * @param connectionsOpen     connections open now
 * @param connectionsAccepted connections accepted since start
 * @param connectionsClosed   connections closed since start, for any reason
 * @param requests            request heads received and handed to the service (or answered by the
 *                            server itself, such as {@code OPTIONS *}); refused heads are counted
 *                            in {@code codecErrors} instead
 * @param requestsInFlight    requests received whose response is not yet written
 * @param bytesRead           bytes read from clients
 * @param bytesWritten        bytes written to clients
 * @param codecErrors         requests the codec refused, by kind (every kind present, zeros included)
 */
public record ServerStats(int connectionsOpen, long connectionsAccepted, long connectionsClosed, long requests,
                          int requestsInFlight, long bytesRead, long bytesWritten,
                          Map<CodecError, Long> codecErrors) {

    /** Copies {@code codecErrors}, filling in the kinds it lacks with zero. */
    public ServerStats {
        EnumMap<CodecError, Long> all = new EnumMap<>(CodecError.class);
        for (CodecError kind : CodecError.values()) {
            all.put(kind, codecErrors.getOrDefault(kind, 0L));
        }
        codecErrors = Collections.unmodifiableMap(all);
    }

    /**
     * Why the codec refused a request: a few stable kinds, so a metric labelled by them has a
     * bounded number of series. Each names the status the client got.
     */
    public enum CodecError {
        /** A malformed request line: method, target, version or separators (400). */
        BAD_REQUEST_LINE,
        /** A request line over the limit (414). */
        REQUEST_LINE_TOO_LONG,
        /** A well-formed HTTP version other than 1.x (505). */
        VERSION_NOT_SUPPORTED,
        /** A malformed header field, obs-fold or a bare CR or LF (400). */
        BAD_HEADER,
        /** A header section over the byte or field limit (431). */
        HEADERS_TOO_LARGE,
        /** Host missing, repeated or invalid (400). */
        BAD_HOST,
        /** Invalid or ambiguous body framing: Content-Length, Transfer-Encoding, chunks (400, 501). */
        BAD_FRAMING,
        /** A body over the codec's length limit (413). */
        CONTENT_TOO_LARGE,
        /** Anything else the codec refused. */
        OTHER;

        /** The kind in lower case, as a metric label: {@code bad_header}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
