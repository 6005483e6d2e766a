package dev.weft.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HeaderName;
import dev.weft.http.HeaderValue;
import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpStatus;
import dev.weft.http.HttpVersion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 9112 §4 (status line), §6 (framing), §7 (chunked), §9.3 (persistence); RFC 9110 §6.6.1 (Date). */
class ResponseEncoderTest {
    /** 1994-11-06T08:49:37Z, the RFC's example date. */
    static final long EXAMPLE_MILLIS = 784111777000L;
    static final String DATE = "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n";
    final ResponseEncoder enc = new ResponseEncoder(new HttpDate(() -> EXAMPLE_MILLIS));

    String head(HttpVersion v, HttpStatus s, HttpHeaders h, long len, boolean keepAlive, boolean headRequest) {
        ByteBuffer out = ByteBuffer.allocate(1024);
        assertTrue(enc.encodeHead(v, s, h, len, keepAlive, headRequest, out));
        return new String(out.array(), 0, out.position(), StandardCharsets.ISO_8859_1);
    }

    @Test
    @DisplayName("RFC 9112 §4, §6.3: status line, user headers, Date, Content-Length")
    void contentLength() {
        HttpHeaders h = new HttpHeaders().set(HeaderName.CONTENT_TYPE, HeaderValue.TEXT_PLAIN).add("X-A", "1");
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-A: 1\r\n" + DATE + "Content-Length: 13\r\n\r\n",
                head(HttpVersion.HTTP_1_1, HttpStatus.OK, h, 13, true, false));
    }

    @Test
    @DisplayName("given the caller's nanoTime, the head is the same, Date included")
    void withTheCallersClockReading() {
        HttpHeaders h = new HttpHeaders().set(HeaderName.CONTENT_TYPE, HeaderValue.TEXT_PLAIN);
        ByteBuffer out = ByteBuffer.allocate(1024);
        assertTrue(enc.encodeHead(HttpVersion.HTTP_1_1, HttpStatus.OK, h, 13, true, false, out, System.nanoTime()));
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + DATE + "Content-Length: 13\r\n\r\n",
                new String(out.array(), 0, out.position(), StandardCharsets.ISO_8859_1));
    }

    @Test
    @DisplayName("RFC 9112 §7: unknown length on HTTP/1.1 is chunked")
    void chunked() {
        assertEquals("HTTP/1.1 200 OK\r\n" + DATE + "Transfer-Encoding: chunked\r\n\r\n",
                head(HttpVersion.HTTP_1_1, HttpStatus.OK, null, -1, true, false));
        assertEquals(BodyFraming.CHUNKED, ResponseEncoder.framing(HttpVersion.HTTP_1_1, HttpStatus.OK, -1, false));
    }

    @Test
    @DisplayName("RFC 9112 §6.3 item 8, §7: HTTP/1.0 is never chunked; unknown length is close-delimited")
    void http10CloseDelimited() {
        assertFalse(ResponseEncoder.canChunk(HttpVersion.HTTP_1_0));
        assertEquals(BodyFraming.CLOSE_DELIMITED, ResponseEncoder.framing(HttpVersion.HTTP_1_0, HttpStatus.OK, -1, false));
        assertFalse(ResponseEncoder.keepsAlive(HttpVersion.HTTP_1_0, HttpStatus.OK, -1, true, false));
        assertEquals("HTTP/1.1 200 OK\r\n" + DATE + "Connection: close\r\n\r\n",
                head(HttpVersion.HTTP_1_0, HttpStatus.OK, null, -1, true, false));
    }

    @Test
    @DisplayName("RFC 9112 §9.3: Connection: close, and keep-alive for a persistent HTTP/1.0 connection")
    void connectionHeader() {
        assertEquals("HTTP/1.1 200 OK\r\n" + DATE + "Content-Length: 0\r\nConnection: close\r\n\r\n",
                head(HttpVersion.HTTP_1_1, HttpStatus.OK, null, 0, false, false));
        assertEquals("HTTP/1.1 200 OK\r\n" + DATE + "Content-Length: 2\r\nConnection: keep-alive\r\n\r\n",
                head(HttpVersion.HTTP_1_0, HttpStatus.OK, null, 2, true, false));
    }

    @Test
    @DisplayName("RFC 9112 §6: user Content-Length, Transfer-Encoding and Connection are replaced; user Date kept")
    void userFramingHeadersDropped() {
        HttpHeaders h = HttpHeaders.of("Content-Length", "99", "Transfer-Encoding", "gzip", "Connection", "keep-alive",
                "Date", "Mon, 01 Jan 2024 00:00:00 GMT");
        assertEquals("HTTP/1.1 200 OK\r\nDate: Mon, 01 Jan 2024 00:00:00 GMT\r\nContent-Length: 1\r\nConnection: close\r\n\r\n",
                head(HttpVersion.HTTP_1_1, HttpStatus.OK, h, 1, false, false));
    }

    @Test
    @DisplayName("RFC 9110 §9.3.2: HEAD keeps the Content-Length GET would have had, no chunked framing")
    void headResponse() {
        assertEquals("HTTP/1.1 200 OK\r\n" + DATE + "Content-Length: 42\r\n\r\n",
                head(HttpVersion.HTTP_1_1, HttpStatus.OK, null, 42, true, true));
        assertEquals("HTTP/1.1 200 OK\r\n" + DATE + "\r\n", head(HttpVersion.HTTP_1_1, HttpStatus.OK, null, -1, true, true));
        assertEquals(BodyFraming.NONE, ResponseEncoder.framing(HttpVersion.HTTP_1_1, HttpStatus.OK, 42, true));
    }

    @Test
    @DisplayName("RFC 9110 §8.6, §15.3.5: 204 carries neither Content-Length nor chunked")
    void noContent() {
        assertEquals("HTTP/1.1 204 No Content\r\n" + DATE + "\r\n", head(HttpVersion.HTTP_1_1, HttpStatus.NO_CONTENT, null, 5, true, false));
        assertEquals("HTTP/1.1 204 No Content\r\n" + DATE + "\r\n", head(HttpVersion.HTTP_1_1, HttpStatus.NO_CONTENT, null, -1, true, false));
    }

    @Test
    @DisplayName("RFC 9110 §8.6, §15.4.5: 304 may carry the GET Content-Length, never chunked")
    void notModified() {
        assertEquals("HTTP/1.1 304 Not Modified\r\n" + DATE + "Content-Length: 7\r\n\r\n",
                head(HttpVersion.HTTP_1_1, HttpStatus.NOT_MODIFIED, null, 7, true, false));
        assertEquals("HTTP/1.1 304 Not Modified\r\n" + DATE + "\r\n",
                head(HttpVersion.HTTP_1_1, HttpStatus.NOT_MODIFIED, null, -1, true, false));
    }

    @Test
    @DisplayName("RFC 9110 §15.2: 1xx has no Content-Length, Date or framing")
    void interim() {
        HttpHeaders h = HttpHeaders.of("Connection", "upgrade", "Upgrade", "websocket");
        assertEquals("HTTP/1.1 101 Switching Protocols\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n",
                head(HttpVersion.HTTP_1_1, HttpStatus.SWITCHING_PROTOCOLS, h, 10, true, false));
        ByteBuffer out = ByteBuffer.allocate(64);
        assertTrue(ResponseEncoder.encodeContinue(out));
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(out.array(), 0, out.position(), StandardCharsets.ISO_8859_1));
        assertEquals(25, ResponseEncoder.continueResponse().remaining());
    }

    @Test
    @DisplayName("RFC 9112 §4: a status without a reason phrase keeps the SP")
    void emptyReason() {
        assertTrue(head(HttpVersion.HTTP_1_1, HttpStatus.of(299), null, 0, true, false).startsWith("HTTP/1.1 299 \r\n"));
    }

    @Test
    @DisplayName("nothing is written when the buffer is too small")
    void noRoom() {
        HttpHeaders h = HttpHeaders.of("X", "y".repeat(100));
        for (int size = 0; size < 200; size++) {
            ByteBuffer out = ByteBuffer.allocate(size);
            boolean ok = enc.encodeHead(HttpVersion.HTTP_1_1, HttpStatus.OK, h, 5, true, false, out);
            if (!ok) assertEquals(0, out.position());
            else assertEquals(out.position(), head(HttpVersion.HTTP_1_1, HttpStatus.OK, h, 5, true, false).length());
        }
    }

    @Test
    @DisplayName("RFC 9112 §7.1: chunk framing and last chunk with trailers")
    void chunkFraming() {
        ByteBuffer out = ByteBuffer.allocate(256);
        assertTrue(ResponseEncoder.encodeChunkHeader(0x1a2f, out));
        out.put((byte) 'x');
        assertTrue(ResponseEncoder.encodeChunkEnd(out));
        assertTrue(ResponseEncoder.encodeChunkHeader(1, out));
        assertTrue(ResponseEncoder.encodeLastChunk(HttpHeaders.of("X-Checksum", "abc"), out));
        assertEquals("1a2f\r\nx\r\n1\r\n0\r\nX-Checksum: abc\r\n\r\n", new String(out.array(), 0, out.position(), StandardCharsets.ISO_8859_1));
        assertThrows(IllegalArgumentException.class, () -> ResponseEncoder.encodeChunkHeader(0, out));
        ByteBuffer small = ByteBuffer.allocate(3);
        assertFalse(ResponseEncoder.encodeChunkHeader(0x100, small));
        assertEquals(0, small.position());
        assertTrue(ResponseEncoder.encodeChunkHeader(Integer.MAX_VALUE, ByteBuffer.allocate(10)));
    }

    @Test
    @DisplayName("RFC 9110 §9.3.2, RFC 9112 §9.3: answering a parsed request uses its version, keep-alive and method")
    void fromRequest() {
        RequestHead head = Wire.decodeOne("HEAD / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").head();
        ByteBuffer out = ByteBuffer.allocate(256);
        assertTrue(enc.encodeHead(head, HttpStatus.OK, null, 12, out));
        assertEquals("HTTP/1.1 200 OK\r\n" + DATE + "Content-Length: 12\r\nConnection: keep-alive\r\n\r\n",
                new String(out.array(), 0, out.position(), StandardCharsets.ISO_8859_1));
    }

    @Test
    @DisplayName("RFC 9112 §9.6: an error response for a rejected request closes the connection")
    void errorResponse() {
        HttpCodecException e = Wire.decodeError("GET / HTTP/1.1\r\n\r\n");
        ByteBuffer out = ByteBuffer.allocate(512);
        assertTrue(enc.encodeError(e, out));
        String s = new String(out.array(), 0, out.position(), StandardCharsets.ISO_8859_1);
        String body = e.getMessage() + "\n";
        assertEquals("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n" + DATE
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body, s);
        ByteBuffer small = ByteBuffer.allocate(s.length() - 1);
        assertFalse(enc.encodeError(e, small));
        assertEquals(0, small.position());
    }

    @Test
    @DisplayName("RFC 9110 §5.6.7: IMF-fixdate, cached per second")
    void httpDate() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(EXAMPLE_MILLIS));
        long[] now = {EXAMPLE_MILLIS};
        HttpDate d = new HttpDate(() -> now[0]);
        String first = d.now();
        now[0] += 999;
        assertTrue(first == d.now(), "same second must reuse the cached value");
        now[0] += 1;
        assertEquals("Sun, 06 Nov 1994 08:49:38 GMT", d.now());
        assertEquals(29, HttpDate.system().now().length());
    }
}
