package dev.weft.codec.bench;

import dev.weft.codec.ResponseEncoder;
import dev.weft.http.HeaderName;
import dev.weft.http.HeaderValue;
import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpStatus;
import dev.weft.http.HttpVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The write path's encoding step: the head of the benchmark's {@code GET /plaintext} response
 * ({@code 200}, {@code Content-Type: text/plain}, Content-Length 13, Date) with its 13-byte body,
 * encoded by Weft's {@link ResponseEncoder} into a reused heap buffer, and by Netty's
 * {@link HttpResponseEncoder} into a heap buffer, in the same run. Netty is given the headers the
 * Netty peer server sends (Content-Type, Content-Length, a cached Date and Server); Weft adds Date
 * and Content-Length itself. Scores are ns per response.
 *
 * <p>Run: {@code ./mvnw -q -Pjmh -pl http-codec test-compile exec:exec
 * -Djmh.args="ResponseEncoderBenchmark -prof gc"}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class ResponseEncoderBenchmark {
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    private final ResponseEncoder weft = new ResponseEncoder();
    private HttpHeaders headers;
    private ByteBuffer out;

    private DirectNettyEncoder netty;
    private ChannelHandlerContext nettyCtx;
    private final List<Object> nettyOut = new ArrayList<>();
    private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain");
    private final AsciiString date = AsciiString.cached("Thu, 26 Nov 2026 12:00:00 GMT");

    /** The clock reading a connection takes at the start of its poll; one per iteration here. */
    private long pollNanos;

    @Setup(Level.Iteration)
    public void readTheClock() {
        pollNanos = System.nanoTime();
    }

    @Setup(Level.Trial)
    public void setUp() {
        headers = new HttpHeaders().add(HeaderName.CONTENT_TYPE, HeaderValue.TEXT_PLAIN);
        out = ByteBuffer.allocate(16 * 1024);
        netty = new DirectNettyEncoder();
        EmbeddedChannel channel = new EmbeddedChannel(netty);
        nettyCtx = channel.pipeline().context(netty);
    }

    /** Netty's encoder with its protected encode step exposed, to skip the channel pipeline. */
    static final class DirectNettyEncoder extends HttpResponseEncoder {
        void encodeOne(ChannelHandlerContext ctx, Object msg, List<Object> out, Blackhole bh) throws Exception {
            encode(ctx, msg, out);
            for (int i = 0; i < out.size(); i++) {
                Object o = out.get(i);
                bh.consume(o);
                ReferenceCountUtil.release(o);
            }
            out.clear();
        }
    }

    @Benchmark
    public int weftPlaintext() {
        ByteBuffer b = out;
        b.clear();
        weft.encodeHead(HttpVersion.HTTP_1_1, HttpStatus.OK, headers, HELLO.length, true, false, b);
        b.put(HELLO);
        return b.position();
    }

    /**
     * As the server encodes: with the {@link System#nanoTime()} its connection read at the start
     * of the poll (a field here, as there), so the Date value costs no clock read.
     */
    @Benchmark
    public int weftPlaintextWithPollClock() {
        ByteBuffer b = out;
        b.clear();
        weft.encodeHead(HttpVersion.HTTP_1_1, HttpStatus.OK, headers, HELLO.length, true, false, b, pollNanos);
        b.put(HELLO);
        return b.position();
    }

    @Benchmark
    public void nettyPlaintext(Blackhole bh) throws Exception {
        ByteBuf body = Unpooled.wrappedBuffer(HELLO);
        FullHttpResponse r = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                HttpResponseStatus.OK, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, TEXT_PLAIN)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, HELLO.length)
                .set(HttpHeaderNames.DATE, date)
                .set(HttpHeaderNames.SERVER, "Netty");
        netty.encodeOne(nettyCtx, r, nettyOut, bh);
    }
}
