package dev.weft.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weft.http.HttpVersion;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 9112 §2.1, §9.3.2: incremental parsing and pipelining. */
class IncrementalTest {
    static final String STREAM = "GET /a?x HTTP/1.1\r\nHost: h\r\nX: 1\r\n\r\n"
            + "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
            + "PUT /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;e=1\r\nabc\r\n2\r\nde\r\n0\r\nT: t\r\n\r\n"
            + "GET /d HTTP/1.0\r\n\r\n"
            + "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n"
            + "GET http://example.com:81/e?q=1 HTTP/1.1\r\nHost: x\r\n\r\n"
            + "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n";

    @Test
    @DisplayName("RFC 9112 §9.3.2: pipelined requests in one buffer come out in order")
    void pipelined() {
        List<Wire.Message> ms = Wire.decode(STREAM);
        assertEquals(7, ms.size());
        assertEquals("example.com:81", ms.get(5).head().authority());
        assertEquals("/e", ms.get(5).head().path());
        assertEquals("q=1", ms.get(5).head().query());
        assertEquals("/a", ms.get(0).head().path());
        assertEquals("hello", ms.get(1).bodyText());
        assertEquals("abcde", ms.get(2).bodyText());
        assertEquals("t", ms.get(2).trailers().get("T"));
        assertEquals(HttpVersion.HTTP_1_0, ms.get(3).head().version());
    }

    @Test
    @DisplayName("RFC 9112 §2.1: bytes fed one at a time parse the same")
    void byteAtATime() {
        byte[] data = Wire.bytes(STREAM);
        int[] splits = IntStream.range(1, data.length).toArray();
        List<Wire.Message> ms = Wire.decode(new RequestDecoder(), data, splits);
        assertEquals(describe(Wire.decode(STREAM)), describe(ms));
    }

    @Test
    @DisplayName("RFC 9112 §2.1: in a direct buffer (the server's large-body buffers), any split parses the same")
    void directBufferAtEverySplit() {
        String expected = describe(Wire.decode(STREAM));
        byte[] data = Wire.bytes(STREAM);
        assertEquals(expected, describe(Wire.decode(new RequestDecoder(), data, IntStream.range(1, data.length).toArray(), true)));
        for (int at = 1; at < data.length; at++) {
            assertEquals(expected, describe(Wire.decode(new RequestDecoder(), data, new int[] {at}, true)), "split at " + at);
        }
    }

    @Test
    @DisplayName("heads do not alias the input buffer")
    void headOutlivesInput() {
        RequestDecoder d = new RequestDecoder();
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("GET /abc HTTP/1.1\r\nHost: h\r\nX: y\r\n\r\n"));
        assertEquals(DecodeEvent.HEAD, d.decode(in));
        Arrays.fill(in.array(), (byte) 'z');
        assertEquals("/abc", d.head().path());
        assertEquals("y", d.head().headers().get("X"));
    }

    @Test
    @DisplayName("direct buffers parse like heap buffers")
    void directBuffer() {
        RequestDecoder d = new RequestDecoder();
        byte[] b = Wire.bytes("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nok");
        ByteBuffer in = ByteBuffer.allocateDirect(b.length).put(b).flip();
        assertEquals(DecodeEvent.HEAD, d.decode(in));
        assertEquals("/x", d.head().path());
        assertEquals(DecodeEvent.CONTENT, d.decode(in));
        assertEquals('o', d.content().get(0));
        assertEquals(DecodeEvent.END, d.decode(in));
    }

    @Test
    @DisplayName("sliced heap buffers (non-zero array offset) and read-only buffers parse the same")
    void slicedAndReadOnlyBuffers() {
        String expected = describe(Wire.decode(STREAM));
        byte[] data = Wire.bytes(STREAM);
        byte[] padded = new byte[data.length + 16];
        System.arraycopy(data, 0, padded, 7, data.length);
        ByteBuffer sliced = ByteBuffer.wrap(padded, 7, data.length).slice();
        assertEquals(expected, describe(drain(new RequestDecoder(), sliced)));
        ByteBuffer readOnly = ByteBuffer.wrap(data).asReadOnlyBuffer();
        assertEquals(expected, describe(drain(new RequestDecoder(), readOnly)));
    }

    /** Decodes everything in {@code in}, which holds whole messages, without compacting it. */
    static List<Wire.Message> drain(RequestDecoder d, ByteBuffer in) {
        List<Wire.Message> out = new java.util.ArrayList<>();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (DecodeEvent e = d.decode(in); e != DecodeEvent.NEED_MORE; e = d.decode(in)) {
            switch (e) {
                case HEAD -> body.reset();
                case CONTENT -> {
                    ByteBuffer c = d.content();
                    while (c.hasRemaining()) body.write(c.get());
                }
                case END -> out.add(new Wire.Message(d.head(), body.toByteArray(), d.trailers()));
                default -> { }
            }
        }
        return out;
    }

    @Test
    @DisplayName("recycled heads are reused; others are fresh")
    void recycle() {
        RequestDecoder d = new RequestDecoder();
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\nA: b\r\n\r\nGET /3 HTTP/1.1\r\nHost: h\r\n\r\n"));
        assertEquals(DecodeEvent.HEAD, d.decode(in));
        RequestHead first = d.head();
        assertEquals(DecodeEvent.END, d.decode(in));
        assertEquals(DecodeEvent.HEAD, d.decode(in));
        RequestHead second = d.head();
        assertNotSame(first, second);
        assertEquals("/1", first.path());
        d.recycle(first);
        d.recycle(first); // double recycle is ignored
        assertEquals(DecodeEvent.END, d.decode(in));
        assertEquals(DecodeEvent.HEAD, d.decode(in));
        assertSame(first, d.head());
        assertEquals("/3", first.path());
        assertEquals(1, first.headers().size());
        assertEquals("b", second.headers().get("A"));
    }

    @Test
    @DisplayName("strings are built lazily, once")
    void lazyStrings() {
        RequestHead h = Wire.decodeOne("GET /p?q HTTP/1.1\r\nHost: h\r\n\r\n").head();
        assertSame(h.path(), h.path());
        assertSame(h.target(), h.target());
        assertSame(h.headers().value(0), h.headers().get("host"));
    }

    @Test
    @DisplayName("a head split across reads falls back from the fast path and parses the same")
    void headAcrossReads() {
        byte[] data = Wire.bytes("GET /x HTTP/1.1\r\nHost: h\r\nA: 1\r\n\r\n");
        for (int cut = 1; cut < data.length; cut++) {
            List<Wire.Message> ms = Wire.decode(new RequestDecoder(), data, new int[] {cut});
            assertEquals(1, ms.size());
            assertEquals("1", ms.getFirst().head().headers().get("a"));
            assertEquals("/x", ms.getFirst().head().path());
        }
    }

    static String describe(List<Wire.Message> ms) {
        StringBuilder sb = new StringBuilder();
        for (Wire.Message m : ms) {
            RequestHead h = m.head();
            sb.append(h.method()).append(' ').append(h.target()).append(' ').append(h.version()).append(' ')
                    .append(h.targetForm()).append(" path=").append(h.path()).append(" query=").append(h.query())
                    .append(" authority=").append(h.authority()).append(' ')
                    .append(h.headers()).append(" cl=").append(h.contentLength()).append(" chunked=").append(h.chunked())
                    .append(" keepAlive=").append(h.keepAlive()).append(" body=").append(m.bodyText())
                    .append(" trailers=").append(m.trailers()).append('\n');
        }
        return sb.toString();
    }
}
