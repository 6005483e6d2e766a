package dev.weft.router.internal;

/**
 * A {@code traceparent} header value parsed strictly per W3C Trace Context (Level 1, §3.2):
 * {@code version "-" trace-id "-" parent-id "-" trace-flags}, lower-case hex only.
 *
 * <ul>
 *   <li>version {@code ff} is invalid; version {@code 00} is exactly 55 characters;</li>
 *   <li>a higher version (a future one) is read by its first four fields, and must then be
 *       followed by nothing or by {@code "-"} and more (§3.2.4, "versioning of traceparent");</li>
 *   <li>a trace-id of 32 zeros or a parent-id of 16 zeros is invalid.</li>
 * </ul>
 *
 * @param traceId  32 lower-case hex digits, not all zero
 * @param parentId 16 lower-case hex digits, not all zero
 * @param flags    the trace-flags byte (bit 0: sampled)
 */
public record TraceParent(String traceId, String parentId, int flags) {
    private static final int V00_LENGTH = 55;

    /** The parsed value, or null when {@code value} is not a valid {@code traceparent}. */
    public static TraceParent parse(String value) {
        if (value == null || value.length() < V00_LENGTH) {
            return null;
        }
        int version = hexByte(value, 0);
        if (version < 0 || version == 0xff) {
            return null;
        }
        if (value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
            return null;
        }
        if (version == 0 ? value.length() != V00_LENGTH
                : value.length() > V00_LENGTH && value.charAt(V00_LENGTH) != '-') {
            return null;
        }
        String traceId = value.substring(3, 35);
        String parentId = value.substring(36, 52);
        int flags = hexByte(value, 53);
        if (!isHex(traceId) || !isHex(parentId) || flags < 0 || isZero(traceId) || isZero(parentId)) {
            return null;
        }
        return new TraceParent(traceId, parentId, flags);
    }

    /** The header value of version 00 for {@code traceId}, {@code spanId} and {@code flags}. */
    public static String format(String traceId, String spanId, int flags) {
        return "00-" + traceId + "-" + spanId + "-" + Character.forDigit(flags >> 4 & 0xf, 16)
                + Character.forDigit(flags & 0xf, 16);
    }

    /** The byte of the two lower-case hex digits at {@code at}, or -1. */
    private static int hexByte(String s, int at) {
        int hi = hexDigit(s.charAt(at));
        int lo = hexDigit(s.charAt(at + 1));
        return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        // Upper case is not valid (§3.2.2: "HEXDIGLC").
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (hexDigit(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZero(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
