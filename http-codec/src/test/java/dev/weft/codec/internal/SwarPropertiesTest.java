package dev.weft.codec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.codec.Tries;
import java.util.HexFormat;
import java.util.function.IntPredicate;
import java.util.function.ToIntBiFunction;
import org.junit.jupiter.api.Test;

/**
 * The SWAR scans agree with plain byte-by-byte loops over the same grammar tables. Inputs come
 * from {@link Tries} ({@code -Dweft.seed=S} replays a run).
 */
class SwarPropertiesTest {
    /** A byte array and a byte to look for in it. */
    record Scan(byte[] a, byte b) {
        static Scan draw(Tries.Gen g) {
            return new Scan(mostlyPrintable(g), g.anyByte());
        }

        @Override
        public String toString() {
            return "Scan[a=" + HexFormat.of().formatHex(a) + ", b=" + HexFormat.of().toHexDigits(b) + "]";
        }
    }

    /** A byte array to scan for a class of bytes. */
    record Bytes(byte[] a) {
        static Bytes draw(Tries.Gen g) {
            return new Bytes(mostlyPrintable(g));
        }

        @Override
        public String toString() {
            return "Bytes[" + HexFormat.of().formatHex(a) + "]";
        }
    }

    /**
     * Up to 64 mostly printable bytes with rare specials (one in 21), so that hits land anywhere
     * in a word.
     */
    static byte[] mostlyPrintable(Tries.Gen g) {
        byte[] a = new byte[g.size(0, 64)];
        for (int i = 0; i < a.length; i++) {
            a[i] = g.oneIn(21)
                    ? g.pick((byte) 0, (byte) '\t', (byte) '\n', (byte) '\r', (byte) ' ', (byte) '#', (byte) 0x7F,
                            (byte) 0x80, (byte) 0xFF, (byte) 0x1F, (byte) 0x20)
                    : g.byteBetween(0x21, 0x7E);
        }
        return a;
    }

    @Test
    void indexOf() {
        Tries.forAll(500, Scan::draw, s -> agree(s.a(), b -> b == s.b(), (from, to) -> Swar.indexOf(s.a(), from, to, s.b())));
    }

    @Test
    void firstFieldControl() {
        Tries.forAll(500, Bytes::draw,
                s -> agree(s.a(), b -> !Ascii.isFieldValueByte(b), (from, to) -> Swar.firstFieldControl(s.a(), from, to)));
    }

    @Test
    void firstNonTarget() {
        Tries.forAll(500, Bytes::draw,
                s -> agree(s.a(), b -> !Ascii.isTargetByte(b), (from, to) -> Swar.firstNonTarget(s.a(), from, to)));
    }

    /**
     * Checks, from each of the first ten offsets, that {@code scan(from, a.length)} returns the
     * index of the first byte matching {@code hit}, or -1.
     */
    private static void agree(byte[] a, IntPredicate hit, ToIntBiFunction<Integer, Integer> scan) {
        for (int from = 0; from <= Math.min(a.length, 9); from++) {
            int expected = -1;
            for (int i = from; i < a.length; i++) {
                if (hit.test(a[i])) {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, scan.applyAsInt(from, a.length), "from " + from);
        }
    }
}
