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
 * @param requests            request heads received and handed to the service (or answered by the
 *                            server itself, such as {@code OPTIONS *}); refused heads are counted
 *                            in {@code codecErrors} instead
 * @param requestsInFlight    requests received whose response is not yet written
 * @param bytesRead           bytes read from clients
 * @param bytesWritten        bytes written to clients
 * @param codecErrors         requests the codec refused, by kind (every kind present, zeros included)
 * @param connectionsClosedByCause connections closed since start, by why they closed (every cause
 *                            present, zeros included)
 * @param connectionsRefused  connections turned away at {@link ServerConfig#maxConnections()} with
 *                            {@link ServerConfig#rejectExcessConnections()} (answered 503 on the
 *                            plain port, closed on the TLS port); not in {@code connectionsAccepted}
 * @param requestsOverloaded  requests the service answered without handling because it was too
 *                            busy: responses marked {@link Response.Refusal#OVERLOADED}, such as the
 *                            router's concurrency limit's 503
 * @param requestsTimedOut    requests that did not get their answer in time: the server's
 *                            {@link ServerConfig#requestTimeout()} (503), and responses marked
 *                            {@link Response.Refusal#TIMED_OUT}, such as the router's timeout
 *                            layer's 503. A head that did not arrive within
 *                            {@link ServerConfig#headerReadTimeout()} is not a request yet: it
 *                            is counted as a connection closed with {@link CloseCause#HEADER_TIMEOUT}
 */
public record ServerStats(int connectionsOpen, long connectionsAccepted, long requests, int requestsInFlight,
                          long bytesRead, long bytesWritten, Map<CodecError, Long> codecErrors,
                          Map<CloseCause, Long> connectionsClosedByCause, long connectionsRefused,
                          long requestsOverloaded, long requestsTimedOut) {

    /** Copies the maps, filling in the kinds they lack with zero. */
    public ServerStats {
        codecErrors = complete(CodecError.class, codecErrors);
        connectionsClosedByCause = complete(CloseCause.class, connectionsClosedByCause);
    }

    /** Connections closed since start, for any reason. */
    public long connectionsClosed() {
        long n = 0;
        for (long count : connectionsClosedByCause.values()) {
            n += count;
        }
        return n;
    }

    private static <E extends Enum<E>> Map<E, Long> complete(Class<E> kinds, Map<E, Long> counts) {
        EnumMap<E, Long> all = new EnumMap<>(kinds);
        for (E kind : kinds.getEnumConstants()) {
            all.put(kind, counts.getOrDefault(kind, 0L));
        }
        return Collections.unmodifiableMap(all);
    }

    /** Why a connection closed: a few stable causes, so a metric labelled by them stays small. */
    public enum CloseCause {
        /**
         * Everything asked was answered and no more requests were to come: the client or the
         * server said {@code Connection: close}, the client closed its side, or a graceful
         * shutdown closed an idle connection.
         */
        DONE,
        /** A keep-alive connection sat idle for {@link ServerConfig#idleTimeout()}. */
        IDLE_TIMEOUT,
        /** A request head did not arrive within {@link ServerConfig#headerReadTimeout()} (408). */
        HEADER_TIMEOUT,
        /** The codec refused a request (see {@link CodecError}); the error was answered first. */
        BAD_REQUEST,
        /** The client reset the connection, or a write to it failed. */
        RESET,
        /** A response moved no byte for {@link ServerConfig#idleTimeout()} (a client that stopped reading). */
        STALLED,
        /** Graceful shutdown's deadline passed with the connection still busy. */
        SHUTDOWN_DEADLINE,
        /** The connection's task was cancelled (its runtime shut down). */
        CANCELLED,
        /**
         * On the TLS port: the handshake failed or did not finish within the handshake timeout,
         * or the client did not speak TLS (a plain HTTP request is answered 400 first).
         */
        TLS_HANDSHAKE,
        /** An unexpected failure in the server (logged). */
        ERROR;

        /** The cause in lower case, as a metric label: {@code idle_timeout}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
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
