package dev.weft.codec;

import static dev.weft.codec.HttpCodecException.Kind.BAD_METHOD;
import static dev.weft.codec.HttpCodecException.Kind.BAD_REQUEST_LINE;
import static dev.weft.codec.HttpCodecException.Kind.BAD_TARGET;
import static dev.weft.codec.HttpCodecException.Kind.BAD_VERSION;
import static dev.weft.codec.HttpCodecException.Kind.BAD_LINE_ENDING;
import static dev.weft.codec.HttpCodecException.Kind.VERSION_NOT_SUPPORTED;

import dev.weft.codec.internal.Ascii;
import dev.weft.codec.internal.HttpAccess;
import dev.weft.codec.internal.Swar;
import dev.weft.http.HttpMethod;
import dev.weft.http.HttpVersion;

/**
 * Parses a request line (RFC 9112 §3): {@code method SP request-target SP HTTP-version}, already
 * stored without its CRLF at the start of the head's data.
 */
final class RequestLineParser {
    private RequestLineParser() {}

    /** The storage of the head's header map, which holds the request line. */
    private static final HttpAccess.Headers HEADERS = HttpAccess.headers();
    /** Methods from bytes, without allocating for the standard ones. */
    private static final HttpAccess.Methods METHODS = HttpAccess.methods();

    /** Parses the request line stored at the start of the head's data. */
    static void parse(RequestHead h) {
        parse(h, HEADERS.data(h.headers), 0, h.lineLen);
    }

    /**
     * Parses the request line in {@code d[from, end)} (without CRLF) into {@code h}; the offsets
     * recorded are relative to {@code from}, where the line will sit in the head's data.
     */
    static void parse(RequestHead h, byte[] d, int from, int end) {
        // method = token (RFC 9110 §9.1). Exactly one SP follows: RFC 9112 §3 allows a recipient
        // to accept other whitespace, but lenient splitting is a smuggling vector, so we do not.
        // The errors for bytes that cannot stand where they are must be the ones RequestLinePrefix
        // throws when the same bytes arrive in pieces: each is decided by the first such byte.
        int i = from;
        while (i < end && Ascii.isTchar(d[i])) i++;
        if (i == from) throw invalid(d[from], 0, BAD_METHOD, CANNOT_BEGIN);
        if (i == end) throw HttpCodecException.of(BAD_REQUEST_LINE, "request line has no request-target");
        if (d[i] != ' ') throw invalid(d[i], i - from, BAD_METHOD, BAD_METHOD_BYTE);
        h.methodLen = i - from;
        h.method = METHODS.fromBytes(d, from, i - from);

        int t = i + 1;
        int j = Swar.firstNonTarget(d, t, end);
        if (j < 0) j = end;
        // At j == end, d[j] is the CR of the line's CRLF: "GET \r\n" counts as a bare CR.
        if (j == t) throw invalid(d[j], j - from, BAD_TARGET, EMPTY_TARGET);
        if (j == end) throw HttpCodecException.of(BAD_REQUEST_LINE, "missing HTTP version in request line");
        if (d[j] != ' ') throw invalid(d[j], j - from, BAD_TARGET, BAD_TARGET_BYTE);
        h.targetOff = t;
        h.targetLen = j - t;

        h.version = parseVersion(d, j + 1, end);
        parseTarget(h, d, t, j);
        if (from != 0) {
            h.targetOff -= from;
            h.pathOff -= from;
            if (h.queryOff >= 0) h.queryOff -= from;
            if (h.authorityOff >= 0) h.authorityOff -= from;
        }
    }

    /** HTTP-version = "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3). */
    private static HttpVersion parseVersion(byte[] d, int v, int end) {
        if (end - v != VERSION_LENGTH || d[v] != 'H' || d[v + 1] != 'T' || d[v + 2] != 'T' || d[v + 3] != 'P'
                || d[v + 4] != '/' || !isDigit(d[v + 5]) || d[v + 6] != '.' || !isDigit(d[v + 7])) {
            throw malformedVersion(d, v, end);
        }
        int major = d[v + 5] - '0';
        int minor = d[v + 7] - '0';
        if (major != 1) {
            // RFC 9110 §15.6.6: 505 for a major version the server does not support.
            throw HttpCodecException.of(VERSION_NOT_SUPPORTED, "HTTP version " + major + "." + minor + " is not supported");
        }
        // RFC 9110 §6.2: a higher 1.x minor version is treated as the highest we implement, 1.1.
        return minor == 0 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
    }

    /**
     * The error for the malformed version {@code d[v, end)}, decided by its first byte that cannot
     * stand where it is: a bare CR (RFC 9112 §2.2) or any other byte; a version cut short is
     * malformed too.
     */
    private static HttpCodecException malformedVersion(byte[] d, int v, int end) {
        for (int k = 0; v + k < end; k++) {
            if (k == VERSION_LENGTH || !isVersionByte(k, d[v + k])) {
                return d[v + k] == '\r' ? bareCr() : badVersion();
            }
        }
        return badVersion();
    }

    private static void parseTarget(RequestHead h, byte[] d, int t, int end) {
        boolean connect = h.method == HttpMethod.CONNECT;
        if (connect) {
            // RFC 9112 §3.2.3: CONNECT takes authority-form (uri-host ":" port) and nothing else.
            parseAuthorityForm(h, d, t, end);
        } else if (d[t] == '/') {
            h.targetForm = TargetForm.ORIGIN;
            splitPathAndQuery(h, d, t, end);
        } else if (end - t == 1 && d[t] == '*') {
            // RFC 9112 §3.2.4: asterisk-form is only for a server-wide OPTIONS.
            if (h.method != HttpMethod.OPTIONS) {
                throw HttpCodecException.of(BAD_TARGET, "asterisk-form request-target is only allowed with OPTIONS");
            }
            h.targetForm = TargetForm.ASTERISK;
            h.pathOff = t;
            h.pathLen = 1;
        } else {
            parseAbsoluteForm(h, d, t, end);
        }
    }

    /** RFC 9112 §3.2.2: absolute-URI; scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3986 §3.1). */
    private static void parseAbsoluteForm(RequestHead h, byte[] d, int t, int end) {
        int i = t;
        if (!isAlpha(d[i])) throw HttpCodecException.of(BAD_TARGET, "request-target is not in origin-form or absolute-form");
        while (i < end && (isAlpha(d[i]) || isDigit(d[i]) || d[i] == '+' || d[i] == '-' || d[i] == '.')) i++;
        if (i == end || d[i] != ':') {
            throw HttpCodecException.of(BAD_TARGET, "request-target is not in origin-form or absolute-form");
        }
        h.targetForm = TargetForm.ABSOLUTE;
        int rest = i + 1;
        if (end - rest >= 2 && d[rest] == '/' && d[rest + 1] == '/') {
            int a = rest + 2;
            int p = a;
            while (p < end && d[p] != '/' && d[p] != '?') p++;
            // The server uses this authority instead of Host (RFC 9112 §3.2.2), so it follows the
            // same rule as Host.
            String problem = Authority.problem(d, a, p, false);
            if (problem != null) throw HttpCodecException.of(BAD_TARGET, "request-target authority " + problem);
            h.authorityOff = a;
            h.authorityLen = p - a;
            rest = p;
        }
        splitPathAndQuery(h, d, rest, end);
    }

    /** authority-form = uri-host ":" port (RFC 9112 §3.2.3), checked as {@link Authority} says. */
    private static void parseAuthorityForm(RequestHead h, byte[] d, int t, int end) {
        String problem = Authority.problem(d, t, end, true);
        if (problem != null) throw HttpCodecException.of(BAD_TARGET, "CONNECT request-target " + problem);
        h.targetForm = TargetForm.AUTHORITY;
        h.authorityOff = t;
        h.authorityLen = end - t;
        h.pathOff = t;
        h.pathLen = 0;
    }

    private static void splitPathAndQuery(RequestHead h, byte[] d, int from, int end) {
        int q = Swar.indexOf(d, from, end, (byte) '?');
        if (q < 0) q = end;
        h.pathOff = from;
        h.pathLen = q - from;
        if (q < end) {
            h.queryOff = q + 1;
            h.queryLen = end - q - 1;
        }
    }

    private static boolean isAlpha(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    // ---- shared with RequestLinePrefix, which must fail exactly as parse does ----------------

    /** Bytes of "HTTP/" DIGIT "." DIGIT. */
    static final int VERSION_LENGTH = 8;
    /** Said of a first byte that no method can start with: a TLS handshake, say, or a space. */
    static final String CANNOT_BEGIN = "the bytes received cannot begin an HTTP request line";
    static final String BAD_METHOD_BYTE = "invalid byte in method";
    static final String EMPTY_TARGET = "empty request-target or extra whitespace";
    static final String BAD_TARGET_BYTE = "invalid byte in request-target";

    /** Whether {@code b} may be byte {@code k} (0 to 7) of "HTTP/" DIGIT "." DIGIT. */
    static boolean isVersionByte(int k, byte b) {
        return switch (k) {
            case 0 -> b == 'H';
            case 1, 2 -> b == 'T';
            case 3 -> b == 'P';
            case 4 -> b == '/';
            case 6 -> b == '.';
            default -> isDigit(b);
        };
    }

    /** The error for byte {@code b} at {@code at} in the line, which cannot stand there. */
    static HttpCodecException invalid(byte b, int at, HttpCodecException.Kind kind, String what) {
        if (b == '\r') return bareCr();
        if (b == 0) return HttpCodecException.of(kind, what + ": NUL byte");
        return HttpCodecException.of(kind, what + String.format(" (byte 0x%02x at %d)", b & 0xFF, at));
    }

    /** RFC 9112 §2.2: a CR not followed by LF. */
    static HttpCodecException bareCr() {
        return HttpCodecException.of(BAD_LINE_ENDING, "bare CR in request line");
    }

    static HttpCodecException badVersion() {
        return HttpCodecException.of(BAD_VERSION, "malformed HTTP version in request line");
    }
}
