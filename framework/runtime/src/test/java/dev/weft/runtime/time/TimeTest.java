package dev.weft.runtime.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.Context;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TimeTest {
    private AsyncRuntime rt;

    private AsyncRuntime make(String flavour) {
        rt = flavour.equals("multi") ? AsyncRuntime.builder().workers(2).build() : AsyncRuntime.currentThread();
        return rt;
    }

    @AfterEach
    void close() {
        if (rt != null) {
            rt.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void sleepWaitsAtLeastTheDuration(String flavour) {
        AsyncRuntime r = make(flavour);
        long t0 = System.nanoTime();
        r.blockOn(r.spawn(Time.sleep(Duration.ofMillis(30))));
        assertTrue(System.nanoTime() - t0 >= 30_000_000L);
        r.blockOn(Time.sleep(Duration.ZERO));
        r.blockOn(Time.sleep(Duration.ofMillis(-5)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void sleepUntil(String flavour) {
        AsyncRuntime r = make(flavour);
        long deadline = System.nanoTime() + 20_000_000L;
        r.blockOn(Time.sleepUntil(deadline));
        assertTrue(System.nanoTime() - deadline >= 0);
        r.blockOn(Time.sleepUntil(Instant.now().plusMillis(5)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void manyConcurrentSleepsAllFire(String flavour) {
        AsyncRuntime r = make(flavour);
        List<JoinHandle<Void>> hs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            hs.add(r.spawn(Time.sleep(Duration.ofMillis(i % 50))));
        }
        assertEquals(2000, r.blockOn(Async.join(hs)).size());
    }

    static final class Tracked<T> implements Async<T> {
        final AtomicBoolean cancelled = new AtomicBoolean();
        final Async<T> inner;

        Tracked(Async<T> inner) {
            this.inner = inner;
        }

        @Override
        public Poll<T> poll(Context cx) {
            return inner.poll(cx);
        }

        @Override
        public void cancel() {
            cancelled.set(true);
            inner.cancel();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void timeoutExpiresAndCancelsInner(String flavour) {
        AsyncRuntime r = make(flavour);
        Tracked<Object> inner = new Tracked<>(Async.never());
        assertThrows(TimeoutException.class, () -> r.blockOn(Time.timeout(Duration.ofMillis(10), inner)));
        assertTrue(inner.cancelled.get());
    }

    @Test
    void timeoutPassesValueAndCancelsTimer() {
        AsyncRuntime r = make("current");
        assertEquals("v", r.blockOn(Time.timeout(Duration.ofSeconds(5),
                Time.sleep(Duration.ofMillis(1)).map(x -> "v"))));
    }

    @Test
    void timeoutRacingCompletionValueWins() {
        AsyncRuntime r = make("current");
        // Both are ready at the same poll: the inner value was produced, so it is delivered.
        Async<String> inner = Time.sleep(Duration.ofMillis(20)).map(x -> "v");
        Async<String> t = Time.timeout(Duration.ofMillis(20), inner);
        assertEquals("v", r.blockOn(Time.sleep(Duration.ofMillis(40)).flatMap(x -> t)));
    }

    @Test
    void abortTaskWithSleepCancelsTimer() {
        AsyncRuntime r = make("multi");
        // The sleep has registered its timer, so the abort has one to cancel.
        JoinHandle<Void> h = Waits.spawnWaiting(r, Time.sleep(Duration.ofSeconds(60)),
                "the sleep never registered its timer");
        h.abort();
        assertThrows(dev.weft.runtime.CancelledException.class, () -> r.blockOn(h));
    }

    @Test
    void millionPendingTimersThenShortSleepStillFires() {
        AsyncRuntime r = make("multi");
        int n = 1_000_000;
        long t0 = System.nanoTime();
        long elapsed = r.blockOn(r.spawn(new Async<Long>() {
            Async<Void>[] sleeps;
            Async<Void> probe;
            long probeStart;

            @Override
            @SuppressWarnings("unchecked")
            public Poll<Long> poll(Context cx) {
                if (sleeps == null) {
                    sleeps = new Async[n];
                    for (int i = 0; i < n; i++) {
                        // spread over an hour: every wheel level gets some
                        sleeps[i] = Time.sleep(Duration.ofMillis(1000 + (i * 3_607L) % 3_600_000L));
                        if (sleeps[i].poll(cx).isReady()) {
                            throw new AssertionError("fired early");
                        }
                    }
                    probeStart = System.nanoTime();
                    probe = Time.sleep(Duration.ofMillis(20));
                }
                if (!probe.poll(cx).isReady()) {
                    return Poll.pending();
                }
                long took = System.nanoTime() - probeStart;
                for (Async<Void> s : sleeps) {
                    s.cancel();
                }
                return Poll.ready(took);
            }
        }));
        assertTrue(elapsed >= 20_000_000L);
        assertTrue(System.nanoTime() - t0 < 60_000_000_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BURST", "DELAY", "SKIP"})
    void intervalTicks(String behavior) {
        AsyncRuntime r = make("current");
        // The clock starts before the interval does: the first tick is at its creation, the fourth
        // 15 ms later, so time measured from any later instant (the thread may be descheduled
        // between the two lines on a busy machine) can be shorter than 15 ms.
        long t0 = System.nanoTime();
        Interval iv = Time.interval(Duration.ofMillis(5)).missedTickBehavior(MissedTickBehavior.valueOf(behavior));
        List<Long> ticks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ticks.add(r.blockOn(iv.tick()));
        }
        assertTrue(System.nanoTime() - t0 >= 15_000_000L);
        for (int i = 1; i < ticks.size(); i++) {
            assertTrue(ticks.get(i) - ticks.get(i - 1) >= 5_000_000L);
        }
    }

    @Test
    void intervalMissedTicks() {
        AsyncRuntime r = make("current");
        Interval burst = Time.interval(Duration.ofMillis(10));
        Interval skip = Time.interval(Duration.ofMillis(10)).missedTickBehavior(MissedTickBehavior.SKIP);
        Interval delay = Time.interval(Duration.ofMillis(10)).missedTickBehavior(MissedTickBehavior.DELAY);
        long b0 = r.blockOn(burst.tick());
        long s0 = r.blockOn(skip.tick());
        r.blockOn(delay.tick());
        // Time passing is the behaviour under test: 35 ms is three and a half periods, so each
        // interval misses ticks and shows what its behaviour does with them.
        r.blockOn(Time.sleep(Duration.ofMillis(35)));
        // burst: the missed ticks come back to back, each on the original grid
        assertEquals(b0 + 10_000_000L, (long) r.blockOn(burst.tick()));
        assertEquals(b0 + 20_000_000L, (long) r.blockOn(burst.tick()));
        // skip: one late tick, then the next on the grid (missed ones dropped)
        long late = r.blockOn(skip.tick());
        assertEquals(s0 + 10_000_000L, late);
        long next = r.blockOn(skip.tick());
        assertTrue(next - s0 >= 40_000_000L, "skip resumed on grid: " + (next - s0));
        assertEquals(0, (next - s0) % 10_000_000L);
        // delay: one late tick, then a full period after it
        long d1 = r.blockOn(delay.tick());
        long before = System.nanoTime();
        long d2 = r.blockOn(delay.tick());
        assertTrue(d2 - d1 >= 10_000_000L);
        assertTrue(System.nanoTime() - before >= 5_000_000L);
    }
}
