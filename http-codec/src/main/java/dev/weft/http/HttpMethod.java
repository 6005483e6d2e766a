package dev.weft.http;

import dev.weft.codec.internal.Ascii;
import dev.weft.codec.internal.HttpAccess;

/**
 * A request method (RFC 9110 §9): one of the standard constants or an extension token.
 *
 * <pre>{@code
 * HttpMethod m = HttpMethod.of("GET");     // returns HttpMethod.GET, no allocation
 * HttpMethod p = HttpMethod.of("PROPFIND"); // extension method
 * }</pre>
 *
 * <p>Methods are case-sensitive (RFC 9110 §9.1): {@code "get"} is an extension method, not GET.
 */
public final class HttpMethod {
    /** {@code GET} (RFC 9110 §9.3.1). */
    public static final HttpMethod GET = new HttpMethod("GET");
    /** {@code HEAD} (RFC 9110 §9.3.2). */
    public static final HttpMethod HEAD = new HttpMethod("HEAD");
    /** {@code POST} (RFC 9110 §9.3.3). */
    public static final HttpMethod POST = new HttpMethod("POST");
    /** {@code PUT} (RFC 9110 §9.3.4). */
    public static final HttpMethod PUT = new HttpMethod("PUT");
    /** {@code DELETE} (RFC 9110 §9.3.5). */
    public static final HttpMethod DELETE = new HttpMethod("DELETE");
    /** {@code CONNECT} (RFC 9110 §9.3.6). */
    public static final HttpMethod CONNECT = new HttpMethod("CONNECT");
    /** {@code OPTIONS} (RFC 9110 §9.3.7). */
    public static final HttpMethod OPTIONS = new HttpMethod("OPTIONS");
    /** {@code TRACE} (RFC 9110 §9.3.8). */
    public static final HttpMethod TRACE = new HttpMethod("TRACE");
    /** {@code PATCH} (RFC 5789). */
    public static final HttpMethod PATCH = new HttpMethod("PATCH");

    static {
        // The decoder reads methods through this (see Access); registered here, since
        // HttpAccess.methods() runs this initialiser to get it.
        HttpAccess.setMethods(new Access());
    }

    private final String name;

    private HttpMethod(String name) {
        this.name = name;
    }

    /**
     * The method named {@code name}: a constant for the standard methods, otherwise a new extension
     * method.
     *
     * @throws IllegalArgumentException if {@code name} is not a token (RFC 9110 §5.6.2)
     */
    public static HttpMethod of(String name) {
        HttpMethod standard = standard(name);
        if (standard != null) return standard;
        if (!Ascii.isToken(name)) {
            throw new IllegalArgumentException("method is not a token: " + name);
        }
        return new HttpMethod(name);
    }

    private static HttpMethod standard(String name) {
        return switch (name) {
            case "GET" -> GET;
            case "HEAD" -> HEAD;
            case "POST" -> POST;
            case "PUT" -> PUT;
            case "DELETE" -> DELETE;
            case "CONNECT" -> CONNECT;
            case "OPTIONS" -> OPTIONS;
            case "TRACE" -> TRACE;
            case "PATCH" -> PATCH;
            default -> null;
        };
    }

    /**
     * The method in {@code a[off, off+len)}, already validated as a token. Standard methods are
     * matched without allocating.
     */
    private static HttpMethod fromBytes(byte[] a, int off, int len) {
        switch (len) {
            case 3 -> {
                if (a[off] == 'G' && a[off + 1] == 'E' && a[off + 2] == 'T') return GET;
                if (a[off] == 'P' && a[off + 1] == 'U' && a[off + 2] == 'T') return PUT;
            }
            case 4 -> {
                if (a[off] == 'P' && a[off + 1] == 'O' && a[off + 2] == 'S' && a[off + 3] == 'T') return POST;
                if (a[off] == 'H' && a[off + 1] == 'E' && a[off + 2] == 'A' && a[off + 3] == 'D') return HEAD;
            }
            case 5 -> {
                if (matches(a, off, PATCH.name)) return PATCH;
                if (matches(a, off, TRACE.name)) return TRACE;
            }
            case 6 -> {
                if (matches(a, off, DELETE.name)) return DELETE;
            }
            case 7 -> {
                if (matches(a, off, OPTIONS.name)) return OPTIONS;
                if (matches(a, off, CONNECT.name)) return CONNECT;
            }
            default -> { }
        }
        return new HttpMethod(new String(a, off, len, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private static boolean matches(byte[] a, int off, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (a[off + i] != s.charAt(i)) return false;
        }
        return true;
    }

    /** The method token, e.g. {@code "GET"}. */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof HttpMethod m && m.name.equals(name));
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }

    /** The codec's access to {@link #fromBytes} (see {@link HttpAccess}): not API, so not public. */
    private static final class Access implements HttpAccess.Methods {
        @Override
        public HttpMethod fromBytes(byte[] a, int off, int len) {
            return HttpMethod.fromBytes(a, off, len);
        }
    }
}
