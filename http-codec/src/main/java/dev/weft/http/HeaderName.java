package dev.weft.http;

import dev.weft.codec.internal.Ascii;
import dev.weft.codec.internal.HeaderIds;
import dev.weft.codec.internal.HttpAccess;

/**
 * A validated, pre-encoded header field name, for adding and looking up headers on the hot path
 * without validating or encoding a {@code String} each time.
 *
 * <pre>{@code
 * headers.set(HeaderName.CONTENT_TYPE, HeaderValue.TEXT_PLAIN);
 * String ct = request.headers().get(HeaderName.CONTENT_TYPE);
 * static final HeaderName X_REQUEST_ID = HeaderName.of("X-Request-Id");
 * }</pre>
 *
 * <p>A {@code HeaderName} is a {@link CharSequence}, so it works wherever a name is accepted.
 * Names compare case-insensitively (RFC 9110 §5.1).
 */
public final class HeaderName implements CharSequence {
    /** {@code Host} (RFC 9110 §7.2). */
    public static final HeaderName HOST = new HeaderName("Host", HeaderIds.HOST);
    /** {@code Content-Length} (RFC 9110 §8.6). */
    public static final HeaderName CONTENT_LENGTH = new HeaderName("Content-Length", HeaderIds.CONTENT_LENGTH);
    /** {@code Transfer-Encoding} (RFC 9112 §6.1). */
    public static final HeaderName TRANSFER_ENCODING = new HeaderName("Transfer-Encoding", HeaderIds.TRANSFER_ENCODING);
    /** {@code Connection} (RFC 9110 §7.6.1). */
    public static final HeaderName CONNECTION = new HeaderName("Connection", HeaderIds.CONNECTION);
    /** {@code Expect} (RFC 9110 §10.1.1). */
    public static final HeaderName EXPECT = new HeaderName("Expect", HeaderIds.EXPECT);
    /** {@code Date} (RFC 9110 §6.6.1). */
    public static final HeaderName DATE = new HeaderName("Date", HeaderIds.DATE);
    /** {@code Content-Type} (RFC 9110 §8.3). */
    public static final HeaderName CONTENT_TYPE = new HeaderName("Content-Type", HeaderIds.OTHER);
    /** {@code Content-Encoding} (RFC 9110 §8.4). */
    public static final HeaderName CONTENT_ENCODING = new HeaderName("Content-Encoding", HeaderIds.OTHER);
    /** {@code Server} (RFC 9110 §10.2.4). */
    public static final HeaderName SERVER = new HeaderName("Server", HeaderIds.OTHER);
    /** {@code Location} (RFC 9110 §10.2.2). */
    public static final HeaderName LOCATION = new HeaderName("Location", HeaderIds.OTHER);
    /** {@code Allow} (RFC 9110 §10.2.1). */
    public static final HeaderName ALLOW = new HeaderName("Allow", HeaderIds.OTHER);
    /** {@code Cache-Control} (RFC 9111 §5.2). */
    public static final HeaderName CACHE_CONTROL = new HeaderName("Cache-Control", HeaderIds.OTHER);
    /** {@code Accept} (RFC 9110 §12.5.1). */
    public static final HeaderName ACCEPT = new HeaderName("Accept", HeaderIds.OTHER);
    /** {@code Accept-Encoding} (RFC 9110 §12.5.3). */
    public static final HeaderName ACCEPT_ENCODING = new HeaderName("Accept-Encoding", HeaderIds.OTHER);
    /** {@code User-Agent} (RFC 9110 §10.1.5). */
    public static final HeaderName USER_AGENT = new HeaderName("User-Agent", HeaderIds.OTHER);
    /** {@code Authorization} (RFC 9110 §11.6.2). */
    public static final HeaderName AUTHORIZATION = new HeaderName("Authorization", HeaderIds.OTHER);
    /** {@code Cookie} (RFC 6265 §5.4). */
    public static final HeaderName COOKIE = new HeaderName("Cookie", HeaderIds.OTHER);
    /** {@code Set-Cookie} (RFC 6265 §4.1). */
    public static final HeaderName SET_COOKIE = new HeaderName("Set-Cookie", HeaderIds.OTHER);
    /** {@code Trailer} (RFC 9110 §6.6.2). */
    public static final HeaderName TRAILER = new HeaderName("Trailer", HeaderIds.OTHER);
    /** {@code Upgrade} (RFC 9110 §7.8). */
    public static final HeaderName UPGRADE = new HeaderName("Upgrade", HeaderIds.OTHER);
    /** {@code Vary} (RFC 9110 §12.5.5). */
    public static final HeaderName VARY = new HeaderName("Vary", HeaderIds.OTHER);
    /** {@code ETag} (RFC 9110 §8.8.3). */
    public static final HeaderName ETAG = new HeaderName("ETag", HeaderIds.OTHER);
    /** {@code Last-Modified} (RFC 9110 §8.8.2). */
    public static final HeaderName LAST_MODIFIED = new HeaderName("Last-Modified", HeaderIds.OTHER);
    /** {@code Retry-After} (RFC 9110 §10.2.3). */
    public static final HeaderName RETRY_AFTER = new HeaderName("Retry-After", HeaderIds.OTHER);
    /** {@code WWW-Authenticate} (RFC 9110 §11.6.1). */
    public static final HeaderName WWW_AUTHENTICATE = new HeaderName("WWW-Authenticate", HeaderIds.OTHER);

    private static final HeaderName[] SPECIAL = {HOST, CONTENT_LENGTH, TRANSFER_ENCODING, CONNECTION, EXPECT, DATE};

    static {
        // The decoder recognises names through this (see Access); registered here, since
        // HttpAccess.names() runs this initialiser to get it.
        HttpAccess.setNames(new Access());
    }

    private final String name;
    // Read by HttpHeaders: the bytes written, the lower-case bytes compared, the HeaderIds id.
    final byte[] bytes;
    final byte[] lower;
    final int id;

    private HeaderName(String name, int id) {
        this.name = name;
        this.bytes = Ascii.latin1(name);
        this.lower = Ascii.latin1(name.toLowerCase(java.util.Locale.ROOT));
        this.id = id;
    }

    /**
     * A header name.
     *
     * @throws IllegalArgumentException if {@code name} is not a token (RFC 9110 §5.1)
     */
    public static HeaderName of(String name) {
        if (!Ascii.isToken(name)) throw new IllegalArgumentException("header name is not a token: " + name);
        return new HeaderName(name, idOf(name));
    }

    /** The id of a special header name, from a validated name given as a char sequence. */
    static int idOf(CharSequence name) {
        if (name instanceof HeaderName h) return h.id;
        for (HeaderName h : SPECIAL) {
            if (h.name.length() == name.length() && h.name.contentEquals(name)) return h.id;
        }
        for (HeaderName h : SPECIAL) {
            if (h.name.length() == name.length() && h.name.equalsIgnoreCase(name.toString())) return h.id;
        }
        return HeaderIds.OTHER;
    }

    /** The id of a special header name, from validated name bytes (ASCII case-insensitive). */
    private static int idOf(byte[] a, int off, int len) {
        switch (len) {
            case 4 -> {
                if (Ascii.equalsLowerCase(a, off, len, HOST.lower)) return HeaderIds.HOST;
                if (Ascii.equalsLowerCase(a, off, len, DATE.lower)) return HeaderIds.DATE;
            }
            case 6 -> {
                if (Ascii.equalsLowerCase(a, off, len, EXPECT.lower)) return HeaderIds.EXPECT;
            }
            case 10 -> {
                if (Ascii.equalsLowerCase(a, off, len, CONNECTION.lower)) return HeaderIds.CONNECTION;
            }
            case 14 -> {
                if (Ascii.equalsLowerCase(a, off, len, CONTENT_LENGTH.lower)) return HeaderIds.CONTENT_LENGTH;
            }
            case 17 -> {
                if (Ascii.equalsLowerCase(a, off, len, TRANSFER_ENCODING.lower)) return HeaderIds.TRANSFER_ENCODING;
            }
            default -> { }
        }
        return HeaderIds.OTHER;
    }

    /** The name as it will be written. */
    public String name() {
        return name;
    }

    @Override
    public int length() {
        return name.length();
    }

    @Override
    public char charAt(int index) {
        return name.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return name.subSequence(start, end);
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof HeaderName h && h.name.equalsIgnoreCase(name));
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(lower);
    }

    /** The codec's access to name recognition (see {@link HttpAccess}): not API, so not public. */
    private static final class Access implements HttpAccess.Names {
        @Override
        public int idOf(byte[] a, int off, int len) {
            return HeaderName.idOf(a, off, len);
        }
    }
}
