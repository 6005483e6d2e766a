package dev.weft.codec.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * "SIMD within a register" scans over byte arrays: eight bytes per step through a little-endian
 * long view, so the lowest flagged byte is found with {@link Long#numberOfTrailingZeros}.
 *
 * <p>The tricks (from "Bit Twiddling Hacks"): for a word {@code x},
 * {@code (x - 0x01..01 * n) & ~x & 0x80..80} flags bytes below {@code n} (for {@code n <= 128});
 * applied to {@code x ^ (0x01..01 * b)} with {@code n = 1} it flags bytes equal to {@code b}. Bytes
 * above a flagged byte may be flagged falsely (borrow), but the lowest flag is always exact, and
 * only the lowest is used.
 */
public final class Swar {
    private Swar() {}

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private static long below(long x, int n) {
        return (x - ONES * n) & ~x & HIGHS;
    }

    private static long equal(long x, int b) {
        long y = x ^ (ONES * b);
        return (y - ONES) & ~y & HIGHS;
    }

    private static final long CASE = 0x2020202020202020L;

    /**
     * Case-insensitive comparison of {@code a[off, off+len)} with {@code lower}, a lower-case
     * constant made of letters, digits and '-'. Setting bit 5 lower-cases a letter and leaves
     * digits and '-' alone; the only other bytes it maps onto those are controls, which the
     * callers have already rejected, so the comparison is exact for validated input.
     */
    public static boolean equalsLowerCase(byte[] a, int off, int len, byte[] lower) {
        if (len != lower.length) return false;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            if ((((long) LONG_LE.get(a, off + i)) | CASE) != (long) LONG_LE.get(lower, i)) return false;
        }
        for (; i < len; i++) {
            if ((a[off + i] | 0x20) != lower[i]) return false;
        }
        return true;
    }

    /** Index of the first {@code b} in {@code a[from, to)}, or -1. */
    public static int indexOf(byte[] a, int from, int to, byte b) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long t = equal((long) LONG_LE.get(a, i), b & 0xFF);
            if (t != 0) return i + (Long.numberOfTrailingZeros(t) >>> 3);
        }
        for (; i < to; i++) {
            if (a[i] == b) return i;
        }
        return -1;
    }

    /**
     * Index of the first byte in {@code a[from, to)} that cannot appear inside a field line
     * (RFC 9110 §5.5): a control byte other than HTAB (so CR, LF and NUL too) or DEL; or -1.
     */
    public static int firstFieldControl(byte[] a, int from, int to) {
        int i = from;
        while (i < to) {
            for (; i + 8 <= to; i += 8) {
                long x = (long) LONG_LE.get(a, i);
                long t = below(x, 0x20) | equal(x, 0x7F);
                if (t != 0) {
                    i += Long.numberOfTrailingZeros(t) >>> 3;
                    break;
                }
            }
            for (; i < to; i++) {
                byte c = a[i];
                if ((c >= 0 && c < 0x20) || c == 0x7F) break;
            }
            if (i == to) return -1;
            if (a[i] != '\t') return i;
            i++; // HTAB is allowed: keep scanning after it
        }
        return -1;
    }

    /**
     * Index of the first byte in {@code a[from, to)} that cannot appear in a request-target:
     * SP and below, DEL, non-ASCII, or '#'; or -1. The SP that ends a valid target is found here.
     */
    public static int firstNonTarget(byte[] a, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONG_LE.get(a, i);
            long t = below(x, 0x21) | equal(x, 0x7F) | (x & HIGHS) | equal(x, '#');
            if (t != 0) return i + (Long.numberOfTrailingZeros(t) >>> 3);
        }
        for (; i < to; i++) {
            if (!Ascii.isTargetByte(a[i])) return i;
        }
        return -1;
    }
}
