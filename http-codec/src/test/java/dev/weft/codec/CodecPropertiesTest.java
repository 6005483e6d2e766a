package dev.weft.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.weft.http.HttpStatus;
import dev.weft.http.HttpVersion;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Property-based tests: the parse does not depend on how bytes arrive (RFC 9112 §2.1), requests
 * round-trip through the wire, and responses round-trip through the encoder and a test parser.
 * Inputs come from {@link Tries}: each property prints its seed, and {@code -Dweft.seed=S}
 * replays a run. Tries are bounded to keep the test run short.
 */
class CodecPropertiesTest {
    private static final String TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String VALUE_CHARS = "abcXYZ019 \t!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u00e9\u00ff";
    private static final String PATH_CHARS = "abcxyzABC0129-._~!$&'()*+,;=:@%";

    /** A pipelined request stream and the points at which its bytes are cut into reads. */
    record SplitStream(List<RequestModel> requests, List<Integer> cuts) {
        static SplitStream draw(Tries.Gen g) {
            return new SplitStream(streams(g), g.list(0, 24, () -> g.between(1, 100_000)));
        }
    }

    @Test
    void splitAnywhereParsesTheSame() {
        Tries.forAll(300, SplitStream::draw, in -> {
            byte[] data = RequestModel.encode(in.requests());
            List<Wire.Message> whole = Wire.decode(new RequestDecoder(), data, new int[0]);
            List<Wire.Message> split = Wire.decode(new RequestDecoder(), data, splitPoints(in.cuts(), data.length));
            assertEquals(IncrementalTest.describe(whole), IncrementalTest.describe(split));
        });
    }

    /** A request stream with a few bytes replaced, inserted or removed, and cut points. */
    record CorruptStream(byte[] data, String edits, List<Integer> cuts) {
        /** Bytes that often decide a parse: separators, line ends, controls, a TLS record type. */
        private static final byte[] SPECIAL = Wire.bytes(" \r\n\t\u0000\u0016:/?#[]@;,\"\u007f\u00ff0aA");

        static CorruptStream draw(Tries.Gen g) {
            byte[] data = RequestModel.encode(streams(g));
            StringBuilder edits = new StringBuilder();
            for (int n = g.between(1, 4); n > 0; n--) {
                int at = g.between(0, data.length - 1);
                byte b = g.bool() ? SPECIAL[g.between(0, SPECIAL.length - 1)] : g.anyByte();
                switch (g.between(0, 2)) {
                    case 0 -> data[at] = b;
                    case 1 -> data = insert(data, at, b);
                    default -> data = remove(data, at);
                }
                edits.append(String.format(" %d:0x%02x", at, b & 0xFF));
            }
            return new CorruptStream(data, edits.toString(), g.list(0, 24, () -> g.between(1, 100_000)));
        }

        private static byte[] insert(byte[] a, int at, byte b) {
            byte[] out = new byte[a.length + 1];
            System.arraycopy(a, 0, out, 0, at);
            out[at] = b;
            System.arraycopy(a, at, out, at + 1, a.length - at);
            return out;
        }

        private static byte[] remove(byte[] a, int at) {
            byte[] out = new byte[a.length - 1];
            System.arraycopy(a, 0, out, 0, at);
            System.arraycopy(a, at + 1, out, at, a.length - at - 1);
            return out;
        }

        @Override
        public String toString() {
            String text = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
            return "CorruptStream[edits (at:byte)" + edits + " cuts=" + cuts + " data="
                    + text.replace("\r", "\\r").replace("\n", "\\n") + "]";
        }
    }

    /**
     * RFC 9112 §2.1: also for damaged input, the outcome — the messages decoded and the error that
     * ends them, if any — is the same whether the bytes come at once, one at a time or in pieces.
     */
    @Test
    void corruptStreamsFailTheSameHoweverSplit() {
        Tries.forAll(300, CorruptStream::draw, in -> {
            String whole = outcome(in.data(), new int[0]);
            int[] everyByte = java.util.stream.IntStream.range(1, in.data().length).toArray();
            assertEquals(whole, outcome(in.data(), everyByte), "byte by byte");
            assertEquals(whole, outcome(in.data(), splitPoints(in.cuts(), in.data().length)), "in pieces");
        });
    }

    /** The messages decoded from {@code data} fed in pieces, and how the stream ended. */
    private static String outcome(byte[] data, int[] splits) {
        List<Wire.Message> out = new ArrayList<>();
        String end;
        try {
            end = Wire.feed(new RequestDecoder(), data, splits, false, out) ? "END" : "INCOMPLETE";
        } catch (HttpCodecException e) {
            end = e.toString();
        }
        return IncrementalTest.describe(out) + end;
    }

    @Test
    void requestsRoundTrip() {
        Tries.forAll(300, SplitStream::draw, in -> {
            List<RequestModel> requests = in.requests();
            byte[] data = RequestModel.encode(requests);
            List<Wire.Message> decoded = Wire.decode(new RequestDecoder(), data, splitPoints(in.cuts(), data.length));
            assertEquals(requests.size(), decoded.size());
            for (int i = 0; i < requests.size(); i++) {
                assertNull(requests.get(i).mismatch(decoded.get(i)), () -> "decoded differs from " + decoded);
            }
        });
    }

    @Test
    void recyclingDoesNotChangeTheParse() {
        Tries.forAll(200, CodecPropertiesTest::streams, requests -> {
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
        });
    }

    @Test
    void responsesRoundTrip() {
        Tries.forAll(300, CodecPropertiesTest::response, r -> {
            ResponseEncoder enc = new ResponseEncoder(new HttpDate(() -> 0L));
            ByteBuffer out = ByteBuffer.allocate(64);
            out = r.encode(enc, out);
            out.flip();
            ResponseParser.Parsed p = ResponseParser.parse(out, r.headRequest());
            assertNull(r.mismatch(p), () -> "parsed " + p);
        });
    }

    static int[] splitPoints(List<Integer> cuts, int length) {
        if (length < 2) return new int[0];
        TreeSet<Integer> s = new TreeSet<>();
        for (int c : cuts) s.add(1 + c % (length - 1));
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    // ---- generators ------------------------------------------------------------------------

    /** One to five pipelined requests. */
    static List<RequestModel> streams(Tries.Gen g) {
        return g.list(1, 5, () -> request(g));
    }

    static String token(Tries.Gen g, int max) {
        return g.string(TCHARS, 1, max);
    }

    /** Field values: no leading or trailing whitespace (it is not part of the value, RFC 9110 §5.5). */
    static String fieldValue(Tries.Gen g) {
        return g.string(VALUE_CHARS, 0, 30).replaceAll("^[ \t]+|[ \t]+$", "");
    }

    /** User header fields, avoiding the names that carry framing or Host. */
    static List<String[]> fields(Tries.Gen g, int max) {
        return g.list(0, max, () -> new String[] {fieldName(g), fieldValue(g)});
    }

    private static String fieldName(Tries.Gen g) {
        for (;;) {
            String n = token(g, 12);
            if (!List.of("host", "content-length", "transfer-encoding").contains(n.toLowerCase(Locale.ROOT))) return n;
        }
    }

    static String target(Tries.Gen g) {
        String path = "/" + String.join("/", g.list(1, 4, () -> g.string(PATH_CHARS, 0, 8)));
        String query = g.string(PATH_CHARS + "/?", 0, 12);
        return g.bool() ? path + "?" + query : path;
    }

    static RequestModel request(Tries.Gen g) {
        String method = g.bool() ? g.pick("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD") : token(g, 10);
        String target = target(g);
        HttpVersion version = g.pick(HttpVersion.HTTP_1_1, HttpVersion.HTTP_1_1, HttpVersion.HTTP_1_0);
        List<String[]> headers = fields(g, 6);
        byte[] body = g.bytes(300);
        RequestModel.Framing framing = g.pick(RequestModel.Framing.class);
        long seed = g.anyLong();
        List<String[]> trailers = fields(g, 3);
        if (version == HttpVersion.HTTP_1_0 && framing == RequestModel.Framing.CHUNKED) framing = RequestModel.Framing.CONTENT_LENGTH;
        byte[] bd = framing == RequestModel.Framing.NONE ? new byte[0] : body;
        return new RequestModel(method, target, version, headers, bd, framing, chunks(bd.length, seed),
                framing == RequestModel.Framing.CHUNKED ? trailers : List.of());
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

    static ResponseModel response(Tries.Gen g) {
        HttpStatus status = g.bool()
                ? g.pick(HttpStatus.OK, HttpStatus.CREATED, HttpStatus.NO_CONTENT, HttpStatus.NOT_MODIFIED,
                        HttpStatus.NOT_FOUND, HttpStatus.INTERNAL_SERVER_ERROR)
                : HttpStatus.of(g.between(200, 599));
        HttpVersion version = g.pick(HttpVersion.class);
        List<String[]> headers = fields(g, 6);
        byte[] body = g.bytes(300);
        boolean knownLength = g.bool();
        boolean keepAlive = g.bool();
        boolean headRequest = g.bool();
        return new ResponseModel(version, status, headers, body, knownLength, keepAlive, headRequest,
                chunks(body.length, g.anyLong()));
    }
}
