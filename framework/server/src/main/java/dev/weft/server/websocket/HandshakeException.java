package dev.weft.server.websocket;

import dev.weft.http.HttpStatus;

import java.util.Map;

/**
 * A request that cannot be upgraded to a WebSocket: the status to answer (400, 403, 426), what
 * was wrong, and the headers the answer must carry (a 426 names the version and protocol the
 * server speaks, RFC 6455 §4.4).
 */
public final class HandshakeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final transient Map<String, String> headers;

    /**
     * @param status  the status to answer
     * @param detail  what was wrong, naming the header
     * @param headers headers the answer carries
     */
    public HandshakeException(HttpStatus status, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    /** The status to answer. */
    public HttpStatus status() {
        return status;
    }

    /** The headers the answer carries. */
    public Map<String, String> headers() {
        return headers;
    }
}
