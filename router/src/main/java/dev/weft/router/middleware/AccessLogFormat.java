package dev.weft.router.middleware;

/**
 * How {@link Layers#accessLog(dev.weft.router.Router, AccessLogFormat)} writes a line.
 *
 * <pre>{@code
 * TEXT: 127.0.0.1:50412 "GET /users/7" 200 0.412ms route=/users/{id} request_id=9f2c... trace_id=4bf9...
 * JSON: {"client":"127.0.0.1:50412","method":"GET","target":"/users/7","status":200,"duration_ms":0.412,
 *        "route":"/users/{id}","request_id":"9f2c...","trace_id":"4bf9..."}
 * }</pre>
 */
public enum AccessLogFormat {
    /** One human-readable line: client, request line, status, duration, then {@code key=value} fields. */
    TEXT,
    /**
     * One JSON object per line, for log shippers: {@code client}, {@code method}, {@code target},
     * {@code status}, {@code duration_ms}, {@code route}, {@code request_id}, {@code trace_id}
     * (the last three null when unknown). Every string is escaped as JSON requires, so a client's
     * target can never break the line or forge a field.
     */
    JSON
}
