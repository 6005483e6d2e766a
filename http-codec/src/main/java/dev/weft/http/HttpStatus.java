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

    public static final HttpStatus CONTINUE = known(100, "Continue");
    public static final HttpStatus SWITCHING_PROTOCOLS = known(101, "Switching Protocols");
    public static final HttpStatus OK = known(200, "OK");
    public static final HttpStatus CREATED = known(201, "Created");
    public static final HttpStatus ACCEPTED = known(202, "Accepted");
    public static final HttpStatus NON_AUTHORITATIVE_INFORMATION = known(203, "Non-Authoritative Information");
    public static final HttpStatus NO_CONTENT = known(204, "No Content");
    public static final HttpStatus RESET_CONTENT = known(205, "Reset Content");
    public static final HttpStatus PARTIAL_CONTENT = known(206, "Partial Content");
    public static final HttpStatus MULTIPLE_CHOICES = known(300, "Multiple Choices");
    public static final HttpStatus MOVED_PERMANENTLY = known(301, "Moved Permanently");
    public static final HttpStatus FOUND = known(302, "Found");
    public static final HttpStatus SEE_OTHER = known(303, "See Other");
    public static final HttpStatus NOT_MODIFIED = known(304, "Not Modified");
    public static final HttpStatus TEMPORARY_REDIRECT = known(307, "Temporary Redirect");
    public static final HttpStatus PERMANENT_REDIRECT = known(308, "Permanent Redirect");
    public static final HttpStatus BAD_REQUEST = known(400, "Bad Request");
    public static final HttpStatus UNAUTHORIZED = known(401, "Unauthorized");
    public static final HttpStatus PAYMENT_REQUIRED = known(402, "Payment Required");
    public static final HttpStatus FORBIDDEN = known(403, "Forbidden");
    public static final HttpStatus NOT_FOUND = known(404, "Not Found");
    public static final HttpStatus METHOD_NOT_ALLOWED = known(405, "Method Not Allowed");
    public static final HttpStatus NOT_ACCEPTABLE = known(406, "Not Acceptable");
    public static final HttpStatus PROXY_AUTHENTICATION_REQUIRED = known(407, "Proxy Authentication Required");
    public static final HttpStatus REQUEST_TIMEOUT = known(408, "Request Timeout");
    public static final HttpStatus CONFLICT = known(409, "Conflict");
    public static final HttpStatus GONE = known(410, "Gone");
    public static final HttpStatus LENGTH_REQUIRED = known(411, "Length Required");
    public static final HttpStatus PRECONDITION_FAILED = known(412, "Precondition Failed");
    public static final HttpStatus CONTENT_TOO_LARGE = known(413, "Content Too Large");
    public static final HttpStatus URI_TOO_LONG = known(414, "URI Too Long");
    public static final HttpStatus UNSUPPORTED_MEDIA_TYPE = known(415, "Unsupported Media Type");
    public static final HttpStatus RANGE_NOT_SATISFIABLE = known(416, "Range Not Satisfiable");
    public static final HttpStatus EXPECTATION_FAILED = known(417, "Expectation Failed");
    public static final HttpStatus MISDIRECTED_REQUEST = known(421, "Misdirected Request");
    public static final HttpStatus UNPROCESSABLE_CONTENT = known(422, "Unprocessable Content");
    public static final HttpStatus UPGRADE_REQUIRED = known(426, "Upgrade Required");
    public static final HttpStatus PRECONDITION_REQUIRED = known(428, "Precondition Required");
    public static final HttpStatus TOO_MANY_REQUESTS = known(429, "Too Many Requests");
    public static final HttpStatus REQUEST_HEADER_FIELDS_TOO_LARGE = known(431, "Request Header Fields Too Large");
    public static final HttpStatus INTERNAL_SERVER_ERROR = known(500, "Internal Server Error");
    public static final HttpStatus NOT_IMPLEMENTED = known(501, "Not Implemented");
    public static final HttpStatus BAD_GATEWAY = known(502, "Bad Gateway");
    public static final HttpStatus SERVICE_UNAVAILABLE = known(503, "Service Unavailable");
    public static final HttpStatus GATEWAY_TIMEOUT = known(504, "Gateway Timeout");
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
