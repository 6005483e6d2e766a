package dev.weft.codec;

import dev.weft.codec.internal.Ascii;

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
    // Ids of the names the codec itself interprets. 0 means "no special meaning".
    static final int OTHER = 0;
    static final int ID_HOST = 1;
    static final int ID_CONTENT_LENGTH = 2;
    static final int ID_TRANSFER_ENCODING = 3;
    static final int ID_CONNECTION = 4;
    static final int ID_EXPECT = 5;
    static final int ID_DATE = 6;

    public static final HeaderName HOST = new HeaderName("Host", ID_HOST);
    public static final HeaderName CONTENT_LENGTH = new HeaderName("Content-Length", ID_CONTENT_LENGTH);
    public static final HeaderName TRANSFER_ENCODING = new HeaderName("Transfer-Encoding", ID_TRANSFER_ENCODING);
    public static final HeaderName CONNECTION = new HeaderName("Connection", ID_CONNECTION);
    public static final HeaderName EXPECT = new HeaderName("Expect", ID_EXPECT);
    public static final HeaderName DATE = new HeaderName("Date", ID_DATE);
    public static final HeaderName CONTENT_TYPE = new HeaderName("Content-Type", OTHER);
    public static final HeaderName CONTENT_ENCODING = new HeaderName("Content-Encoding", OTHER);
    public static final HeaderName SERVER = new HeaderName("Server", OTHER);
    public static final HeaderName LOCATION = new HeaderName("Location", OTHER);
    public static final HeaderName ALLOW = new HeaderName("Allow", OTHER);
    public static final HeaderName CACHE_CONTROL = new HeaderName("Cache-Control", OTHER);
    public static final HeaderName ACCEPT = new HeaderName("Accept", OTHER);
    public static final HeaderName ACCEPT_ENCODING = new HeaderName("Accept-Encoding", OTHER);
    public static final HeaderName USER_AGENT = new HeaderName("User-Agent", OTHER);
    public static final HeaderName AUTHORIZATION = new HeaderName("Authorization", OTHER);
    public static final HeaderName COOKIE = new HeaderName("Cookie", OTHER);
    public static final HeaderName SET_COOKIE = new HeaderName("Set-Cookie", OTHER);
    public static final HeaderName TRAILER = new HeaderName("Trailer", OTHER);
    public static final HeaderName UPGRADE = new HeaderName("Upgrade", OTHER);
    public static final HeaderName VARY = new HeaderName("Vary", OTHER);
    public static final HeaderName ETAG = new HeaderName("ETag", OTHER);
    public static final HeaderName LAST_MODIFIED = new HeaderName("Last-Modified", OTHER);
    public static final HeaderName RETRY_AFTER = new HeaderName("Retry-After", OTHER);
    public static final HeaderName WWW_AUTHENTICATE = new HeaderName("WWW-Authenticate", OTHER);

    private static final HeaderName[] SPECIAL = {HOST, CONTENT_LENGTH, TRANSFER_ENCODING, CONNECTION, EXPECT, DATE};

    private final String name;
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
        return OTHER;
    }

    /** The id of a special header name, from validated name bytes (ASCII case-insensitive). */
    static int idOf(byte[] a, int off, int len) {
        switch (len) {
            case 4 -> {
                if (Ascii.equalsLowerCase(a, off, len, HOST.lower)) return ID_HOST;
                if (Ascii.equalsLowerCase(a, off, len, DATE.lower)) return ID_DATE;
            }
            case 6 -> {
                if (Ascii.equalsLowerCase(a, off, len, EXPECT.lower)) return ID_EXPECT;
            }
            case 10 -> {
                if (Ascii.equalsLowerCase(a, off, len, CONNECTION.lower)) return ID_CONNECTION;
            }
            case 14 -> {
                if (Ascii.equalsLowerCase(a, off, len, CONTENT_LENGTH.lower)) return ID_CONTENT_LENGTH;
            }
            case 17 -> {
                if (Ascii.equalsLowerCase(a, off, len, TRANSFER_ENCODING.lower)) return ID_TRANSFER_ENCODING;
            }
            default -> { }
        }
        return OTHER;
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
}
