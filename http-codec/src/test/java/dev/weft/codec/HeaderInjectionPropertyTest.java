package dev.weft.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpStatus;
import dev.weft.http.HttpVersion;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * RFC 9110 §5.5, RFC 9112 §5: whatever strings a handler puts in response headers, either
 * {@link HttpHeaders} refuses them or the encoded response carries exactly that one field — no
 * injected line, no broken framing. Inputs come from {@link Tries} ({@code -Dweft.seed=S}
 * replays a run).
 */
class HeaderInjectionPropertyTest {
    private static final String NASTY = "aZ09-_ :;,\"\t\r\n\u0000\u0001\u007f\u0080\u00ff\u0100\u2028";

    /** A header name and value made of letters, separators, controls and non-Latin-1 chars. */
    record Field(String name, String value) {
        static Field draw(Tries.Gen g) {
            return new Field(g.string(NASTY, 0, 12), g.string(NASTY, 0, 12));
        }

        @Override
        public String toString() {
            return "Field[" + escape(name) + ": " + escape(value) + "]";
        }

        private static String escape(String s) {
            StringBuilder sb = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') sb.append(c);
                else sb.append(String.format("\\u%04x", (int) c));
            }
            return sb.append('"').toString();
        }
    }

    @Test
    void addedFieldsCannotInjectLines() {
        Tries.forAll(500, Field::draw, f -> {
            String name = f.name();
            String value = f.value();
            HttpHeaders h = new HttpHeaders();
            try {
                h.add(name, value);
            } catch (IllegalArgumentException refused) {
                assertEquals(0, h.size());
                return;
            }
            ResponseEncoder enc = new ResponseEncoder(new HttpDate(() -> 0L));
            ByteBuffer out = ByteBuffer.allocate(512);
            enc.encodeHead(HttpVersion.HTTP_1_1, HttpStatus.OK, h, 0, true, false, out);
            out.flip();
            ResponseParser.Parsed p = ResponseParser.parse(out, false);
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            boolean replaced = lower.equals("content-length") || lower.equals("transfer-encoding") || lower.equals("connection");
            int expected = replaced ? 2 : lower.equals("date") ? 2 : 3; // the field, Date, Content-Length
            assertEquals(expected, p.headers().size(), () -> p.toString());
            if (!replaced) assertArrayEquals(new String[] {name, value}, p.headers().getFirst());
            assertEquals(0, p.leftover());
        });
    }
}
