package dev.weft.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * RFC 9110 §5.5, RFC 9112 §5: whatever strings a handler puts in response headers, either
 * {@link HttpHeaders} refuses them or the encoded response carries exactly that one field — no
 * injected line, no broken framing.
 */
class HeaderInjectionPropertyTest {
    @Provide
    Arbitrary<String> nasty() {
        return Arbitraries.strings()
                .withChars("aZ09-_ :;,\"\t\r\n\u0000\u0001\u007f\u0080\u00ff\u0100\u2028")
                .ofMaxLength(12);
    }

    @Property(tries = 500)
    void addedFieldsCannotInjectLines(@ForAll("nasty") String name, @ForAll("nasty") String value) {
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
    }
}
