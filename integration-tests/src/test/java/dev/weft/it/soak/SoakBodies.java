package dev.weft.it.soak;

import java.util.SplittableRandom;

/**
 * Body sizes and contents for the integrity soak. Sizes come from the boundaries where the server
 * changes how it holds bytes, each with its neighbours, so that every off-by-one in buffer
 * switching, slicing and copying is crossed again and again:
 * <ul>
 *   <li>0 and 1;</li>
 *   <li>2 KiB: bodies up to this are copied next to their response head, larger ones are written
 *       from the request's own memory;</li>
 *   <li>16 KiB: the small read buffer (and a typical client write);</li>
 *   <li>64 KiB: a common client slice and socket buffer size;</li>
 *   <li>128 KiB: the large read buffer;</li>
 *   <li>1 MiB: many buffers' worth, and curl's threshold for {@code Expect: 100-continue}.</li>
 * </ul>
 * Contents are a function of a seed, so a failing exchange can be regenerated from its seed.
 */
public final class SoakBodies {
    private static final int[] BOUNDARIES = {0, 1, 2048, 16 * 1024, 64 * 1024, 128 * 1024, 1024 * 1024};

    private SoakBodies() {
    }

    /** A size: a boundary, a boundary ± 1, or (one time in eight) anything up to 256 KiB. */
    public static int size(SplittableRandom random) {
        if (random.nextInt(8) == 0) {
            return random.nextInt(256 * 1024 + 1);
        }
        int b = BOUNDARIES[random.nextInt(BOUNDARIES.length)];
        int size = b + random.nextInt(3) - 1;
        return Math.max(0, size);
    }

    /** {@code size} bytes determined by {@code seed}; every byte value occurs. */
    public static byte[] body(long seed, int size) {
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    /** The index of the first byte where {@code actual} differs from {@code expected}, or -1. */
    public static long firstDifference(byte[] expected, byte[] actual) {
        int n = Math.min(expected.length, actual.length);
        for (int i = 0; i < n; i++) {
            if (expected[i] != actual[i]) {
                return i;
            }
        }
        return expected.length == actual.length ? -1 : n;
    }
}
