package dev.weft.runtime.bench;

import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.time.Time;
import java.time.Duration;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Insert 1,000,000 timers (deadlines spread over 10 s .. 20 s) and cancel them all: Weft's timer
 * wheel against {@link ForkJoinPool#schedule} (JDK 25's delay scheduler), in the same run. One
 * operation is the whole million.
 *
 * Run: {@code ./mvnw -q -Pjmh -pl framework/runtime test-compile exec:exec -Djmh.args="TimerBenchmark"}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class TimerBenchmark {
    static final int TIMERS = 1_000_000;

    AsyncRuntime rt;
    ForkJoinPool fjp;

    @Setup
    public void setup() {
        int n = Runtime.getRuntime().availableProcessors();
        rt = AsyncRuntime.builder().workers(n).name("bench").slowPollThreshold(null).build();
        fjp = new ForkJoinPool(n);
    }

    @TearDown
    public void tearDown() {
        rt.close();
        fjp.shutdownNow();
    }

    @Benchmark
    public Object insertCancel_weft() {
        return rt.blockOn(rt.spawn(new Async<Integer>() {
            @Override
            public Poll<Integer> poll(Context cx) {
                @SuppressWarnings("unchecked")
                Async<Void>[] sleeps = new Async[TIMERS];
                for (int i = 0; i < TIMERS; i++) {
                    Async<Void> s = Time.sleep(Duration.ofMillis(10_000 + (i % 10_000)));
                    s.poll(cx); // registers the timer
                    sleeps[i] = s;
                }
                for (Async<Void> s : sleeps) {
                    s.cancel();
                }
                return Poll.ready(sleeps.length);
            }
        }));
    }

    @Benchmark
    public Object insertCancel_fjp() throws Exception {
        return fjp.submit(() -> {
            Runnable noop = () -> { };
            ScheduledFuture<?>[] fs = new ScheduledFuture<?>[TIMERS];
            for (int i = 0; i < TIMERS; i++) {
                fs[i] = fjp.schedule(noop, 10_000 + (i % 10_000), TimeUnit.MILLISECONDS);
            }
            for (ScheduledFuture<?> f : fs) {
                f.cancel(false);
            }
            return fs.length;
        }).get();
    }
}
