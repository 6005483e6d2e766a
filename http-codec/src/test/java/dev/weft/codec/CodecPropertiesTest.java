package dev.weft.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Property-based tests: the parse does not depend on how bytes arrive (RFC 9112 §2.1), requests
 * round-trip through the wire, and responses round-trip through the encoder and a test parser.
 * Tries are bounded (see junit-platform.properties) to keep the test run short.
 */
class CodecPropertiesTest {
    private static final String TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String VALUE_CHARS = "abcXYZ019 \t!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u00e9\u00ff";
    private static final String PATH_CHARS = "abcxyzABC0129-._~!$&'()*+,;=:@%";

    @Property(tries = 300)
    void splitAnywhereParsesTheSame(@ForAll("streams") List<RequestModel> requests,
            @ForAll @Size(max = 24) List<@IntRange(min = 1, max = 100_000) Integer> cuts) {
        byte[] data = RequestModel.encode(requests);
        List<Wire.Message> whole = Wire.decode(new RequestDecoder(), data, new int[0]);
        List<Wire.Message> split = Wire.decode(new RequestDecoder(), data, splitPoints(cuts, data.length));
        assertEquals(IncrementalTest.describe(whole), IncrementalTest.describe(split));
    }

    @Property(tries = 300)
    void requestsRoundTrip(@ForAll("streams") List<RequestModel> requests,
            @ForAll @Size(max = 24) List<@IntRange(min = 1, max = 100_000) Integer> cuts) {
        byte[] data = RequestModel.encode(requests);
        List<Wire.Message> decoded = Wire.decode(new RequestDecoder(), data, splitPoints(cuts, data.length));
        assertEquals(requests.size(), decoded.size());
        for (int i = 0; i < requests.size(); i++) {
            assertNull(requests.get(i).mismatch(decoded.get(i)), () -> "decoded differs from " + decoded);
        }
    }

    @Property(tries = 200)
    void recyclingDoesNotChangeTheParse(@ForAll("streams") List<RequestModel> requests) {
        byte[] data = RequestModel.encode(requests);
        RequestDecoder d = new RequestDecoder();
        ByteBuffer in = ByteBuffer.wrap(data);
        int i = 0;
        for (DecodeEvent e = d.decode(in); e != DecodeEvent.NEED_MORE; e = d.decode(in)) {
            if (e == DecodeEvent.HEAD) {
                RequestModel r = requests.get(i++);
                assertEquals(r.target(), d.head().target());
                assertEquals(r.wireHeaders().size(), d.head().headers().size());
            } else if (e == DecodeEvent.END) {
                d.recycle(d.head());
            }
        }
        assertEquals(requests.size(), i);
    }

    @Property(tries = 300)
    void responsesRoundTrip(@ForAll("responses") ResponseModel r) {
        ResponseEncoder enc = new ResponseEncoder(new HttpDate(() -> 0L));
        ByteBuffer out = ByteBuffer.allocate(64);
        out = r.encode(enc, out);
        out.flip();
        ResponseParser.Parsed p = ResponseParser.parse(out, r.headRequest());
        assertNull(r.mismatch(p), () -> "parsed " + p);
    }

    static int[] splitPoints(List<Integer> cuts, int length) {
        if (length < 2) return new int[0];
        TreeSet<Integer> s = new TreeSet<>();
        for (int c : cuts) s.add(1 + c % (length - 1));
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    // ---- generators ------------------------------------------------------------------------

    @Provide
    Arbitrary<List<RequestModel>> streams() {
        return request().list().ofMinSize(1).ofMaxSize(5);
    }

    static Arbitrary<String> token(int max) {
        return Arbitraries.strings().withChars(TCHARS).ofMinLength(1).ofMaxLength(max);
    }

    /** Field values: no leading or trailing whitespace (it is not part of the value, RFC 9110 §5.5). */
    static Arbitrary<String> fieldValue() {
        return Arbitraries.strings().withChars(VALUE_CHARS).ofMaxLength(30)
                .map(v -> v.replaceAll("^[ \t]+|[ \t]+$", ""));
    }

    /** User header fields, avoiding the names that carry framing or Host. */
    static Arbitrary<List<String[]>> fields(int max) {
        Arbitrary<String> name = token(12).filter(n -> !List.of("host", "content-length", "transfer-encoding")
                .contains(n.toLowerCase(java.util.Locale.ROOT)));
        return Combinators.combine(name, fieldValue()).as((n, v) -> new String[] {n, v}).list().ofMaxSize(max);
    }

    static Arbitrary<String> target() {
        Arbitrary<String> segment = Arbitraries.strings().withChars(PATH_CHARS).ofMaxLength(8);
        Arbitrary<String> path = segment.list().ofMinSize(1).ofMaxSize(4).map(l -> "/" + String.join("/", l));
        Arbitrary<String> query = Arbitraries.strings().withChars(PATH_CHARS + "/?").ofMaxLength(12);
        return Combinators.combine(path, query, Arbitraries.of(true, false))
                .as((p, q, withQuery) -> withQuery ? p + "?" + q : p);
    }

    static Arbitrary<RequestModel> request() {
        Arbitrary<String> method = Arbitraries.oneOf(Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"), token(10));
        Arbitrary<HttpVersion> version = Arbitraries.of(HttpVersion.HTTP_1_1, HttpVersion.HTTP_1_1, HttpVersion.HTTP_1_0);
        Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<RequestModel.Framing> framing = Arbitraries.of(RequestModel.Framing.class);
        Arbitrary<Long> seed = Arbitraries.longs();
        return Combinators.combine(method, target(), version, fields(6), body, framing, seed, fields(3))
                .as((m, t, v, h, b, f, s, tr) -> {
                    RequestModel.Framing fr = f;
                    if (v == HttpVersion.HTTP_1_0 && fr == RequestModel.Framing.CHUNKED) fr = RequestModel.Framing.CONTENT_LENGTH;
                    byte[] bd = fr == RequestModel.Framing.NONE ? new byte[0] : b;
                    return new RequestModel(m, t, v, h, bd, fr, chunks(bd.length, s),
                            fr == RequestModel.Framing.CHUNKED ? tr : List.of());
                });
    }

    /** Splits a body into chunk sizes (each > 0) chosen by {@code seed}. */
    static List<Integer> chunks(int length, long seed) {
        List<Integer> sizes = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(seed);
        int left = length;
        while (left > 0) {
            int n = 1 + rnd.nextInt(Math.min(left, 120));
            sizes.add(n);
            left -= n;
        }
        return sizes;
    }

    @Provide
    Arbitrary<ResponseModel> responses() {
        Arbitrary<HttpStatus> status = Arbitraries.oneOf(
                Arbitraries.of(HttpStatus.OK, HttpStatus.CREATED, HttpStatus.NO_CONTENT, HttpStatus.NOT_MODIFIED,
                        HttpStatus.NOT_FOUND, HttpStatus.INTERNAL_SERVER_ERROR),
                Arbitraries.integers().between(200, 599).map(HttpStatus::of));
        Arbitrary<HttpVersion> version = Arbitraries.of(HttpVersion.class);
        Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<Boolean> bool = Arbitraries.of(true, false);
        Arbitrary<Long> seed = Arbitraries.longs();
        return Combinators.combine(status, version, fields(6), body, bool, bool, bool, seed)
                .as((st, v, h, b, known, keepAlive, head, s) -> new ResponseModel(v, st, h, b, known, keepAlive, head,
                        chunks(b.length, s)));
    }
}
