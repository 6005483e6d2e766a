package dev.weft.router.multipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.Rejection;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MultipartParserTest {
    static final String B = "XyZ-boundary";

    /** What a parse produced: per part, its headers as text and its body. */
    record Parsed(List<String> headers, List<byte[]> bodies) {
        String body(int i) {
            return new String(bodies.get(i), StandardCharsets.UTF_8);
        }
    }

    /** Parses {@code body} fed in pieces of the given sizes (cycled). */
    static Parsed parse(byte[] body, int[] pieces, int bufferSize) {
        MultipartParser p = new MultipartParser(B, 1024, bufferSize);
        List<String> headers = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        ByteArrayOutputStream current = null;
        int pos = 0;
        int k = 0;
        ByteBuffer in = ByteBuffer.allocate(0);
        for (;;) {
            MultipartParser.Event e = p.next();
            switch (e) {
                case NEED_INPUT -> {
                    if (!in.hasRemaining()) {
                        if (pos == body.length) {
                            p.finish();
                            continue;
                        }
                        int n = Math.min(pieces[k++ % pieces.length], body.length - pos);
                        in = ByteBuffer.wrap(body, pos, n);
                        pos += n;
                    }
                    p.offer(in);
                }
                case PART -> {
                    headers.add(p.headers().toString());
                    current = new ByteArrayOutputStream();
                }
                case DATA -> {
                    ByteBuffer d = p.data();
                    byte[] a = new byte[d.remaining()];
                    d.get(a);
                    current.writeBytes(a);
                }
                case PART_END -> bodies.add(current.toByteArray());
                case END -> {
                    return new Parsed(headers, bodies);
                }
            }
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static final String FORM = "preamble to ignore\r\n--" + B + "\r\n"
            + "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
            + "hello\r\n--" + B + "  \r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\n"
            + "line one\r\n--" + B.substring(0, 5) + " not the boundary\r\n\r\n-\r\n--" + B + "\r\n"
            + "\r\n"
            + "no headers\r\n--" + B + "--\r\nepilogue to ignore";

    @Test
    void partsWithPreambleEpilogueAndPadding() {
        Parsed r = parse(bytes(FORM), new int[] {100_000}, 4096);
        assertEquals(3, r.bodies().size());
        assertEquals("hello", r.body(0));
        assertEquals("line one\r\n--" + B.substring(0, 5) + " not the boundary\r\n\r\n-", r.body(1));
        assertEquals("no headers", r.body(2));
        assertTrue(r.headers().get(1).contains("a.txt"), r.headers().get(1));
    }

    @Test
    void theBoundaryIsFoundAcrossEverySplit() {
        byte[] body = bytes(FORM);
        Parsed whole = parse(body, new int[] {body.length}, 4096);
        for (int size = 1; size <= 40; size++) {
            Parsed r = parse(body, new int[] {size}, 4096);
            for (int i = 0; i < 3; i++) {
                assertEquals(whole.body(i), r.body(i), "piece size " + size);
            }
        }
        Random rnd = new Random(1);
        for (int round = 0; round < 200; round++) {
            int[] pieces = rnd.ints(16, 1, 64).toArray();
            Parsed r = parse(body, pieces, 4096);
            assertEquals(whole.body(1), r.body(1));
        }
    }

    @Test
    void largeRandomBodiesThroughASmallBufferSurviveIntact() {
        Random rnd = new Random(2);
        byte[] file = new byte[300_000];
        rnd.nextBytes(file);
        // Plant near-delimiters: the delimiter's prefix, cut at every length.
        byte[] delim = bytes("\r\n--" + B);
        for (int cut = 1; cut < delim.length; cut++) {
            System.arraycopy(delim, 0, file, 1000 * cut, cut);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(bytes("--" + B + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"r.bin\"\r\n\r\n"));
        body.writeBytes(file);
        body.writeBytes(bytes("\r\n--" + B + "--"));
        Parsed r = parse(body.toByteArray(), new int[] {7, 8192, 13, 65536, 1}, 2048);
        assertEquals(1, r.bodies().size());
        assertTrue(java.util.Arrays.equals(file, r.bodies().getFirst()));
    }

    @Test
    void malformedBodiesAre400() {
        assertEquals(400, fails("no boundary at all"));
        assertEquals(400, fails("--" + B + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated"));
        assertEquals(400, fails("--" + B + "junk\r\n\r\nx\r\n--" + B + "--"));
        assertEquals(400, fails("--" + B + "\r\n folded: header\r\n\r\nx\r\n--" + B + "--"));
        assertEquals(400, fails("--" + B + "\r\nno colon\r\n\r\nx\r\n--" + B + "--"));
        assertEquals(400, fails("--" + B + "\r\nContent-Disposition: form-data; name=\"a\"\r\n"));
    }

    @Test
    void headersOverTheLimitAre413() {
        String big = "--" + B + "\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\nx\r\n--" + B + "--";
        assertEquals(413, fails(big));
    }

    private static int fails(String body) {
        Rejection r = assertThrows(Rejection.class, () -> parse(bytes(body), new int[] {3}, 4096));
        return r.status().code();
    }

    @Test
    void contentDispositionParameters() {
        ContentDisposition d = ContentDisposition.parse(
                "form-data; name=\"a \\\"quoted\\\" name\"; filename=\"plain.txt\"; filename*=UTF-8''%E2%82%AC%20rates.txt");
        assertEquals("form-data", d.type());
        assertEquals("a \"quoted\" name", d.name());
        assertEquals("€ rates.txt", d.filename());
        assertEquals("semi;colon.txt", ContentDisposition.parse("form-data; name=f; filename=\"semi;colon.txt\"").filename());
        assertEquals("f", ContentDisposition.parse("form-data; name=f").name());
        assertThrows(Rejection.class, () -> ContentDisposition.parse("form-data; name=\"open"));
        assertThrows(Rejection.class, () -> ContentDisposition.parse("form-data; filename*=UTF-8''%E2%8"));
        assertEquals("q\"b", Multipart.boundary("multipart/form-data; boundary=\"q\\\"b\""));
        assertEquals(400, assertThrows(Rejection.class, () -> Multipart.boundary("multipart/form-data")).status().code());
        assertEquals(400, assertThrows(Rejection.class,
                () -> Multipart.boundary("multipart/form-data; boundary=" + "x".repeat(71))).status().code());
    }
}
