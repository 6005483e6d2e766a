package dev.weft.codec.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A rough cross-check of {@link RequestDecoderBenchmark} for machines shared with other work: it
 * interleaves the six benchmark methods in rounds and keeps, for each, the lowest thread CPU time
 * per request seen after the first third of the rounds. CPU time does not count the time the
 * thread waits for a core, so the ratios survive a loaded machine better than JMH's wall-clock
 * scores do; JMH remains the measurement of record.
 *
 * <p>Run with the test classpath: {@code java -cp ... dev.weft.codec.bench.CpuTimeComparison 30}.
 */
public final class CpuTimeComparison {
    private CpuTimeComparison() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        RequestDecoderBenchmark b = new RequestDecoderBenchmark();
        b.setUp();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        String[] names = {"weftBrowserGet", "nettyBrowserGet", "weftPipelined16", "nettyPipelined16",
            "weftChunkedPost", "nettyChunkedPost"};
        int[] requestsPerCall = {1, 1, 16, 16, 1, 1};
        double[] best = new double[names.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        int calls = 20_000;
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < names.length; k++) {
                long t0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    switch (k) {
                        case 0 -> b.weftBrowserGet(bh);
                        case 1 -> b.nettyBrowserGet(bh);
                        case 2 -> b.weftPipelined16(bh);
                        case 3 -> b.nettyPipelined16(bh);
                        case 4 -> b.weftChunkedPost(bh);
                        default -> b.nettyChunkedPost(bh);
                    }
                }
                double ns = (double) (mx.getCurrentThreadCpuTime() - t0) / calls / requestsPerCall[k];
                if (r >= rounds / 3) best[k] = Math.min(best[k], ns);
            }
        }
        for (int k = 0; k < names.length; k++) System.out.printf("%-18s %8.1f ns/request (CPU time)%n", names[k], best[k]);
        System.out.printf("Netty/Weft: browserGet %.2fx, pipelined16 %.2fx, chunkedPost %.2fx%n",
                best[1] / best[0], best[3] / best[2], best[5] / best[4]);
    }
}
