package dev.weft.codec.websocket;

/**
 * Incremental UTF-8 validation (RFC 3629): bytes may come in any number of pieces, a character
 * may be split between them (a text message's fragments), and an invalid byte is found as soon
 * as it arrives — the fail-fast Autobahn's cases 6.x expect. Overlong forms, surrogates
 * (U+D800–U+DFFF) and code points above U+10FFFF are invalid.
 *
 * <pre>{@code
 * Utf8Validator v = new Utf8Validator();
 * boolean ok = v.feed(part1, 0, part1.length) && v.feed(part2, 0, part2.length) && v.isComplete();
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class Utf8Validator {
    /** Continuation bytes still expected for the current character. */
    private int needed;
    /** Bounds for the next continuation byte (narrower after E0, ED, F0, F4). */
    private int lower = 0x80;
    private int upper = 0xBF;

    /** Starts again (a new message). */
    public void reset() {
        needed = 0;
        lower = 0x80;
        upper = 0xBF;
    }

    /** Feeds bytes; false as soon as they cannot be UTF-8 whatever follows. */
    public boolean feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            int b = bytes[i] & 0xFF;
            if (needed == 0) {
                if (b < 0x80) {
                    continue;
                }
                if (b >= 0xC2 && b <= 0xDF) {
                    needed = 1;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    needed = 2;
                    if (b == 0xE0) {
                        lower = 0xA0; // overlong
                    } else if (b == 0xED) {
                        upper = 0x9F; // surrogates
                    }
                } else if (b >= 0xF0 && b <= 0xF4) {
                    needed = 3;
                    if (b == 0xF0) {
                        lower = 0x90; // overlong
                    } else if (b == 0xF4) {
                        upper = 0x8F; // above U+10FFFF
                    }
                } else {
                    return false;
                }
            } else {
                if (b < lower || b > upper) {
                    return false;
                }
                lower = 0x80;
                upper = 0xBF;
                needed--;
            }
        }
        return true;
    }

    /** True when no character is left unfinished. */
    public boolean isComplete() {
        return needed == 0;
    }
}
