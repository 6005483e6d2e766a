package dev.weft.router.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Percent-decoding (RFC 3986 section 2.1) of path segments and query or form values. The common
 * case, text without {@code '%'} (or {@code '+'} in forms), costs one substring and nothing else.
 */
public final class PercentDecoder {
    private PercentDecoder() {
    }

    /**
     * Decodes {@code s[start, end)} as UTF-8.
     *
     * @param plusIsSpace true for query strings and forms ({@code application/x-www-form-urlencoded})
     * @throws IllegalArgumentException on a truncated or non-hex escape, or bytes that are not UTF-8
     */
    public static String decode(String s, int start, int end, boolean plusIsSpace) {
        int i = start;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '%' || (plusIsSpace && c == '+')) {
                break;
            }
            i++;
        }
        if (i == end) {
            return s.substring(start, end);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
        for (int j = start; j < end; j++) {
            char c = s.charAt(j);
            if (c == '%') {
                if (j + 2 >= end) {
                    throw new IllegalArgumentException("truncated percent-escape");
                }
                int hi = Character.digit(s.charAt(j + 1), 16);
                int lo = Character.digit(s.charAt(j + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("invalid percent-escape '" + s.substring(j, j + 3) + "'");
                }
                out.write(hi << 4 | lo);
                j += 2;
            } else if (plusIsSpace && c == '+') {
                out.write(' ');
            } else if (c < 0x80) {
                out.write(c);
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-escapes are not valid UTF-8");
        }
    }

    /** Decodes all of {@code s}. */
    public static String decode(String s, boolean plusIsSpace) {
        return decode(s, 0, s.length(), plusIsSpace);
    }
}
