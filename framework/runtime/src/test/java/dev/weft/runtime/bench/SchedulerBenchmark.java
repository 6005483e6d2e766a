package dev.weft.runtime.bench;

import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.sync.Oneshot;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tokio's classic runtime benchmarks ({@code benches/rt_multi_threaded.rs}), each run on a Weft
 * runtime and on a {@link ForkJoinPool} of the same parallelism doing the same work, in the same
 * JMH run so that the two can be compared as a ratio. One benchmark operation is one whole batch
 * (e.g. 100,000 spawns and waiting for all of them), so ops/s is batches per second.
 *
 * <ul>
 *   <li>{@code spawnMany}: a root task spawns 100,000 tiny tasks (from a worker, so into its
 *       local queue) and waits for the last to finish. ForkJoinPool: {@code execute} from a pool
 *       thread.
 *   <li>{@code yieldMany}: 200 tasks each yield 1,000 times. ForkJoinPool: the task re-submits
 *       itself.
 *   <li>{@code pingPong}: 1,000 pairs; each pinger spawns its ponger and they exchange one
 *       message each way over oneshot channels. ForkJoinPool: {@code CompletableFuture} legs
 *       with async continuations on the pool.
 *   <li>{@code chainedSpawn}: each task spawns the next, 1,000 deep.
 * </ul>
 *
 * Run: {@code ./mvnw -q -Pjmh -pl framework/runtime test-compile exec:exec -Djmh.args="SchedulerBenchmark"}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class SchedulerBenchmark {
    static final int SPAWN_MANY = 100_000;
    static final int YIELD_TASKS = 200;
    static final int YIELDS = 1_000;
    static final int PING_PAIRS = 1_000;
    static final int CHAIN = 1_000;
    private static final Poll<Void> READY = Poll.ready(null);

    /** Worker threads / pool parallelism; 0 = available processors. */
    @Param("0")
    public int threads;

    /** Whether the runtime times polls (poll-time histogram, task probes): what observing costs. */
    @Param("false")
    public boolean pollTiming;

    AsyncRuntime rt;
    ForkJoinPool fjp;

    @Setup
    public void setup() {
        int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        rt = AsyncRuntime.builder().workers(n).name("bench").slowPollThreshold(null).build();
        rt.pollTiming(pollTiming);
        fjp = new ForkJoinPool(n);
    }

    @TearDown
    public void tearDown() {
        rt.close();
        fjp.shutdownNow();
    }

    /** The Weft runtime's counters (for profiling runs outside JMH). */
    public Object rtMetrics() {
        return rt.metrics();
    }

    /** Runs {@code root} as a task and waits (from the benchmark thread) for it. */
    private void run(Async<?> root) {
        rt.blockOn(rt.spawn(root));
    }

    /** An async value that completes when {@code count} reaches zero (the last decrementer sends). */
    static final class Countdown {
        final AtomicInteger left;
        final Oneshot.Channel<Boolean> done = Oneshot.channel();

        Countdown(int n) {
            left = new AtomicInteger(n);
        }

        void countDown() {
            if (left.decrementAndGet() == 0) {
                done.sender().send(Boolean.TRUE);
            }
        }
    }

    // ---- spawn_many ---------------------------------------------------------------------------

    @Benchmark
    public Object spawnMany_weft() {
        Countdown c = new Countdown(SPAWN_MANY);
        Async<Void> tiny = cx -> {
            c.countDown();
            return READY;
        };
        run(new Async<Boolean>() {
            boolean spawned;

            @Override
            public Poll<Boolean> poll(Context cx) {
                if (!spawned) {
                    spawned = true;
                    for (int i = 0; i < SPAWN_MANY; i++) {
                        AsyncRuntime.spawnHere(tiny);
                    }
                }
                return c.done.receiver().poll(cx);
            }
        });
        return c;
    }

    @Benchmark
    public Object spawnMany_fjp() throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        AtomicInteger left = new AtomicInteger(SPAWN_MANY);
        Runnable tiny = () -> {
            if (left.decrementAndGet() == 0) {
                latch.countDown();
            }
        };
        fjp.execute(() -> {
            for (int i = 0; i < SPAWN_MANY; i++) {
                fjp.execute(tiny);
            }
        });
        latch.await();
        return left;
    }

    // ---- yield_many ---------------------------------------------------------------------------

    @Benchmark
    public Object yieldMany_weft() {
        Countdown c = new Countdown(YIELD_TASKS);
        run(new Async<Boolean>() {
            boolean spawned;

            @Override
            public Poll<Boolean> poll(Context cx) {
                if (!spawned) {
                    spawned = true;
                    for (int i = 0; i < YIELD_TASKS; i++) {
                        AsyncRuntime.spawnHere(new Async<Void>() {
                            int left = YIELDS;

                            @Override
                            public Poll<Void> poll(Context cx2) {
                                if (left-- > 0) {
                                    cx2.waker().wake(); // yield: back of the queue
                                    return Poll.pending();
                                }
                                c.countDown();
                                return READY;
                            }
                        });
                    }
                }
                return c.done.receiver().poll(cx);
            }
        });
        return c;
    }

    @Benchmark
    public Object yieldMany_fjp() throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        AtomicInteger done = new AtomicInteger(YIELD_TASKS);
        fjp.execute(() -> {
            for (int i = 0; i < YIELD_TASKS; i++) {
                fjp.execute(new Runnable() {
                    int left = YIELDS;

                    @Override
                    public void run() {
                        if (left-- > 0) {
                            fjp.execute(this);
                        } else if (done.decrementAndGet() == 0) {
                            latch.countDown();
                        }
                    }
                });
            }
        });
        latch.await();
        return done;
    }

    // ---- ping_pong ----------------------------------------------------------------------------

    @Benchmark
    public Object pingPong_weft() {
        Countdown c = new Countdown(PING_PAIRS);
        run(new Async<Boolean>() {
            boolean spawned;

            @Override
            public Poll<Boolean> poll(Context cx) {
                if (!spawned) {
                    spawned = true;
                    for (int i = 0; i < PING_PAIRS; i++) {
                        AsyncRuntime.spawnHere(new Async<Void>() {
                            Oneshot.Channel<Boolean> there;
                            Oneshot.Channel<Boolean> back;

                            @Override
                            public Poll<Void> poll(Context cx2) {
                                if (there == null) {
                                    there = Oneshot.channel();
                                    back = Oneshot.channel();
                                    Oneshot.Receiver<Boolean> rx = there.receiver();
                                    Oneshot.Sender<Boolean> tx = back.sender();
                                    AsyncRuntime.spawnHere(cx3 -> {
                                        if (!rx.poll(cx3).isReady()) {
                                            return Poll.pending();
                                        }
                                        tx.send(Boolean.TRUE);
                                        return READY;
                                    });
                                    there.sender().send(Boolean.TRUE);
                                }
                                if (!back.receiver().poll(cx2).isReady()) {
                                    return Poll.pending();
                                }
                                c.countDown();
                                return READY;
                            }
                        });
                    }
                }
                return c.done.receiver().poll(cx);
            }
        });
        return c;
    }

    @Benchmark
    public Object pingPong_fjp() throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        AtomicInteger left = new AtomicInteger(PING_PAIRS);
        fjp.execute(() -> {
            for (int i = 0; i < PING_PAIRS; i++) {
                fjp.execute(() -> {
                    CompletableFuture<Boolean> there = new CompletableFuture<>();
                    CompletableFuture<Boolean> back = new CompletableFuture<>();
                    there.thenAcceptAsync(v -> back.complete(Boolean.TRUE), fjp);
                    there.complete(Boolean.TRUE);
                    back.thenRunAsync(() -> {
                        if (left.decrementAndGet() == 0) {
                            latch.countDown();
                        }
                    }, fjp);
                });
            }
        });
        latch.await();
        return left;
    }

    // ---- chained_spawn ------------------------------------------------------------------------

    static final class Link implements Async<Void> {
        final int remaining;
        final Oneshot.Sender<Boolean> done;

        Link(int remaining, Oneshot.Sender<Boolean> done) {
            this.remaining = remaining;
            this.done = done;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (remaining == 0) {
                done.send(Boolean.TRUE);
            } else {
                AsyncRuntime.spawnHere(new Link(remaining - 1, done));
            }
            return READY;
        }
    }

    @Benchmark
    public Object chainedSpawn_weft() {
        Oneshot.Channel<Boolean> done = Oneshot.channel();
        run(new Async<Boolean>() {
            boolean spawned;

            @Override
            public Poll<Boolean> poll(Context cx) {
                if (!spawned) {
                    spawned = true;
                    AsyncRuntime.spawnHere(new Link(CHAIN, done.sender()));
                }
                return done.receiver().poll(cx);
            }
        });
        return done;
    }

    @Benchmark
    public Object chainedSpawn_fjp() throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        final class FLink implements Runnable {
            final int remaining;

            FLink(int remaining) {
                this.remaining = remaining;
            }

            @Override
            public void run() {
                if (remaining == 0) {
                    latch.countDown();
                } else {
                    fjp.execute(new FLink(remaining - 1));
                }
            }
        }
        fjp.execute(new FLink(CHAIN));
        latch.await();
        return latch;
    }
}
