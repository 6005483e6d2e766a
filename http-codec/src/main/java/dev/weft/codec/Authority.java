package dev.weft.codec;

import dev.weft.codec.internal.Ascii;

/**
 * Checks {@code uri-host [ ":" port ]}, the authority of a Host header (RFC 9110 §7.2), of an
 * absolute-form target (RFC 9112 §3.2.2) and of a CONNECT target (RFC 9112 §3.2.3), so that all
 * three follow one rule:
 *
 * <ul>
 *   <li>uri-host (RFC 3986 §3.2.2) is an IP literal in brackets or a reg-name / IPv4 address. A
 *       ':' outside brackets starts the port, so {@code a:b:c} has the port {@code b:c} and is
 *       refused; '[' and ']' appear only around an IP literal. Inside the brackets only bytes that
 *       IPv6 and IPvFuture addresses can use are allowed; their finer syntax is not checked.</li>
 *   <li>port = *DIGIT (RFC 3986 §3.2.3): an empty port is valid and means the scheme's default.
 *       The grammar sets no bound, but a port names a TCP port (RFC 9110 §4.2.1), so a value above
 *       65535 is refused, and so is a port of more than five digits (leading zeros beyond the width
 *       of a 16-bit port only make a number that other parsers may read differently).</li>
 *   <li>userinfo ({@code user@host}) is refused: RFC 9110 §4.2.4 forbids it in http(s) URIs sent in
 *       a request and advises treating it as an error, since it serves to disguise the host.</li>
 * </ul>
 */
final class Authority {
    private Authority() {}

    /** The largest TCP port. */
    private static final int MAX_PORT = 65535;
    /** Digits of {@link #MAX_PORT}: a longer port is refused even with leading zeros. */
    private static final int MAX_PORT_DIGITS = 5;
    /** How much of a bad port an error message quotes. */
    private static final int MAX_QUOTED = 16;

    /**
     * What is wrong with the authority {@code d[off, end)}, as a phrase to follow its name
     * ("port is not a number: abc", "has no port"), or null when it is valid.
     *
     * @param connect true for a CONNECT target, which needs a host and a port (RFC 9110 §9.3.6: no
     *     default port applies); false for Host and absolute-form, where both may be empty
     */
    static String problem(byte[] d, int off, int end, boolean connect) {
        int p = off;
        if (p < end && d[p] == '[') {
            p++;
            while (p < end && d[p] != ']') {
                if (!isIpLiteralByte(d[p])) return invalidByte(d, off, p);
                p++;
            }
            if (p == end) return "IP literal lacks its closing ']'";
            if (p == off + 1) return "IP literal is empty";
            p++;
            if (p < end && d[p] != ':') return "has bytes after the IP literal: " + quote(d, p, end);
        } else {
            while (p < end && d[p] != ':') {
                if (d[p] == '@') return "has a userinfo part ('@' at " + (p - off) + "), which RFC 9110 §4.2.4 forbids";
                if (!isRegNameByte(d[p])) return invalidByte(d, off, p);
                p++;
            }
            if (connect && p == off) return "has no host";
        }
        if (p == end) return connect ? "has no port" : null;
        return portProblem(d, p + 1, end, connect);
    }

    /** port = *DIGIT (RFC 3986 §3.2.3), at most {@link #MAX_PORT}; in {@code d[from, end)}. */
    private static String portProblem(byte[] d, int from, int end, boolean connect) {
        if (from == end) return connect ? "has an empty port" : null;
        int value = 0;
        for (int p = from; p < end; p++) {
            int digit = d[p] - '0';
            if (digit < 0 || digit > 9) return "port is not a number: " + quote(d, from, end);
            if (p - from < MAX_PORT_DIGITS) value = value * 10 + digit;
        }
        if (end - from > MAX_PORT_DIGITS || value > MAX_PORT) {
            return "port is out of range (0-" + MAX_PORT + "): " + quote(d, from, end);
        }
        return null;
    }

    /** reg-name and IPv4address bytes (RFC 3986 §3.2.2): unreserved, pct-encoded, sub-delims. */
    private static boolean isRegNameByte(byte b) {
        return Ascii.isHostByte(b) && b != ':' && b != '[' && b != ']';
    }

    /** Bytes of IPv6address and IPvFuture (RFC 3986 §3.2.2), and '%' of an RFC 6874 zone. */
    private static boolean isIpLiteralByte(byte b) {
        return Ascii.isHostByte(b) && b != '[' && b != ']';
    }

    private static String invalidByte(byte[] d, int off, int p) {
        return String.format("has an invalid byte 0x%02x at %d", d[p] & 0xFF, p - off);
    }

    /** Up to {@link #MAX_QUOTED} bytes of {@code d[from, end)} for a message, bytes outside VCHAR as hex. */
    private static String quote(byte[] d, int from, int end) {
        StringBuilder sb = new StringBuilder();
        for (int p = from; p < Math.min(end, from + MAX_QUOTED); p++) {
            int b = d[p] & 0xFF;
            if (b > 0x20 && b < 0x7F) sb.append((char) b);
            else sb.append(String.format("\\x%02x", b));
        }
        if (end - from > MAX_QUOTED) sb.append("...");
        return sb.toString();
    }
}
