package dev.weft.codec;

import static dev.weft.codec.Wire.decodeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Configurable limits and the statuses they map to (RFC 9112 §3 414, RFC 6585 §5 431, RFC 9110 §15.5.14 413). */
class LimitsTest {
    private static RequestDecoder decoder(CodecLimits.Builder b) {
        return new RequestDecoder(b.build());
    }

    @Test
    @DisplayName("defaults are as documented")
    void defaults() {
        CodecLimits l = CodecLimits.defaults();
        assertEquals(8192, l.maxRequestLineLength());
        assertEquals(16384, l.maxHeaderBytes());
        assertEquals(100, l.maxHeaderCount());
        assertEquals(1024, l.maxChunkExtensionLength());
        assertEquals(Long.MAX_VALUE, l.maxContentLength());
    }

    @Test
    @DisplayName("builder rejects impossible limits")
    void builderValidates() {
        assertThrows(IllegalArgumentException.class, () -> CodecLimits.builder().maxRequestLineLength(3));
        assertThrows(IllegalArgumentException.class, () -> CodecLimits.builder().maxHeaderBytes(0));
        assertThrows(IllegalArgumentException.class, () -> CodecLimits.builder().maxHeaderCount(0));
        assertThrows(IllegalArgumentException.class, () -> CodecLimits.builder().maxChunkExtensionLength(-1));
        assertThrows(IllegalArgumentException.class, () -> CodecLimits.builder().maxContentLength(-1));
    }

    @Test
    @DisplayName("RFC 9112 §3: a request line over the limit gets 414, even before its LF arrives")
    void requestLineTooLong() {
        RequestDecoder d = decoder(CodecLimits.builder().maxRequestLineLength(32));
        String line = "GET /" + "a".repeat(16) + " HTTP/1.1\r\n"; // exactly 32 bytes
        assertEquals(32, line.length());
        assertEquals(1, Wire.decode(d, Wire.bytes(line + "Host: h\r\n\r\n"), new int[0]).size());

        RequestDecoder d2 = decoder(CodecLimits.builder().maxRequestLineLength(32));
        HttpCodecException e = decodeError(d2, "GET /" + "a".repeat(17) + " HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(414, e.status());
        assertTrue(e.isRequestLineTooLong());

        // Without a LF: the decoder refuses as soon as the limit is passed, without buffering more.
        RequestDecoder d3 = decoder(CodecLimits.builder().maxRequestLineLength(32));
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("GET /" + "a".repeat(100)));
        assertEquals(414, assertThrows(HttpCodecException.class, () -> d3.decode(in)).status());
    }

    @Test
    @DisplayName("RFC 6585 §5: a header section over the byte limit gets 431")
    void headerBytes() {
        String head = "GET / HTTP/1.1\r\nHost: h\r\nX: " + "v".repeat(20) + "\r\n\r\n";
        int sectionBytes = head.length() - "GET / HTTP/1.1\r\n".length();
        assertEquals(1, Wire.decode(decoder(CodecLimits.builder().maxHeaderBytes(sectionBytes)), Wire.bytes(head), new int[0]).size());
        HttpCodecException e = decodeError(decoder(CodecLimits.builder().maxHeaderBytes(sectionBytes - 1)), head);
        assertEquals(431, e.status());
        assertTrue(e.isHeaderTooLarge());
    }

    @Test
    @DisplayName("RFC 6585 §5: more header fields than the limit gets 431")
    void headerCount() {
        String head = "GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n";
        assertEquals(1, Wire.decode(decoder(CodecLimits.builder().maxHeaderCount(3)), Wire.bytes(head), new int[0]).size());
        HttpCodecException e = decodeError(decoder(CodecLimits.builder().maxHeaderCount(2)), head);
        assertEquals(431, e.status());
        assertTrue(e.isTooManyHeaders());
        assertTrue(e.isHeaderTooLarge());
    }

    @Test
    @DisplayName("RFC 9110 §15.5.14: Content-Length over the limit gets 413 up front")
    void contentLengthTooLarge() {
        RequestDecoder d = decoder(CodecLimits.builder().maxContentLength(10));
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n"));
        HttpCodecException e = assertThrows(HttpCodecException.class, () -> d.decode(in));
        assertEquals(413, e.status());
        assertTrue(e.isContentTooLarge());
        assertEquals(1, Wire.decode(decoder(CodecLimits.builder().maxContentLength(10)),
                Wire.bytes("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789"), new int[0]).size());
    }

    @Test
    @DisplayName("RFC 9110 §15.5.14: chunked data over the limit gets 413 while counting")
    void chunkedTooLarge() {
        String ok = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n01234\r\n5\r\n56789\r\n0\r\n\r\n";
        assertEquals(1, Wire.decode(decoder(CodecLimits.builder().maxContentLength(10)), Wire.bytes(ok), new int[0]).size());
        String tooMuch = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n01234\r\n6\r\n567890\r\n0\r\n\r\n";
        HttpCodecException e = decodeError(decoder(CodecLimits.builder().maxContentLength(10)), tooMuch);
        assertEquals(413, e.status());
        assertTrue(e.isContentTooLarge());
    }

    @Test
    @DisplayName("RFC 9112 §7.1.1: chunk extensions over the limit get 400")
    void chunkExtensionTooLong() {
        String body = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;" + "e".repeat(20) + "\r\nabc\r\n0\r\n\r\n";
        assertEquals(1, Wire.decode(decoder(CodecLimits.builder().maxChunkExtensionLength(21)), Wire.bytes(body), new int[0]).size());
        HttpCodecException e = decodeError(decoder(CodecLimits.builder().maxChunkExtensionLength(20)), body);
        assertEquals(400, e.status());
        assertTrue(e.isChunkExtensionTooLong());
    }

    @Test
    @DisplayName("RFC 6585 §5: trailer sections obey the header limits")
    void trailerLimits() {
        String body = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nA: 1\r\nB: 2\r\n\r\n";
        assertEquals(431, decodeError(decoder(CodecLimits.builder().maxHeaderCount(1)), body).status());
    }
}
