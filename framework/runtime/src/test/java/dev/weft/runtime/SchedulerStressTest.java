package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.sync.Mpsc;
import dev.weft.runtime.sync.Oneshot;
import dev.weft.runtime.time.Time;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Whole-scheduler stress: exactly-once execution and no lost wake-ups, with bounded deadlines. */
@Timeout(120)
class SchedulerStressTest {

    /**
     * One million tasks spawned from inside and outside the runtime; each one is woken at random
     * by itself (yield), by another thread (possibly twice), or by another task before it
     * completes. Each must complete exactly once.
     */
    @Test
    void millionTasksRunExactlyOnce() throws Exception {
        int total = 1_000_000;
        AtomicIntegerArray completions = new AtomicIntegerArray(total);
        AtomicLong remaining = new AtomicLong(total);
        CountDownLatch allDone = new CountDownLatch(1);
        ConcurrentLinkedQueue<Waker> remoteWakes = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Waker> taskWakes = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(2).name("stress").build()) {
            Thread waker = new Thread(() -> {
                while (!stop.get()) {
                    Waker w = remoteWakes.poll();
                    if (w == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    w.wake();
                    w.wake(); // duplicate wakes must be harmless
                }
            });
            waker.setDaemon(true);
            waker.start();

            final class Job implements Async<Void> {
                final int id;
                int phase;
                final int mode;

                Job(int id, int mode) {
                    this.id = id;
                    this.mode = mode;
                }

                @Override
                public Poll<Void> poll(Context cx) {
                    // wake someone else's task, as a channel send would
                    Waker other = taskWakes.poll();
                    if (other != null) {
                        other.wake();
                    }
                    if (phase == 0 && mode != 0) {
                        phase = 1;
                        switch (mode) {
                            case 1 -> cx.waker().wake();
                            case 2 -> remoteWakes.add(cx.waker());
                            default -> taskWakes.add(cx.waker());
                        }
                        return Poll.pending();
                    }
                    if (completions.incrementAndGet(id) == 1 && remaining.decrementAndGet() == 0) {
                        allDone.countDown();
                    }
                    return Poll.ready(null);
                }
            }

            int spawners = 4;
            int perSpawner = total / spawners;
            for (int s = 0; s < spawners; s++) {
                int base = s * perSpawner;
                boolean fromOutside = s == 0;
                SplittableRandom rnd = new SplittableRandom(s);
                if (fromOutside) {
                    for (int i = 0; i < perSpawner; i++) {
                        rt.spawn(new Job(base + i, rnd.nextInt(4)));
                    }
                } else {
                    rt.spawn(new Async<Void>() {
                        int i;

                        @Override
                        public Poll<Void> poll(Context cx) {
                            int end = Math.min(perSpawner, i + 1000);
                            for (; i < end; i++) {
                                AsyncRuntime.spawnHere(new Job(base + i, rnd.nextInt(4)));
                            }
                            if (i < perSpawner) {
                                cx.waker().wake();
                                return Poll.pending();
                            }
                            return Poll.ready(null);
                        }
                    });
                }
            }
            // Tasks parked in taskWakes are woken by later tasks; flush the tail from outside.
            while (!allDone.await(20, TimeUnit.MILLISECONDS)) {
                Waker w;
                while ((w = taskWakes.poll()) != null) {
                    w.wake();
                }
            }
            stop.set(true);
            RuntimeMetrics m = rt.metrics();
            assertTrue(m.totalPolls() >= total, m.toString());
            // every task is accounted for once it completes (bounded wait for the stragglers)
            long until = System.nanoTime() + 10_000_000_000L;
            while (rt.metrics().liveTasks() != 0 && System.nanoTime() < until) {
                Thread.sleep(1);
            }
            assertEquals(0, rt.metrics().liveTasks(), rt.metrics().toString());
        }
        for (int i = 0; i < total; i++) {
            if (completions.get(i) != 1) {
                assertEquals(1, completions.get(i), "task " + i);
            }
        }
    }

    /** 10,000 round trips between two tasks over bounded mpsc channels, across workers. */
    @Test
    void pingPongMpscNoLostWakeup() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(2).name("pingpong").build()) {
            int rounds = 10_000;
            Mpsc.Channel<Integer> ping = Mpsc.bounded(1);
            Mpsc.Channel<Integer> pong = Mpsc.bounded(1);
            JoinHandle<Integer> ponger = rt.spawn(new Async<Integer>() {
                int n;
                Async<Void> sending;

                @Override
                public Poll<Integer> poll(Context cx) {
                    for (;;) {
                        if (sending != null) {
                            if (!sending.poll(cx).isReady()) {
                                return Poll.pending();
                            }
                            sending = null;
                        }
                        Poll<Integer> p = ping.receiver().pollRecv(cx);
                        if (!p.isReady()) {
                            return Poll.pending();
                        }
                        if (p.value() == null) {
                            return Poll.ready(n);
                        }
                        n++;
                        sending = pong.sender().send(p.value() + 1);
                    }
                }
            });
            JoinHandle<Integer> pinger = rt.spawn(new Async<Integer>() {
                int i;
                Async<Void> sending;
                boolean awaiting;

                @Override
                public Poll<Integer> poll(Context cx) {
                    for (;;) {
                        if (sending != null) {
                            if (!sending.poll(cx).isReady()) {
                                return Poll.pending();
                            }
                            sending = null;
                            awaiting = true;
                        }
                        if (awaiting) {
                            Poll<Integer> p = pong.receiver().pollRecv(cx);
                            if (!p.isReady()) {
                                return Poll.pending();
                            }
                            if (p.value() != i + 1) {
                                throw new AssertionError("got " + p.value() + " in round " + i);
                            }
                            awaiting = false;
                            i++;
                        }
                        if (i == rounds) {
                            ping.sender().close();
                            return Poll.ready(i);
                        }
                        sending = ping.sender().send(i);
                    }
                }
            });
            int[] r = rt.blockOn(Time.timeout(Duration.ofSeconds(30),
                    Async.join(pinger, ponger).map(l -> new int[] {l.get(0), l.get(1)})));
            assertEquals(rounds, r[0]);
            assertEquals(rounds, r[1]);
        }
    }

    /** 10,000 round trips where each leg is a fresh oneshot, between a task and an outside thread. */
    @Test
    void pingPongOneshotWithOutsideThreadNoLostWakeup() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(2).name("oneshot").build()) {
            int rounds = 10_000;
            Mpsc.Channel<Oneshot.Sender<Integer>> requests = Mpsc.unbounded();
            JoinHandle<Integer> server = rt.spawn(new Async<Integer>() {
                int served;

                @Override
                public Poll<Integer> poll(Context cx) {
                    for (;;) {
                        Poll<Oneshot.Sender<Integer>> p = requests.receiver().pollRecv(cx);
                        if (!p.isReady()) {
                            return Poll.pending();
                        }
                        if (p.value() == null) {
                            return Poll.ready(served);
                        }
                        p.value().send(served++);
                    }
                }
            });
            // The outside thread drives each round with blockOn: remote wake-ups through the
            // injection queue, and thread parking for the reply.
            for (int i = 0; i < rounds; i++) {
                Oneshot.Channel<Integer> reply = Oneshot.channel();
                requests.sender().trySend(reply.sender());
                assertEquals(Integer.valueOf(i), rt.blockOn(Time.timeout(Duration.ofSeconds(10), reply.receiver())));
            }
            requests.sender().close();
            assertEquals(Integer.valueOf(rounds), rt.blockOn(server));
        }
    }
}
