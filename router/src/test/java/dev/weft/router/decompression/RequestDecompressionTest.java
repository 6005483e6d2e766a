package dev.weft.router.decompression;

import static dev.weft.router.extract.Extractors.body;
import static dev.weft.router.extract.Extractors.bytes;
import static dev.weft.router.extract.Extractors.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpMethod;
import dev.weft.router.Router;
import dev.weft.router.test.TestClient;
import dev.weft.router.test.TestResponse;
import dev.weft.server.Request;
import dev.weft.server.RequestBody;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

class RequestDecompressionTest {
    static final Router ROUTER = Router.create()
            .layer(RequestDecompression.layer(1024 * 1024))
            .post("/text", text(), s -> s)
            .post("/bytes", bytes(), b -> b.length + ":" + Arrays.hashCode(b))
            .post("/stream", body(), b -> b.bytes(Long.MAX_VALUE).map(a -> a.length + ":" + Arrays.hashCode(a)));
    static final TestClient CLIENT = TestClient.of(ROUTER);

    static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] b, boolean raw) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            z.write(b);
        }
        return out.toByteArray();
    }

    static TestResponse post(String path, String encoding, RequestBody body) {
        return CLIENT.send(Request.builder(HttpMethod.POST, path).header("Content-Encoding", encoding).body(body).build());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void gzipAndDeflateBodiesReachExtractorsDecoded() throws Exception {
        assertEquals("hello gzip", post("/text", "gzip", RequestBody.of(gzip(utf8("hello gzip")))).text());
        assertEquals("hello x-gzip", post("/text", "x-gzip", RequestBody.of(gzip(utf8("hello x-gzip")))).text());
        assertEquals("hello zlib", post("/text", "deflate", RequestBody.of(deflate(utf8("hello zlib"), false))).text());
        assertEquals("hello raw", post("/text", "deflate", RequestBody.of(deflate(utf8("hello raw"), true))).text());
        assertEquals("plain", post("/text", "identity", RequestBody.of(utf8("plain"))).text());
        ByteArrayOutputStream twoMembers = new ByteArrayOutputStream();
        twoMembers.writeBytes(gzip(utf8("first, ")));
        twoMembers.writeBytes(gzip(utf8("second")));
        assertEquals("first, second", post("/text", "gzip", RequestBody.of(twoMembers.toByteArray())).text());
    }

    @Test
    void compressedBytesSplitAnywhereDecodeTheSame() throws Exception {
        byte[] plain = new byte[200_000];
        Random rnd = new Random(8);
        for (int i = 0; i < plain.length; i++) {
            plain[i] = (byte) (rnd.nextInt(16) + 'a'); // compressible, not trivial
        }
        String expected = plain.length + ":" + Arrays.hashCode(plain);
        byte[] gz = gzip(plain);
        for (int piece : new int[] {1, 2, 3, 7, 10, 11, 4096}) {
            assertEquals(expected, post("/stream", "gzip", RequestBody.of(new Pieces(gz, piece), -1)).text(), "piece " + piece);
        }
        assertEquals(expected, post("/bytes", "deflate", RequestBody.of(new Pieces(deflate(plain, false), 5), -1)).text());
    }

    @Test
    void aZipBombIs413() throws Exception {
        byte[] bomb = gzip(new byte[64 * 1024 * 1024]); // 64 MiB of zeros in about 64 KiB
        assertTrue(bomb.length < 200_000);
        TestResponse r = post("/stream", "gzip", RequestBody.of(bomb));
        assertEquals(413, r.status(), r.text());
        assertEquals(413, post("/text", "gzip", RequestBody.of(bomb)).status());
    }

    @Test
    void badCompressedBodiesAre400AndUnknownCodings415() throws Exception {
        TestResponse garbage = post("/text", "gzip", RequestBody.of(utf8("not gzip at all")));
        assertEquals(400, garbage.status());
        assertTrue(garbage.text().contains("not valid gzip"), garbage.text());
        byte[] gz = gzip(utf8("truncated body here"));
        assertEquals(400, post("/text", "gzip", RequestBody.of(Arrays.copyOf(gz, gz.length - 3))).status());
        gz[gz.length - 8] ^= 1; // the CRC
        assertEquals(400, post("/text", "gzip", RequestBody.of(gz)).status());
        TestResponse br = post("/text", "br", RequestBody.of(utf8("x")));
        assertEquals(415, br.status());
        assertEquals("gzip, deflate", br.header("Accept-Encoding"));
        assertTrue(br.text().contains("'br' is not supported"), br.text());
        assertEquals(415, post("/text", "gzip, gzip", RequestBody.of(gzip(gzip(utf8("x"))))).status());
    }

    /** {@code bytes} in pieces of {@code size}, one per unit of demand, never recursing (rule 3.3). */
    record Pieces(byte[] bytes, int size) implements Publisher<ByteBuffer> {
        @Override
        public void subscribe(Subscriber<? super ByteBuffer> s) {
            s.onSubscribe(new Subscription() {
                long demand;
                int pos;
                boolean emitting;
                boolean done;

                @Override
                public void request(long n) {
                    demand += n;
                    if (emitting) {
                        return;
                    }
                    emitting = true;
                    while (demand > 0 && !done) {
                        if (pos == bytes.length) {
                            done = true;
                            s.onComplete();
                            break;
                        }
                        int n2 = Math.min(size, bytes.length - pos);
                        demand--;
                        ByteBuffer b = ByteBuffer.wrap(Arrays.copyOfRange(bytes, pos, pos + n2));
                        pos += n2;
                        s.onNext(b);
                    }
                    emitting = false;
                }

                @Override
                public void cancel() {
                    done = true;
                }
            });
        }
    }

    @Test
    void decodedBytesAreExact() throws Exception {
        byte[] plain = new byte[70_000];
        new Random(1).nextBytes(plain);
        TestClient c = TestClient.of(Router.create().layer(RequestDecompression.layer())
                .post("/raw", bytes(), b -> b));
        assertArrayEquals(plain, c.send(Request.builder(HttpMethod.POST, "/raw").header("Content-Encoding", "gzip")
                .body(gzip(plain)).build()).bytes());
    }
}
