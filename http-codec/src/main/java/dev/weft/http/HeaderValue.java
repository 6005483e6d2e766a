package dev.weft.http;

import dev.weft.codec.internal.Ascii;

/**
 * A validated, pre-encoded header field value, for constant values on the hot path.
 *
 * <pre>{@code
 * static final HeaderValue JSON = HeaderValue.of("application/json");
 * headers.set(HeaderName.CONTENT_TYPE, JSON);
 * }</pre>
 */
public final class HeaderValue {
    /** {@code text/plain}, a value of Content-Type. */
    public static final HeaderValue TEXT_PLAIN = new HeaderValue("text/plain");
    /** {@code text/plain; charset=utf-8}, a value of Content-Type. */
    public static final HeaderValue TEXT_PLAIN_UTF8 = new HeaderValue("text/plain; charset=utf-8");
    /** {@code text/html; charset=utf-8}, a value of Content-Type. */
    public static final HeaderValue TEXT_HTML_UTF8 = new HeaderValue("text/html; charset=utf-8");
    /** {@code application/json}, a value of Content-Type. */
    public static final HeaderValue APPLICATION_JSON = new HeaderValue("application/json");
    /** {@code application/octet-stream}, a value of Content-Type. */
    public static final HeaderValue APPLICATION_OCTET_STREAM = new HeaderValue("application/octet-stream");
    /** {@code close}, a value of Connection. */
    public static final HeaderValue CLOSE = new HeaderValue("close");
    /** {@code keep-alive}, a value of Connection. */
    public static final HeaderValue KEEP_ALIVE = new HeaderValue("keep-alive");
    /** {@code chunked}, a value of Transfer-Encoding. */
    public static final HeaderValue CHUNKED = new HeaderValue("chunked");
    /** {@code no-cache}, a value of Cache-Control. */
    public static final HeaderValue NO_CACHE = new HeaderValue("no-cache");

    private final String value;
    final byte[] bytes;

    private HeaderValue(String value) {
        this.value = value;
        this.bytes = Ascii.latin1(value);
    }

    /**
     * A header value.
     *
     * @throws IllegalArgumentException if {@code value} contains CR, LF, NUL, another control byte
     *     (HTAB is allowed) or a char above U+00FF
     */
    public static HeaderValue of(String value) {
        HttpHeaders.checkValue(value);
        return new HeaderValue(value);
    }

    /** The value as a string. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof HeaderValue v && v.value.equals(value));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
