package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.internal.MultiThreadScheduler;
import dev.weft.runtime.internal.WorkerStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class AsyncRuntimeTest {
    private AsyncRuntime rt;

    private AsyncRuntime make(String flavour) {
        rt = flavour.equals("multi") ? AsyncRuntime.builder().workers(2).name("t").build() : AsyncRuntime.currentThread();
        return rt;
    }

    @AfterEach
    void tearDown() {
        if (rt != null) {
            rt.close();
        }
    }

    /** Pending until the flag is set from elsewhere; records cancellation. */
    static final class Gate<T> implements Async<T> {
        volatile Waker waker;
        volatile boolean open;
        volatile T value;
        final AtomicBoolean cancelled = new AtomicBoolean();
        final AtomicInteger polls = new AtomicInteger();
        /** Completed once a poll has left its waker, ready to be woken. */
        final CompletableFuture<Void> waiting = new CompletableFuture<>();

        @Override
        public Poll<T> poll(Context cx) {
            polls.incrementAndGet();
            if (open) {
                return Poll.ready(value);
            }
            waker = cx.waker();
            if (open) {
                return Poll.ready(value);
            }
            waiting.complete(null);
            return Poll.pending();
        }

        void open(T v) {
            value = v;
            open = true;
            Waker w = waker;
            if (w != null) {
                w.wake();
            }
        }

        @Override
        public void cancel() {
            cancelled.set(true);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void blockOnReturnsValue(String flavour) {
        int v = make(flavour).blockOn(Async.ready(21).map(x -> x * 2));
        assertEquals(42, v);
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void spawnAndAwaitHandle(String flavour) {
        AsyncRuntime r = make(flavour);
        JoinHandle<String> h = r.spawn(Async.ready("hi"));
        assertEquals("hi", r.blockOn(h));
        assertTrue(h.isFinished());
        assertEquals("hi", h.toCompletableFuture().join());
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void failedTaskThrowsTaskFailed(String flavour) {
        AsyncRuntime r = make(flavour);
        IllegalStateException boom = new IllegalStateException("boom");
        JoinHandle<Object> h = r.spawn(cx -> {
            throw boom;
        });
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> r.blockOn(h));
        assertSame(boom, e.getCause());
        CompletionException ce = assertThrows(CompletionException.class, () -> h.toCompletableFuture().join());
        assertSame(boom, ce.getCause());
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void abortWhilePendingCancelsFuture(String flavour) {
        AsyncRuntime r = make(flavour);
        Gate<Integer> g = new Gate<>();
        JoinHandle<Integer> h = r.spawn(g);
        // Pending, not merely spawned: the abort must reach a task that has been polled.
        Waits.awaitIn(r, g.waiting, "the task never waited on the gate");
        h.abort();
        assertThrows(CancelledException.class, () -> r.blockOn(h));
        assertTrue(g.cancelled.get());
        assertTrue(h.isFinished());
        assertThrows(java.util.concurrent.CancellationException.class, () -> h.toCompletableFuture().join());
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void abortAfterCompletionIsNoop(String flavour) {
        AsyncRuntime r = make(flavour);
        JoinHandle<Integer> h = r.spawn(Async.ready(7));
        assertEquals(Integer.valueOf(7), r.blockOn(h));
        h.abort();
        assertEquals(Integer.valueOf(7), r.blockOn(h));
    }

    @Test
    void abortBeforeFirstPoll() {
        AsyncRuntime r = make("current");
        Gate<Integer> g = new Gate<>();
        JoinHandle<Integer> h = r.spawn(g); // current-thread: nothing runs outside blockOn
        h.abort();
        assertThrows(CancelledException.class, () -> r.blockOn(h));
        assertEquals(0, g.polls.get());
        assertTrue(g.cancelled.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void wakeFromOtherThread(String flavour) throws Exception {
        AsyncRuntime r = make(flavour);
        Gate<String> g = new Gate<>();
        JoinHandle<String> h = r.spawn(g);
        AtomicBoolean wokeAWaitingTask = new AtomicBoolean();
        Thread t = new Thread(() -> {
            try {
                // Open the gate once the task waits on it, so the wake is what brings it back.
                g.waiting.get(5, TimeUnit.SECONDS);
                wokeAWaitingTask.set(true);
            } catch (InterruptedException | ExecutionException | TimeoutException ignored) {
                // open it all the same, so that blockOn returns
            }
            g.open("x");
        });
        t.start();
        assertEquals("x", r.blockOn(h));
        t.join();
        assertTrue(wokeAWaitingTask.get(), "the task never waited on the gate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void currentAndSpawnHereInsideTask(String flavour) {
        AsyncRuntime r = make(flavour);
        int v = r.blockOn(r.spawn(Async.ready(0).flatMap(x -> {
            assertSame(r, AsyncRuntime.current());
            return AsyncRuntime.spawnHere(Async.ready(5));
        })));
        assertEquals(5, v);
        assertThrows(IllegalStateException.class, AsyncRuntime::current);
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void spawnBlockingRunsOnVirtualThread(String flavour) {
        AsyncRuntime r = make(flavour);
        JoinHandle<Boolean> h = r.spawnBlocking(() -> {
            Thread.sleep(10); // blocking work, which is what spawnBlocking is for
            assertSame(r, AsyncRuntime.current());
            return Thread.currentThread().isVirtual();
        });
        assertTrue(r.blockOn(h));
        JoinHandle<Object> bad = r.spawnBlocking(() -> {
            throw new java.io.IOException("io");
        });
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> r.blockOn(bad));
        assertInstanceOf(CompletionException.class, e.getCause());
    }

    @Test
    void abortSpawnBlockingInterrupts() throws Exception {
        AsyncRuntime r = make("multi");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        JoinHandle<Object> h = r.spawnBlocking(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000); // blocks until the abort interrupts it: that is the test
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return null;
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        h.abort();
        assertTrue(interrupted.await(5, TimeUnit.SECONDS));
        assertThrows(CancelledException.class, () -> r.blockOn(h));
    }

    @Test
    void manyTasksAcrossWorkers() {
        AsyncRuntime r = make("multi");
        AtomicInteger ran = new AtomicInteger();
        List<JoinHandle<Integer>> hs = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int k = i;
            hs.add(r.spawn(cx -> {
                ran.incrementAndGet();
                return Poll.ready(k);
            }));
        }
        List<Integer> out = r.blockOn(Async.join(hs));
        assertEquals(10_000, out.size());
        assertEquals(Integer.valueOf(9_999), out.get(9_999));
        assertEquals(10_000, ran.get());
    }

    @Test
    void shutdownCancelsIdleTasks() {
        AsyncRuntime r = make("multi");
        Gate<Integer> g = new Gate<>();
        JoinHandle<Integer> h = r.spawn(g);
        // Idle, not merely spawned: shutdown cancels a task that has been polled and is waiting.
        Waits.awaitIn(r, g.waiting, "the task never waited on the gate");
        r.shutdown(Duration.ofSeconds(5));
        assertTrue(h.isFinished());
        assertTrue(g.cancelled.get());
        assertThrows(java.util.concurrent.CancellationException.class, () -> h.toCompletableFuture().join());
        JoinHandle<Integer> late = r.spawn(Async.ready(1));
        assertTrue(late.isFinished());
        assertTrue(r.isShutdown());
    }

    @Test
    void shutdownCancelsPendingTasksSpawnedOnWorkersThousandsOfTicksEarlier() {
        // Tasks spawned by a task sit in that worker's own list, which the worker replaces with a
        // fresh copy every few ticks: pending ones must survive many copies and still be
        // cancelled at shutdown.
        AsyncRuntime r = make("multi");
        List<Gate<Integer>> gates = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            gates.add(new Gate<>());
        }
        r.blockOn(r.spawn(cx -> {
            for (Gate<Integer> g : gates) {
                AsyncRuntime.spawnHere(g);
            }
            return Poll.ready(null);
        }));
        for (int round = 0; round < 100; round++) {
            r.blockOn(r.spawn(cx -> {
                for (int i = 0; i < 200; i++) {
                    AsyncRuntime.spawnHere(Async.ready(i));
                }
                return Poll.ready(null);
            }));
        }
        long polls = 0;
        for (WorkerStats w : ((MultiThreadScheduler) r.core()).workerStats()) {
            polls += w.polls;
        }
        assertTrue(polls > 10_000, "polls: " + polls);
        r.shutdown(Duration.ofSeconds(5));
        for (Gate<Integer> g : gates) {
            assertTrue(g.cancelled.get());
        }
    }

    @Test
    void shutdownReleasesBlockOnCallers() throws Exception {
        AsyncRuntime r = make("multi");
        CountDownLatch entered = new CountDownLatch(1);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Gate<Integer> never = new Gate<>();
        Thread t = new Thread(() -> {
            try {
                r.blockOn(Async.ready(0).flatMap(x -> {
                    entered.countDown();
                    return never;
                }));
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        t.start();
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        r.shutdown(Duration.ofSeconds(5));
        assertInstanceOf(CancelledException.class, outcome.get(5, TimeUnit.SECONDS));
        assertTrue(never.cancelled.get());
        assertThrows(IllegalStateException.class, () -> r.blockOn(Async.ready(1)));
    }

    @Test
    void yieldNowLetsOthersRun() {
        AsyncRuntime r = make("current");
        List<String> order = new ArrayList<>();
        Async<Void> a = Async.ready(null).flatMap(v -> {
            order.add("a1");
            return Async.yieldNow();
        }).map(v -> {
            order.add("a2");
            return null;
        });
        Async<Void> b = cx -> {
            order.add("b");
            return Poll.ready(null);
        };
        JoinHandle<Void> ha = r.spawn(a);
        JoinHandle<Void> hb = r.spawn(b);
        r.blockOn(Async.join(ha, hb));
        assertEquals(List.of("a1", "b", "a2"), order);
    }

    @Test
    void budgetForcesYield() {
        AsyncRuntime r = make("current");
        AtomicInteger polls = new AtomicInteger();
        // A value that is always ready at its leaf but consumes budget: must still complete and
        // must take more than one task poll to do 1000 units.
        Async<Integer> busy = new Async<>() {
            int done;

            @Override
            public Poll<Integer> poll(Context cx) {
                polls.incrementAndGet();
                while (done < 1000) {
                    if (!cx.tryConsumeBudget()) {
                        cx.waker().wake();
                        return Poll.pending();
                    }
                    done++;
                }
                return Poll.ready(done);
            }
        };
        assertEquals(Integer.valueOf(1000), r.blockOn(r.spawn(busy)));
        assertTrue(polls.get() >= 1000 / 128, "polls=" + polls.get());
    }

    @Test
    void metricsCountPolls() {
        AsyncRuntime r = make("multi");
        for (int i = 0; i < 100; i++) {
            r.blockOn(r.spawn(Async.ready(i)));
        }
        RuntimeMetrics m = r.metrics();
        assertEquals(2, m.workers().size());
        assertTrue(m.totalPolls() >= 100, m.toString());
    }

    @Test
    void blockOnFromWorkerIsRejected() {
        AsyncRuntime r = make("multi");
        JoinHandle<Object> h = r.spawn(cx -> Poll.ready(r.blockOn(Async.ready(1))));
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> r.blockOn(h));
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void fromFutureCompletesLater() {
        AsyncRuntime r = make("multi");
        CompletableFuture<String> cf = new CompletableFuture<>();
        JoinHandle<String> h = r.spawn(Async.fromFuture(cf));
        CompletableFuture.runAsync(() -> cf.complete("later"));
        assertEquals("later", r.blockOn(h));
        CompletableFuture<String> cancelled = new CompletableFuture<>();
        cancelled.cancel(false);
        assertThrows(CancelledException.class, () -> r.blockOn(Async.fromFuture(cancelled)));
        assertFalse(r.isShutdown());
    }
}
