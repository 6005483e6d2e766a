package dev.weft.codec.bench;

import dev.weft.codec.DecodeEvent;
import dev.weft.codec.RequestDecoder;
import dev.weft.codec.RequestHead;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Weft's {@link RequestDecoder} against Netty's {@link HttpRequestDecoder}, fed the same bytes in
 * the same run. Scores are ns per request ({@code @OperationsPerInvocation} divides the pipelined
 * case by 16), so {@code gc.alloc.rate.norm} under {@code -prof gc} is bytes per request.
 *
 * <ul>
 *   <li>{@code browserGet}: one typical browser GET (428 bytes, 7 header fields);</li>
 *   <li>{@code pipelined16}: 16 pipelined plaintext GETs in one buffer;</li>
 *   <li>{@code chunkedPost}: a POST with a 1 KiB body in 4 chunks and a trailer.</li>
 * </ul>
 *
 * Weft hands each head back with {@link RequestDecoder#recycle} after END, as a server does once
 * the response is written; it reads the method and the keep-alive decision. Weft builds strings
 * (path, header values) only on demand, so none are built here, whereas Netty's decoder always
 * builds them: that is part of what is compared. Netty's decoder is called directly (no channel
 * pipeline), and its messages are released.
 *
 * <p>Run: {@code ./mvnw -q -Pjmh -pl http-codec test-compile exec:exec
 * -Djmh.args="RequestDecoderBenchmark -prof gc"}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class RequestDecoderBenchmark {
    static final String BROWSER_GET = "GET /docs/guide/index.html?lang=en&page=2 HTTP/1.1\r\n"
            + "Host: www.example.com\r\n"
            + "Connection: keep-alive\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8\r\n"
            + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
            + "Accept-Language: en-US,en;q=0.9\r\n"
            + "Cookie: session=7f3a9c2e41d8; theme=dark\r\n"
            + "\r\n";

    static final String PLAINTEXT_GET = "GET /plaintext HTTP/1.1\r\n"
            + "Host: localhost:8080\r\n"
            + "Accept: text/plain,text/html;q=0.9,application/xhtml+xml;q=0.9,application/xml;q=0.8,*/*;q=0.7\r\n"
            + "Connection: keep-alive\r\n"
            + "\r\n";

    static final String CHUNKED_POST;

    static {
        StringBuilder sb = new StringBuilder("POST /api/upload HTTP/1.1\r\n"
                + "Host: api.example.com\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Transfer-Encoding: chunked\r\n"
                + "\r\n");
        for (int i = 0; i < 4; i++) sb.append("100\r\n").append(String.valueOf((char) ('a' + i)).repeat(256)).append("\r\n");
        sb.append("0\r\nX-Checksum: 1234\r\n\r\n");
        CHUNKED_POST = sb.toString();
    }

    private byte[] browser;
    private byte[] pipelined;
    private byte[] chunked;

    private ByteBuffer weftBrowser;
    private ByteBuffer weftPipelined;
    private ByteBuffer weftChunked;
    private RequestDecoder weft;

    private ByteBuf nettyBrowser;
    private ByteBuf nettyPipelined;
    private ByteBuf nettyChunked;
    private DirectNettyDecoder netty;
    private ChannelHandlerContext nettyCtx;
    private final List<Object> nettyOut = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
        browser = BROWSER_GET.getBytes(StandardCharsets.US_ASCII);
        pipelined = PLAINTEXT_GET.repeat(16).getBytes(StandardCharsets.US_ASCII);
        chunked = CHUNKED_POST.getBytes(StandardCharsets.US_ASCII);
        weftBrowser = ByteBuffer.wrap(browser);
        weftPipelined = ByteBuffer.wrap(pipelined);
        weftChunked = ByteBuffer.wrap(chunked);
        weft = new RequestDecoder();
        nettyBrowser = Unpooled.wrappedBuffer(browser);
        nettyPipelined = Unpooled.wrappedBuffer(pipelined);
        nettyChunked = Unpooled.wrappedBuffer(chunked);
        netty = new DirectNettyDecoder();
        EmbeddedChannel channel = new EmbeddedChannel(netty);
        nettyCtx = channel.pipeline().context(netty);
    }

    /** Netty's decoder with its protected decode step exposed, to skip the channel pipeline. */
    static final class DirectNettyDecoder extends HttpRequestDecoder {
        void decodeAll(ChannelHandlerContext ctx, ByteBuf in, List<Object> out, Blackhole bh) throws Exception {
            // Mirrors ByteToMessageDecoder.callDecode: call until no progress.
            while (in.isReadable()) {
                int before = in.readerIndex();
                int outBefore = out.size();
                decode(ctx, in, out);
                if (before == in.readerIndex() && outBefore == out.size()) break;
            }
            for (int i = 0; i < out.size(); i++) {
                Object o = out.get(i);
                bh.consume(o);
                ReferenceCountUtil.release(o);
            }
            out.clear();
        }
    }

    private int weftDecode(ByteBuffer in, Blackhole bh) {
        in.clear();
        RequestDecoder d = weft;
        int requests = 0;
        for (;;) {
            DecodeEvent e = d.decode(in);
            switch (e) {
                case HEAD -> {
                    RequestHead h = d.head();
                    bh.consume(h.method());
                    bh.consume(h.keepAlive());
                }
                case CONTENT -> bh.consume(d.content());
                case END -> {
                    bh.consume(d.trailers());
                    d.recycle(d.head());
                    requests++;
                }
                case NEED_MORE -> {
                    return requests;
                }
            }
        }
    }

    private void nettyDecode(ByteBuf in, Blackhole bh) throws Exception {
        in.readerIndex(0);
        netty.decodeAll(nettyCtx, in, nettyOut, bh);
    }

    @Benchmark
    public int weftBrowserGet(Blackhole bh) {
        return weftDecode(weftBrowser, bh);
    }

    @Benchmark
    public void nettyBrowserGet(Blackhole bh) throws Exception {
        nettyDecode(nettyBrowser, bh);
    }

    @Benchmark
    @OperationsPerInvocation(16)
    public int weftPipelined16(Blackhole bh) {
        return weftDecode(weftPipelined, bh);
    }

    @Benchmark
    @OperationsPerInvocation(16)
    public void nettyPipelined16(Blackhole bh) throws Exception {
        nettyDecode(nettyPipelined, bh);
    }

    @Benchmark
    public int weftChunkedPost(Blackhole bh) {
        return weftDecode(weftChunked, bh);
    }

    @Benchmark
    public void nettyChunkedPost(Blackhole bh) throws Exception {
        nettyDecode(nettyChunked, bh);
    }
}
