package dev.weft.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 9112 §2.2, §3: input that can never become a request line is refused as soon as the byte
 * that rules it out arrives, rather than when a LF or the request-line limit comes, and with the
 * same error however the bytes are split.
 */
class EarlyRejectionTest {
    /**
     * The start of a TLS 1.x ClientHello, as a client sends it to a plaintext port: a handshake
     * record (0x16, version 0x0301, length 0x0200) holding a ClientHello (0x01, length 0x0001fc,
     * client version 0x0303), then bytes standing for the random, session id and extensions.
     */
    static byte[] clientHello(boolean withLf) {
        byte[] b = new byte[517];
        byte[] start = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
        System.arraycopy(start, 0, b, 0, start.length);
        for (int i = start.length; i < b.length; i++) {
            int v = (i * 37 + 11) & 0xFF;
            b[i] = (byte) (v == '\n' ? v + 1 : v);
        }
        if (withLf) b[200] = '\n'; // the random bytes of a real ClientHello often hold a 0x0a
        return b;
    }

    /** How feeding some bytes ended: the error thrown (null if none) and how many bytes were in. */
    record Outcome(String error, int fed) {}

    /** Feeds {@code data} in reads of {@code step} bytes until the decoder throws or the data ends. */
    static Outcome feed(byte[] data, int step) {
        RequestDecoder d = new RequestDecoder();
        int fed = 0;
        try {
            while (fed < data.length) {
                int n = Math.min(step, data.length - fed);
                ByteBuffer in = ByteBuffer.wrap(data, fed, n);
                fed += n;
                while (d.decode(in) != DecodeEvent.NEED_MORE) {
                    // heads of earlier requests: not what these tests look at
                }
            }
            return new Outcome(null, fed);
        } catch (HttpCodecException e) {
            return new Outcome(e.toString(), fed);
        }
    }

    @Test
    @DisplayName("a TLS ClientHello sent in one read is refused at once with 400")
    void tlsClientHelloInOneRead() {
        for (boolean withLf : new boolean[] {false, true}) {
            Outcome o = feed(clientHello(withLf), Integer.MAX_VALUE);
            assertEquals("HttpCodecException[400 BAD_METHOD]: the bytes received cannot begin an HTTP request line"
                    + " (byte 0x16 at 0)", o.error());
        }
    }

    @Test
    @DisplayName("a TLS ClientHello fed a byte at a time is refused on its first byte")
    void tlsClientHelloByteByByte() {
        for (boolean withLf : new boolean[] {false, true}) {
            Outcome o = feed(clientHello(withLf), 1);
            assertEquals(feed(clientHello(withLf), Integer.MAX_VALUE).error(), o.error());
            assertEquals(1, o.fed());
        }
    }

    @Test
    @DisplayName("RFC 9112 §2.2: empty lines before the request line are still skipped; garbage after them is not")
    void garbageAfterEmptyLines() {
        byte[] hello = clientHello(false);
        byte[] data = new byte[4 + hello.length];
        data[0] = data[2] = '\r';
        data[1] = data[3] = '\n';
        System.arraycopy(hello, 0, data, 4, hello.length);
        Outcome o = feed(data, 1);
        assertTrue(o.error().contains("cannot begin an HTTP request line"), o::toString);
        assertEquals(5, o.fed());
        assertEquals(o.error(), feed(data, Integer.MAX_VALUE).error());
    }

    /** Cases: the bytes sent (no LF), "|", the error, "|", how many bytes were in when it came. */
    @ParameterizedTest
    @ValueSource(strings = {
        " GET / HTTP/1.1|400 BAD_METHOD]: the bytes received cannot begin an HTTP request line (byte 0x20 at 0)|1",
        "\u0000|400 BAD_METHOD]: the bytes received cannot begin an HTTP request line: NUL byte|1",
        "GE(T / HTTP/1.1|400 BAD_METHOD]: invalid byte in method (byte 0x28 at 2)|3",
        "GET\t/ HTTP/1.1|400 BAD_METHOD]: invalid byte in method (byte 0x09 at 3)|4",
        "\u00c9T / HTTP/1.1|400 BAD_METHOD]: the bytes received cannot begin an HTTP request line (byte 0xc9 at 0)|1",
        "GET  / HTTP/1.1|400 BAD_TARGET]: empty request-target or extra whitespace (byte 0x20 at 4)|5",
        "GET /a\u0000b HTTP/1.1|400 BAD_TARGET]: invalid byte in request-target: NUL byte|7",
        "GET /a#b HTTP/1.1|400 BAD_TARGET]: invalid byte in request-target (byte 0x23 at 6)|7",
        "GET /a\u00e9 HTTP/1.1|400 BAD_TARGET]: invalid byte in request-target (byte 0xe9 at 6)|7",
        "GET / HTTX/1.1|400 BAD_VERSION]: malformed HTTP version in request line|10",
        "GET / http/1.1|400 BAD_VERSION]: malformed HTTP version in request line|7",
        "GET / HTTP/x.1|400 BAD_VERSION]: malformed HTTP version in request line|12",
        "GET / HTTP/1.1x|400 BAD_VERSION]: malformed HTTP version in request line|15",
        "GET / HTTP/1.1 |400 BAD_VERSION]: malformed HTTP version in request line|15",
        "\rGET / HTTP/1.1|400 BAD_LINE_ENDING]: bare CR in request line|2",
        "GET /a\rb HTTP/1.1|400 BAD_LINE_ENDING]: bare CR in request line|8",
        "GET / HTTP/1.1\rx|400 BAD_LINE_ENDING]: bare CR in request line|16"})
    @DisplayName("RFC 9112 §3: a byte that cannot stand where it is fails when it arrives, however the bytes are split")
    void invalidByteFailsWhenItArrives(String testCase) {
        String[] c = testCase.split("\\|");
        byte[] data = Wire.bytes(c[0]);
        String expected = "HttpCodecException[" + c[1];
        Outcome whole = feed(data, Integer.MAX_VALUE);
        assertEquals(expected, whole.error());
        Outcome byteByByte = feed(data, 1);
        assertEquals(expected, byteByByte.error());
        assertEquals(Integer.parseInt(c[2]), byteByByte.fed());
        for (int step = 2; step < data.length; step++) assertEquals(expected, feed(data, step).error(), "reads of " + step);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r", "\r\n\r", "G", "GET", "GET ", "GET /", "GET /a?b=c", "GET /a ", "GET /a HTTP/1.",
        "GET /a HTTP/1.1", "GET /a HTTP/1.1\r", "OPTIONS *", "CONNECT [::1]:443 HTTP/1.0\r",
        "GET /\r", "GET\r", "GET / HTTP/1\r", "GET / HTTP/1.1\r\nHost: h\r\n"})
    @DisplayName("RFC 9112 §2.1: a prefix that may still become a request is never refused early")
    void validPrefixesWait(String prefix) {
        byte[] data = Wire.bytes(prefix);
        assertNull(feed(data, 1).error());
        assertNull(feed(data, Integer.MAX_VALUE).error());
    }

    @Test
    @DisplayName("RFC 9112 §2.2: a bad byte before a bare LF is the error reported, as it was seen first")
    void badByteBeforeBareLf() {
        byte[] data = Wire.bytes("GE(T / HTTP/1.1\nHost: h\r\n\r\n");
        String expected = "HttpCodecException[400 BAD_METHOD]: invalid byte in method (byte 0x28 at 2)";
        assertEquals(expected, feed(data, Integer.MAX_VALUE).error());
        assertEquals(expected, feed(data, 1).error());
        // Without a bad byte, the bare LF is what is wrong.
        assertTrue(feed(Wire.bytes("GET / HTTP/1.1\nHost: h\r\n\r\n"), 1).error().contains("BAD_LINE_ENDING"));
    }

    @Test
    @DisplayName("RFC 9112 §3: a bad byte within the request-line limit wins over the limit, split or not")
    void badByteBeforeTheLimit() {
        byte[] data = new byte[9000];
        Arrays.fill(data, (byte) 'A');
        data[8000] = '(';
        String expected = "HttpCodecException[400 BAD_METHOD]: invalid byte in method (byte 0x28 at 8000)";
        assertEquals(expected, feed(data, Integer.MAX_VALUE).error());
        assertEquals(new Outcome(expected, 8001), feed(data, 1));
        // A method of nothing but tchars is bounded by the request-line limit (414).
        Arrays.fill(data, (byte) 'A');
        Outcome tooLong = feed(data, 1);
        assertTrue(tooLong.error().startsWith("HttpCodecException[414 REQUEST_LINE_TOO_LONG]"), tooLong::toString);
        assertEquals(8192, tooLong.fed());
    }
}
