package dev.weft.router.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random identifiers as fixed-width lower-case hex: trace and span ids (W3C Trace Context) and
 * request ids. One array and one string per id: these are made for every request a tracing or
 * request-id layer sees.
 */
public final class RandomIds {
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private RandomIds() {
    }

    /**
     * {@code longs} random 64-bit words as {@code 16 * longs} lower-case hex digits, never all
     * zero (W3C Trace Context forbids an all-zero trace or span id).
     */
    public static String hex(int longs) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] out = new byte[16 * longs];
        boolean zero = true;
        for (int w = 0; w < longs; w++) {
            long v = random.nextLong();
            if (zero && v == 0 && w == longs - 1) {
                v = 1;
            }
            zero &= v == 0;
            for (int i = 16 * w + 15; i >= 16 * w; i--) {
                out[i] = DIGITS[(int) (v & 0xf)];
                v >>>= 4;
            }
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }
}
