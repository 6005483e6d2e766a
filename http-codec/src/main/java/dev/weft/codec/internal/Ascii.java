package dev.weft.codec.internal;

/**
 * Byte-class tables for the HTTP grammar (RFC 9110 §5.6.2 tokens, §5.5 field values) and small
 * ASCII helpers. Tables are indexed by {@code b & 0xFF}, so every lookup is one array load.
 */
public final class Ascii {
    private Ascii() {}

    public static final byte CR = '\r';
    public static final byte LF = '\n';
    public static final byte SP = ' ';
    public static final byte HTAB = '\t';

    /** tchar, RFC 9110 §5.6.2: "!#$%&'*+-.^_`|~", DIGIT, ALPHA. */
    private static final boolean[] TCHAR = new boolean[256];

    /**
     * Bytes allowed inside a field value, RFC 9110 §5.5: field-vchar (VCHAR / obs-text), SP and
     * HTAB. Everything else (NUL, CR, LF, other controls, DEL) is rejected.
     */
    private static final boolean[] FIELD_VALUE = new boolean[256];

    /**
     * Bytes allowed in a request-target: visible US-ASCII except '#' (a fragment is never sent,
     * RFC 9112 §3.2) — the URI grammar (RFC 3986) allows no controls, spaces or non-ASCII.
     * Finer URI validation is left to the router.
     */
    private static final boolean[] TARGET = new boolean[256];

    /**
     * Bytes of a uri-host with optional port (RFC 3986 §3.2.2): reg-name (unreserved, pct-encoded,
     * sub-delims), IP-literal brackets, and ':'.
     */
    private static final boolean[] HOST = new boolean[256];

    /** Hex digit values, or -1. */
    private static final byte[] HEX = new byte[256];

    static {
        for (int c = '0'; c <= '9'; c++) TCHAR[c] = true;
        for (int c = 'a'; c <= 'z'; c++) TCHAR[c] = true;
        for (int c = 'A'; c <= 'Z'; c++) TCHAR[c] = true;
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TCHAR[c] = true;

        for (int c = 0x21; c <= 0x7E; c++) FIELD_VALUE[c] = true;
        for (int c = 0x80; c <= 0xFF; c++) FIELD_VALUE[c] = true;
        FIELD_VALUE[SP] = true;
        FIELD_VALUE[HTAB] = true;

        for (int c = 0x21; c <= 0x7E; c++) TARGET[c] = true;
        TARGET['#'] = false;

        for (int c = '0'; c <= '9'; c++) HOST[c] = true;
        for (int c = 'a'; c <= 'z'; c++) HOST[c] = true;
        for (int c = 'A'; c <= 'Z'; c++) HOST[c] = true;
        for (char c : "-._~%!$&'()*+,;=[]:".toCharArray()) HOST[c] = true;

        java.util.Arrays.fill(HEX, (byte) -1);
        for (int c = '0'; c <= '9'; c++) HEX[c] = (byte) (c - '0');
        for (int c = 'a'; c <= 'f'; c++) HEX[c] = (byte) (c - 'a' + 10);
        for (int c = 'A'; c <= 'F'; c++) HEX[c] = (byte) (c - 'A' + 10);
    }

    public static boolean isTchar(int b) {
        return TCHAR[b & 0xFF];
    }

    public static boolean isFieldValueByte(int b) {
        return FIELD_VALUE[b & 0xFF];
    }

    public static boolean isTargetByte(int b) {
        return TARGET[b & 0xFF];
    }

    public static boolean isHostByte(int b) {
        return HOST[b & 0xFF];
    }

    /** The value of a hex digit, or -1. */
    public static int hexValue(int b) {
        return HEX[b & 0xFF];
    }

    public static boolean isOws(int b) {
        return b == SP || b == HTAB;
    }

    public static int toLower(int b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    /** True if {@code s} is a non-empty token (RFC 9110 §5.6.2). */
    public static boolean isToken(CharSequence s) {
        int n = s.length();
        if (n == 0) return false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c > 0x7F || !TCHAR[c]) return false;
        }
        return true;
    }

    /**
     * Index of the first byte of {@code value} in {@code a[from, to)} that is not allowed in a field
     * value, or -1.
     */
    public static int firstInvalidFieldValueByte(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!FIELD_VALUE[a[i] & 0xFF]) return i;
        }
        return -1;
    }

    /**
     * Case-insensitive comparison of validated field bytes (no controls) with a lower-case
     * constant of letters, digits and '-'.
     */
    public static boolean equalsLowerCase(byte[] a, int off, int len, byte[] lower) {
        return Swar.equalsLowerCase(a, off, len, lower);
    }

    /** Case-insensitive comparison of ISO-8859-1 bytes with a char sequence (ASCII case folding). */
    public static boolean equalsIgnoreCase(byte[] a, int off, int len, CharSequence s) {
        if (len != s.length()) return false;
        for (int i = 0; i < len; i++) {
            int c = s.charAt(i);
            if (c > 0xFF) return false;
            int b = a[off + i] & 0xFF;
            if (b != c && toLower(b) != toLower(c)) return false;
        }
        return true;
    }

    /** ISO-8859-1 bytes of a String that is known to contain only chars below U+0100. */
    public static byte[] latin1(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
