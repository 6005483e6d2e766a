package dev.weft.codec.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The validator against the JDK's strict decoder, and the sequences of Autobahn's cases 6.x. */
class Utf8ValidatorTest {

    private static boolean jdkSays(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean validates(byte[] b) {
        Utf8Validator v = new Utf8Validator();
        return v.feed(b, 0, b.length) && v.isComplete();
    }

    @ParameterizedTest
    @ValueSource(strings = {"c0af", "e080af", "f08080af", "eda080", "edbfbf", "f4908080", "f5808080", "ff", "80",
            "cebae1bdb9cf83cebcceb5eda080656469746564", "c2", "e282", "f09f98"})
    void refusesInvalidSequences(String hex) {
        assertEquals(false, validates(HexFormat.of().parseHex(hex)), hex);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7f", "c280", "dfbf", "e0a080", "ed9fbf", "ee8080", "f0908080", "f48fbfbf",
            "cebae1bdb9cf83cebcceb5"})
    void acceptsValidSequences(String hex) {
        assertEquals(true, validates(HexFormat.of().parseHex(hex)), hex);
    }

    @Test
    void agreesWithTheJdkOnRandomInputSplitAnywhere() {
        Random r = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[r.nextInt(8)];
            for (int j = 0; j < b.length; j++) {
                // Mostly bytes near the interesting boundaries.
                int[] pool = {0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
                b[j] = (byte) pool[r.nextInt(pool.length)];
            }
            int split = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            Utf8Validator v = new Utf8Validator();
            boolean ours = v.feed(b, 0, split) && v.feed(b, split, b.length - split) && v.isComplete();
            assertEquals(jdkSays(b), ours, HexFormat.of().formatHex(b));
        }
    }
}
