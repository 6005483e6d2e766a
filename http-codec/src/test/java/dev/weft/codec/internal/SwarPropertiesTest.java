package dev.weft.codec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The SWAR scans agree with plain byte-by-byte loops over the same grammar tables. */
class SwarPropertiesTest {
    @Provide
    Arbitrary<byte[]> bytes() {
        // Mostly printable bytes with rare specials, so that hits land anywhere in a word.
        Arbitrary<Byte> common = Arbitraries.bytes().between((byte) 0x21, (byte) 0x7E);
        Arbitrary<Byte> special = Arbitraries.of((byte) 0, (byte) '\t', (byte) '\n', (byte) '\r', (byte) ' ', (byte) '#',
                (byte) 0x7F, (byte) 0x80, (byte) 0xFF, (byte) 0x1F, (byte) 0x20);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, common), net.jqwik.api.Tuple.of(1, special))
                .array(byte[].class).ofMaxSize(64);
    }

    @Property(tries = 500)
    void indexOf(@ForAll("bytes") byte[] a, @ForAll byte b) {
        for (int from = 0; from <= Math.min(a.length, 9); from++) {
            int expected = -1;
            for (int i = from; i < a.length; i++) {
                if (a[i] == b) {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, Swar.indexOf(a, from, a.length, b));
        }
    }

    @Property(tries = 500)
    void firstFieldControl(@ForAll("bytes") byte[] a) {
        for (int from = 0; from <= Math.min(a.length, 9); from++) {
            int expected = -1;
            for (int i = from; i < a.length; i++) {
                if (!Ascii.isFieldValueByte(a[i])) {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, Swar.firstFieldControl(a, from, a.length));
        }
    }

    @Property(tries = 500)
    void firstNonTarget(@ForAll("bytes") byte[] a) {
        for (int from = 0; from <= Math.min(a.length, 9); from++) {
            int expected = -1;
            for (int i = from; i < a.length; i++) {
                if (!Ascii.isTargetByte(a[i])) {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, Swar.firstNonTarget(a, from, a.length));
        }
    }
}
