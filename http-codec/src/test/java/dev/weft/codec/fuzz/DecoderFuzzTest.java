package dev.weft.codec.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.weft.codec.CodecLimits;
import dev.weft.codec.DecodeEvent;
import dev.weft.codec.HttpCodecException;
import dev.weft.codec.RequestDecoder;
import dev.weft.codec.RequestHead;
import dev.weft.http.HttpHeaders;
import java.nio.ByteBuffer;

/**
 * Coverage-guided fuzzing of {@link RequestDecoder}. In the normal test run (the module's Surefire
 * configuration sets {@code JAZZER_FUZZ=1}) it fuzzes for a bounded number of executions, starting
 * from the seed inputs beside this class; without that variable it replays the seeds only.
 *
 * <p>Each input is decoded twice — in one piece and split at points derived from the input — with
 * small limits, checking that the decoder
 * <ul>
 *   <li>throws nothing but {@link HttpCodecException} (any other throwable is a finding),</li>
 *   <li>never loops: each call consumes input or reports an event, within a fixed call budget,</li>
 *   <li>respects every limit (request line, header bytes and count, body size), and delivers
 *       exactly the body the framing announced,</li>
 *   <li>stays failed after an error, and</li>
 *   <li>gives the same result however the input is split (RFC 9112 §2.1: the parse must not
 *       depend on how bytes arrive).</li>
 * </ul>
 */
class DecoderFuzzTest {
    static final CodecLimits LIMITS = CodecLimits.builder()
            .maxRequestLineLength(64)
            .maxHeaderBytes(160)
            .maxHeaderCount(6)
            .maxChunkExtensionLength(8)
            .maxContentLength(96)
            .build();

    @FuzzTest(maxExecutions = 150_000, maxDuration = "10s")
    void decoderInvariants(byte[] input) {
        String whole = run(input, new int[0]);
        String split = run(input, splitPoints(input));
        assertEquals(whole, split, "parse must not depend on how the input is split");
    }

    /** Deterministic split points derived from the input (an xorshift seeded by its hash). */
    static int[] splitPoints(byte[] input) {
        int n = input.length;
        if (n < 2) return new int[0];
        long x = java.util.Arrays.hashCode(input) | 1L;
        int count = 1 + (int) ((x >>> 1) % Math.min(n - 1, 16));
        java.util.TreeSet<Integer> points = new java.util.TreeSet<>();
        for (int i = 0; i < count; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            points.add(1 + (int) Math.floorMod(x, (long) (n - 1)));
        }
        return points.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Decodes the input fed in pieces; returns a summary of what was parsed and how it ended. */
    static String run(byte[] input, int[] splits) {
        RequestDecoder d = new RequestDecoder(LIMITS);
        StringBuilder trace = new StringBuilder();
        ByteBuffer buf = ByteBuffer.allocate(input.length + 1);
        buf.flip();
        int budget = 4 * input.length + 16;
        int prev = 0;
        long body = -1;
        RequestHead head = null;
        try {
            for (int s = 0; s <= splits.length; s++) {
                int next = s < splits.length ? splits[s] : input.length;
                buf.compact().put(input, prev, next - prev).flip();
                prev = next;
                for (;;) {
                    if (--budget < 0) throw new AssertionError("decoder makes no progress");
                    int before = buf.remaining();
                    DecodeEvent e = d.decode(buf);
                    if (e == DecodeEvent.NEED_MORE) {
                        assertEquals(0, buf.remaining(), "NEED_MORE must consume all input");
                        break;
                    }
                    switch (e) {
                        case HEAD -> {
                            head = d.head();
                            checkHead(head);
                            body = 0;
                            trace.append("HEAD ").append(head.method()).append(' ').append(head.target()).append(' ')
                                    .append(head.version()).append(' ').append(head.headers()).append(" cl=")
                                    .append(head.contentLength()).append(" chunked=").append(head.chunked())
                                    .append(" keepAlive=").append(head.keepAlive()).append('\n');
                        }
                        case CONTENT -> {
                            int n = d.content().remaining();
                            assertTrue(n > 0 && n <= before, "content must be non-empty and come from the input");
                            assertTrue(d.content().isReadOnly());
                            body += n;
                            assertTrue(body <= LIMITS.maxContentLength(), "body exceeds the content limit");
                            if (head.contentLength() >= 0) assertTrue(body <= head.contentLength(), "body beyond Content-Length");
                        }
                        case END -> {
                            if (head.contentLength() >= 0) assertEquals(head.contentLength(), body, "body shorter than Content-Length");
                            HttpHeaders t = d.trailers();
                            assertTrue(t.size() <= LIMITS.maxHeaderCount());
                            trace.append("END body=").append(body).append(" trailers=").append(t).append('\n');
                            head = null;
                        }
                        default -> throw new AssertionError(e);
                    }
                }
            }
        } catch (HttpCodecException e) {
            assertTrue(e.closesConnection());
            int st = e.status();
            assertTrue(st == 400 || st == 413 || st == 414 || st == 431 || st == 501 || st == 505, "status " + st);
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
            try {
                d.decode(ByteBuffer.wrap(new byte[] {'G'}));
                throw new AssertionError("decoder must stay failed");
            } catch (HttpCodecException again) {
                // expected
            }
            trace.append("ERROR ").append(e);
        }
        return trace.toString();
    }

    static void checkHead(RequestHead h) {
        // The request line (method SP target SP version CRLF) fits the limit.
        int line = h.method().name().length() + 1 + h.target().length() + 1 + 8 + 2;
        assertTrue(line <= LIMITS.maxRequestLineLength(), "request line exceeds the limit");
        HttpHeaders hs = h.headers();
        assertTrue(hs.size() <= LIMITS.maxHeaderCount(), "too many headers");
        int bytes = 2;
        for (int i = 0; i < hs.size(); i++) bytes += hs.name(i).length() + 1 + hs.value(i).length() + 2;
        assertTrue(bytes <= LIMITS.maxHeaderBytes(), "header section exceeds the limit");
        assertTrue(h.contentLength() <= LIMITS.maxContentLength());
        assertTrue(!(h.chunked() && h.contentLength() >= 0));
    }
}
