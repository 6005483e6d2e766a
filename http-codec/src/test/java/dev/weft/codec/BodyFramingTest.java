package dev.weft.codec;

import static dev.weft.codec.Wire.decode;
import static dev.weft.codec.Wire.decodeError;
import static dev.weft.codec.Wire.decodeOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9112 §6 (message body length) and §7 (chunked transfer coding). */
class BodyFramingTest {
    @Test
    @DisplayName("RFC 9112 §6.3 item 7: a request with neither Content-Length nor Transfer-Encoding has no body")
    void noBody() {
        Wire.Message m = decodeOne("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
        assertFalse(m.head().hasBody());
        assertEquals(-1, m.head().contentLength());
        assertEquals(0, m.body().length);
        assertTrue(m.trailers().isEmpty());
    }

    @Test
    @DisplayName("RFC 9112 §6.3 item 6: Content-Length delimits the body")
    void contentLength() {
        List<Wire.Message> ms = decode("POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloGET / HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(2, ms.size());
        assertEquals("hello", ms.get(0).bodyText());
        assertEquals(5, ms.get(0).head().contentLength());
        assertTrue(ms.get(0).head().hasBody());
        assertEquals("/", ms.get(1).head().path());
    }

    @Test
    @DisplayName("RFC 9112 §6.3: Content-Length: 0 gives HEAD then END")
    void zeroLength() {
        RequestDecoder d = new RequestDecoder();
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n"));
        assertEquals(DecodeEvent.HEAD, d.decode(in));
        assertFalse(d.head().hasBody());
        assertEquals(DecodeEvent.END, d.decode(in));
        assertEquals(DecodeEvent.NEED_MORE, d.decode(in));
    }

    @Test
    @DisplayName("RFC 9112 §6.3: content is a read-only slice never beyond the framing")
    void contentNeverOverreads() {
        RequestDecoder d = new RequestDecoder();
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabcGET"));
        assertEquals(DecodeEvent.HEAD, d.decode(in));
        assertEquals(DecodeEvent.CONTENT, d.decode(in));
        assertEquals(3, d.content().remaining());
        assertTrue(d.content().isReadOnly());
        assertEquals(DecodeEvent.END, d.decode(in));
        assertEquals(3, in.remaining());
    }

    @Test
    @DisplayName("RFC 9112 §6.3 item 5: identical repeated Content-Length values are accepted")
    void identicalContentLengths() {
        assertEquals("abc", decodeOne("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 3\r\n\r\nabc").bodyText());
        assertEquals("abc", decodeOne("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 003\r\n\r\nabc").bodyText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"3, 4", "+3", "-3", "3 3", "0x3", "3a", "", " ", "3,", ",3", "99999999999999999999", "9223372036854775808"})
    @DisplayName("RFC 9112 §6.3 item 5: malformed or differing Content-Length gets 400")
    void badContentLength(String v) {
        HttpCodecException e = decodeError("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: " + v + "\r\n\r\nabcd");
        assertEquals(400, e.status());
        assertTrue(e.isBadContentLength());
        assertTrue(e.isFraming());
    }

    @Test
    @DisplayName("RFC 9112 §6.3 item 5: differing values on separate lines get 400")
    void differingContentLengthLines() {
        assertTrue(decodeError("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd").isBadContentLength());
    }

    @Test
    @DisplayName("RFC 9112 §6.3 item 3: Content-Length with Transfer-Encoding is rejected")
    void contentLengthAndTransferEncoding() {
        HttpCodecException e = decodeError(
                "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        assertEquals(400, e.status());
        assertTrue(e.isContentLengthWithTransferEncoding());
    }

    @Test
    @DisplayName("RFC 9112 §7.1: chunked body with several chunks")
    void chunked() {
        Wire.Message m = decodeOne("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n1;a=b\r\n \r\nA\r\n0123456789\r\n0\r\n\r\n");
        assertTrue(m.head().chunked());
        assertTrue(m.head().hasBody());
        assertEquals(-1, m.head().contentLength());
        assertEquals("hello 0123456789", m.bodyText());
        assertTrue(m.trailers().isEmpty());
    }

    @Test
    @DisplayName("RFC 9112 §7.1.2: trailers are delivered with END")
    void trailers() {
        Wire.Message m = decodeOne("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n0\r\nX-Sum: 42\r\nX-Other: a\r\n\r\n");
        assertEquals("abc", m.bodyText());
        assertEquals(2, m.trailers().size());
        assertEquals("42", m.trailers().get("x-sum"));
    }

    @Test
    @DisplayName("RFC 9112 §7.1.2: a message without trailers reports empty, read-only trailers")
    void trailersDefaultIsReadOnly() {
        // The shared empty map the decoder reports for messages without trailers must never
        // take a field: every connection would see it.
        RequestDecoder d = new RequestDecoder();
        assertThrows(UnsupportedOperationException.class, () -> d.trailers().add("A", "b"));
        assertEquals(DecodeEvent.HEAD, d.decode(ByteBuffer.wrap(Wire.bytes("GET / HTTP/1.1\r\nHost: h\r\n\r\n"))));
        assertEquals(DecodeEvent.END, d.decode(ByteBuffer.allocate(0)));
        assertTrue(d.trailers().isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> d.trailers().add("A", "b"));
    }

    @Test
    @DisplayName("RFC 9112 §7.1.2: malformed trailer fields get 400")
    void badTrailer() {
        assertTrue(decodeError("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX : 1\r\n\r\n").isBadHeader());
    }

    @Test
    @DisplayName("RFC 9112 §7.1.1: chunk extensions are ignored, with BWS before ';'")
    void chunkExtensions() {
        Wire.Message m = decodeOne("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3 ; name=\"quoted;value\" ;x\r\nabc\r\n0;last\r\n\r\n");
        assertEquals("abc", m.bodyText());
    }

    @Test
    @DisplayName("RFC 9112 §7.1: whitespace after the chunk size before CRLF is tolerated")
    void chunkSizeTrailingWhitespace() {
        assertEquals("abc", decodeOne("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3 \t\r\nabc\r\n0\r\n\r\n").bodyText());
    }

    @Test
    @DisplayName("RFC 9112 §7.1: a chunk's data may arrive as several CONTENT events")
    void chunkDataInPieces() {
        RequestDecoder d = new RequestDecoder();
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"));
        assertEquals(DecodeEvent.HEAD, d.decode(in));
        assertEquals(DecodeEvent.CONTENT, d.decode(in));
        assertEquals(2, d.content().remaining());
        assertEquals(DecodeEvent.NEED_MORE, d.decode(in));
        ByteBuffer more = ByteBuffer.wrap(Wire.bytes("cde\r\n0\r\n\r\n"));
        assertEquals(DecodeEvent.CONTENT, d.decode(more));
        assertEquals(3, d.content().remaining());
        assertEquals(DecodeEvent.END, d.decode(more));
        assertFalse(more.hasRemaining());
    }

    @Test
    @DisplayName("RFC 9112 §6.1: transfer-coding names are case-insensitive")
    void chunkedCaseInsensitive() {
        assertEquals("abc", decodeOne("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: CHUNKED\r\n\r\n3\r\nabc\r\n0\r\n\r\n").bodyText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chunked, gzip", "gzip", "identity", "chunked, chunked", ",", "chunked;", "chun ked"})
    @DisplayName("RFC 9112 §6.3 item 4: Transfer-Encoding on a request must end in a single chunked, else 400")
    void transferEncodingNotFinalChunked(String te) {
        HttpCodecException e = decodeError("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: " + te + "\r\n\r\n0\r\n\r\n");
        assertEquals(400, e.status(), e.getMessage());
        assertTrue(e.isFraming());
    }

    @Test
    @DisplayName("RFC 9112 §6.1: an unknown coding before chunked gets 501")
    void unsupportedCoding() {
        HttpCodecException e = decodeError("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
        assertEquals(501, e.status());
        assertTrue(e.isUnsupportedTransferCoding());
        assertEquals(501, decodeError("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").status());
    }

    @Test
    @DisplayName("RFC 9112 §6.1: Transfer-Encoding split over lines: the final coding decides")
    void transferEncodingAcrossLines() {
        assertTrue(decodeError("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n").isBadTransferEncoding());
    }

    @Test
    @DisplayName("RFC 9112 §6.1: Transfer-Encoding in an HTTP/1.0 request is faulty framing")
    void transferEncodingHttp10() {
        assertTrue(decodeError("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").isBadTransferEncoding());
    }

    @ParameterizedTest
    @ValueSource(strings = {"g\r\n", "\r\n", " 3\r\n", "-3\r\n", "0x3\r\n", "3x\r\n", "3\n", "3\rx", "3;\u0000\r\n",
        "3;a\nb\r\n", "10000000000000000\r\n", "fffffffffffffffff\r\n"})
    @DisplayName("RFC 9112 §7.1: bad chunk size lines get 400")
    void badChunkSize(String line) {
        HttpCodecException e = decodeError("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + line + "abc\r\n0\r\n\r\n");
        assertEquals(400, e.status());
        assertTrue(e.isBadChunk(), e.getMessage());
    }

    @Test
    @DisplayName("RFC 9112 §7.1: a chunk size that is not hex gets 400 saying so, as soon as its first byte arrives")
    void nonHexChunkSize() {
        String head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
        HttpCodecException e = decodeError(head + "zz\r\n");
        assertEquals(400, e.status());
        assertTrue(e.isBadChunk());
        assertEquals("chunk size is not a hex number", e.getMessage());

        RequestDecoder d = new RequestDecoder();
        assertEquals(DecodeEvent.HEAD, d.decode(ByteBuffer.wrap(Wire.bytes(head))));
        HttpCodecException first = assertThrows(HttpCodecException.class, () -> d.decode(ByteBuffer.wrap(Wire.bytes("z"))));
        assertEquals(e.toString(), first.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"3\r\nabcd\r\n0\r\n\r\n", "3\r\nabc\n0\r\n\r\n", "3\r\nabc\r0\r\n\r\n", "3\r\nabc0\r\n\r\n"})
    @DisplayName("RFC 9112 §7.1: chunk data must be followed by CRLF")
    void missingCrlfAfterData(String body) {
        HttpCodecException e = decodeError("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + body);
        assertTrue(e.isBadChunk(), e.getMessage());
    }

    @Test
    @DisplayName("RFC 9112 §7.1: the largest chunk size that fits a long is accepted")
    void largeChunkSize() {
        RequestDecoder d = new RequestDecoder();
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n7fffffffffffffff\r\nab"));
        assertEquals(DecodeEvent.HEAD, d.decode(in));
        assertEquals(DecodeEvent.CONTENT, d.decode(in));
        assertEquals(2, d.content().remaining());
    }

    @Test
    @DisplayName("After a framing error the decoder stays failed (RFC 9112 §6.3: unrecoverable)")
    void staysFailed() {
        RequestDecoder d = new RequestDecoder();
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: x\r\n\r\n"));
        HttpCodecException e = assertThrows(HttpCodecException.class, () -> d.decode(in));
        assertTrue(e.closesConnection());
        ByteBuffer next = ByteBuffer.wrap(Wire.bytes("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
        assertThrows(HttpCodecException.class, () -> d.decode(next));
    }
}
