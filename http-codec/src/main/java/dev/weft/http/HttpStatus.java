package dev.weft.http;

import dev.weft.codec.internal.HttpAccess;
import java.nio.charset.StandardCharsets;

/**
 * A response status code with its reason phrase (RFC 9110 §15). Constants exist for the common
 * codes; {@link #of(int)} returns them, or a new status for any other code in 100–599.
 *
 * <pre>{@code
 * HttpStatus s = HttpStatus.of(404); // HttpStatus.NOT_FOUND
 * s.code();                          // 404
 * s.reasonPhrase();                  // "Not Found"
 * }</pre>
 *
 * <p>Each status carries its pre-encoded HTTP/1.1 status line, so encoding a response does not
 * format numbers.
 */
public final class HttpStatus {
    private static final HttpStatus[] KNOWN = new HttpStatus[600];

    /** 100 Continue (RFC 9110 §15.2.1). */
    public static final HttpStatus CONTINUE = known(100, "Continue");
    /** 101 Switching Protocols (RFC 9110 §15.2.2). */
    public static final HttpStatus SWITCHING_PROTOCOLS = known(101, "Switching Protocols");
    /** 200 OK (RFC 9110 §15.3.1). */
    public static final HttpStatus OK = known(200, "OK");
    /** 201 Created (RFC 9110 §15.3.2). */
    public static final HttpStatus CREATED = known(201, "Created");
    /** 202 Accepted (RFC 9110 §15.3.3). */
    public static final HttpStatus ACCEPTED = known(202, "Accepted");
    /** 203 Non-Authoritative Information (RFC 9110 §15.3.4). */
    public static final HttpStatus NON_AUTHORITATIVE_INFORMATION = known(203, "Non-Authoritative Information");
    /** 204 No Content (RFC 9110 §15.3.5). */
    public static final HttpStatus NO_CONTENT = known(204, "No Content");
    /** 205 Reset Content (RFC 9110 §15.3.6). */
    public static final HttpStatus RESET_CONTENT = known(205, "Reset Content");
    /** 206 Partial Content (RFC 9110 §15.3.7). */
    public static final HttpStatus PARTIAL_CONTENT = known(206, "Partial Content");
    /** 300 Multiple Choices (RFC 9110 §15.4.1). */
    public static final HttpStatus MULTIPLE_CHOICES = known(300, "Multiple Choices");
    /** 301 Moved Permanently (RFC 9110 §15.4.2). */
    public static final HttpStatus MOVED_PERMANENTLY = known(301, "Moved Permanently");
    /** 302 Found (RFC 9110 §15.4.3). */
    public static final HttpStatus FOUND = known(302, "Found");
    /** 303 See Other (RFC 9110 §15.4.4). */
    public static final HttpStatus SEE_OTHER = known(303, "See Other");
    /** 304 Not Modified (RFC 9110 §15.4.5). */
    public static final HttpStatus NOT_MODIFIED = known(304, "Not Modified");
    /** 307 Temporary Redirect (RFC 9110 §15.4.8). */
    public static final HttpStatus TEMPORARY_REDIRECT = known(307, "Temporary Redirect");
    /** 308 Permanent Redirect (RFC 9110 §15.4.9). */
    public static final HttpStatus PERMANENT_REDIRECT = known(308, "Permanent Redirect");
    /** 400 Bad Request (RFC 9110 §15.5.1). */
    public static final HttpStatus BAD_REQUEST = known(400, "Bad Request");
    /** 401 Unauthorized (RFC 9110 §15.5.2). */
    public static final HttpStatus UNAUTHORIZED = known(401, "Unauthorized");
    /** 402 Payment Required (RFC 9110 §15.5.3). */
    public static final HttpStatus PAYMENT_REQUIRED = known(402, "Payment Required");
    /** 403 Forbidden (RFC 9110 §15.5.4). */
    public static final HttpStatus FORBIDDEN = known(403, "Forbidden");
    /** 404 Not Found (RFC 9110 §15.5.5). */
    public static final HttpStatus NOT_FOUND = known(404, "Not Found");
    /** 405 Method Not Allowed (RFC 9110 §15.5.6). */
    public static final HttpStatus METHOD_NOT_ALLOWED = known(405, "Method Not Allowed");
    /** 406 Not Acceptable (RFC 9110 §15.5.7). */
    public static final HttpStatus NOT_ACCEPTABLE = known(406, "Not Acceptable");
    /** 407 Proxy Authentication Required (RFC 9110 §15.5.8). */
    public static final HttpStatus PROXY_AUTHENTICATION_REQUIRED = known(407, "Proxy Authentication Required");
    /** 408 Request Timeout (RFC 9110 §15.5.9). */
    public static final HttpStatus REQUEST_TIMEOUT = known(408, "Request Timeout");
    /** 409 Conflict (RFC 9110 §15.5.10). */
    public static final HttpStatus CONFLICT = known(409, "Conflict");
    /** 410 Gone (RFC 9110 §15.5.11). */
    public static final HttpStatus GONE = known(410, "Gone");
    /** 411 Length Required (RFC 9110 §15.5.12). */
    public static final HttpStatus LENGTH_REQUIRED = known(411, "Length Required");
    /** 412 Precondition Failed (RFC 9110 §15.5.13). */
    public static final HttpStatus PRECONDITION_FAILED = known(412, "Precondition Failed");
    /** 413 Content Too Large (RFC 9110 §15.5.14). */
    public static final HttpStatus CONTENT_TOO_LARGE = known(413, "Content Too Large");
    /** 414 URI Too Long (RFC 9110 §15.5.15). */
    public static final HttpStatus URI_TOO_LONG = known(414, "URI Too Long");
    /** 415 Unsupported Media Type (RFC 9110 §15.5.16). */
    public static final HttpStatus UNSUPPORTED_MEDIA_TYPE = known(415, "Unsupported Media Type");
    /** 416 Range Not Satisfiable (RFC 9110 §15.5.17). */
    public static final HttpStatus RANGE_NOT_SATISFIABLE = known(416, "Range Not Satisfiable");
    /** 417 Expectation Failed (RFC 9110 §15.5.18). */
    public static final HttpStatus EXPECTATION_FAILED = known(417, "Expectation Failed");
    /** 421 Misdirected Request (RFC 9110 §15.5.20). */
    public static final HttpStatus MISDIRECTED_REQUEST = known(421, "Misdirected Request");
    /** 422 Unprocessable Content (RFC 9110 §15.5.21). */
    public static final HttpStatus UNPROCESSABLE_CONTENT = known(422, "Unprocessable Content");
    /** 426 Upgrade Required (RFC 9110 §15.5.22). */
    public static final HttpStatus UPGRADE_REQUIRED = known(426, "Upgrade Required");
    /** 428 Precondition Required (RFC 6585 §3). */
    public static final HttpStatus PRECONDITION_REQUIRED = known(428, "Precondition Required");
    /** 429 Too Many Requests (RFC 6585 §4). */
    public static final HttpStatus TOO_MANY_REQUESTS = known(429, "Too Many Requests");
    /** 431 Request Header Fields Too Large (RFC 6585 §5). */
    public static final HttpStatus REQUEST_HEADER_FIELDS_TOO_LARGE = known(431, "Request Header Fields Too Large");
    /** 500 Internal Server Error (RFC 9110 §15.6.1). */
    public static final HttpStatus INTERNAL_SERVER_ERROR = known(500, "Internal Server Error");
    /** 501 Not Implemented (RFC 9110 §15.6.2). */
    public static final HttpStatus NOT_IMPLEMENTED = known(501, "Not Implemented");
    /** 502 Bad Gateway (RFC 9110 §15.6.3). */
    public static final HttpStatus BAD_GATEWAY = known(502, "Bad Gateway");
    /** 503 Service Unavailable (RFC 9110 §15.6.4). */
    public static final HttpStatus SERVICE_UNAVAILABLE = known(503, "Service Unavailable");
    /** 504 Gateway Timeout (RFC 9110 §15.6.5). */
    public static final HttpStatus GATEWAY_TIMEOUT = known(504, "Gateway Timeout");
    /** 505 HTTP Version Not Supported (RFC 9110 §15.6.6). */
    public static final HttpStatus HTTP_VERSION_NOT_SUPPORTED = known(505, "HTTP Version Not Supported");

    static {
        // The encoder reads status lines through this (see Access); registered here, since
        // HttpAccess.statuses() runs this initialiser to get it.
        HttpAccess.setStatuses(new Access());
    }

    private final int code;
    private final String reasonPhrase;
    /** "HTTP/1.1 NNN Reason\r\n" — the server always answers as HTTP/1.1 (RFC 9110 §6.2). */
    private final byte[] statusLine;

    private HttpStatus(int code, String reasonPhrase) {
        this.code = code;
        this.reasonPhrase = reasonPhrase;
        this.statusLine = new StringBuilder(17 + reasonPhrase.length()).append("HTTP/1.1 ").append(code).append(' ')
                .append(reasonPhrase).append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static HttpStatus known(int code, String reason) {
        HttpStatus s = new HttpStatus(code, reason);
        KNOWN[code] = s;
        return s;
    }

    /**
     * The status for {@code code}: a constant when there is one, otherwise a new status with an empty
     * reason phrase (allowed by RFC 9112 §4).
     *
     * @throws IllegalArgumentException if {@code code} is outside 100–599
     */
    public static HttpStatus of(int code) {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("status code must be in 100-599: " + code);
        }
        HttpStatus s = KNOWN[code];
        return s != null ? s : new HttpStatus(code, "");
    }

    /** The three-digit code. */
    public int code() {
        return code;
    }

    /** The reason phrase, possibly empty. */
    public String reasonPhrase() {
        return reasonPhrase;
    }

    /** True for 1xx (informational) codes. */
    public boolean isInformational() {
        return code < 200;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof HttpStatus s && s.code == code && s.reasonPhrase.equals(reasonPhrase));
    }

    @Override
    public int hashCode() {
        return code;
    }

    @Override
    public String toString() {
        return code + (reasonPhrase.isEmpty() ? "" : " " + reasonPhrase);
    }

    /** The codec's access to the status line (see {@link HttpAccess}): not API, so not public. */
    private static final class Access implements HttpAccess.Statuses {
        @Override
        public byte[] statusLine(HttpStatus status) {
            return status.statusLine;
        }
    }
}
