package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Aborts racing with wake-ups and completion, from another thread: every task ends exactly once
 * (value or cancelled), its cancel() never overlaps a poll, never follows a ready poll, and
 * runs at most once.
 */
@Timeout(60)
class AbortStressTest {

    static final class Probe implements Async<Integer> {
        final AtomicInteger inPoll = new AtomicInteger();
        final AtomicInteger cancels = new AtomicInteger();
        volatile boolean ready;
        volatile Waker waker;
        final int readyAfter;
        int polls;
        static final AtomicLong VIOLATIONS = new AtomicLong();

        Probe(int readyAfter) {
            this.readyAfter = readyAfter;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            if (inPoll.getAndIncrement() != 0 || cancels.get() != 0 || ready) {
                VIOLATIONS.incrementAndGet();
            }
            try {
                waker = cx.waker();
                if (++polls >= readyAfter) {
                    ready = true;
                    return Poll.ready(polls);
                }
                return Poll.pending();
            } finally {
                inPoll.decrementAndGet();
            }
        }

        @Override
        public void cancel() {
            if (inPoll.get() != 0 || ready || cancels.incrementAndGet() != 1) {
                VIOLATIONS.incrementAndGet();
            }
        }
    }

    @Test
    void abortsRacingWakesAndCompletion() throws Exception {
        int n = 100_000;
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(2).name("abort").build()) {
            List<Probe> probes = new ArrayList<>(n);
            List<JoinHandle<Integer>> hs = new ArrayList<>(n);
            SplittableRandom rnd = new SplittableRandom(3);
            for (int i = 0; i < n; i++) {
                Probe p = new Probe(1 + rnd.nextInt(4));
                probes.add(p);
                hs.add(rt.spawn(p));
            }
            Thread waker = new Thread(() -> {
                for (int round = 0; round < 4; round++) {
                    for (Probe p : probes) {
                        Waker w = p.waker;
                        if (w != null) {
                            w.wake();
                        }
                    }
                }
            });
            waker.start();
            for (int i = 0; i < n; i += 2) {
                hs.get(i).abort(); // half are aborted, at whatever stage they are in
            }
            waker.join();
            // Drive stragglers (tasks whose last wake came before they registered) to the end.
            int done = 0;
            long until = System.nanoTime() + 30_000_000_000L;
            while (done < n && System.nanoTime() < until) {
                done = 0;
                for (int i = 0; i < n; i++) {
                    if (hs.get(i).isFinished()) {
                        done++;
                    } else {
                        Waker w = probes.get(i).waker;
                        if (w != null) {
                            w.wake();
                        }
                    }
                }
            }
            assertEquals(n, done);
            int cancelled = 0;
            for (int i = 0; i < n; i++) {
                try {
                    hs.get(i).toCompletableFuture().join();
                    assertTrue(probes.get(i).ready);
                } catch (CancellationException e) {
                    cancelled++;
                    assertEquals(i % 2, 0, "only aborted tasks are cancelled");
                }
            }
            assertTrue(cancelled > 0 && cancelled <= n / 2, "cancelled=" + cancelled);
            assertEquals(0, Probe.VIOLATIONS.get());
        }
    }
}
