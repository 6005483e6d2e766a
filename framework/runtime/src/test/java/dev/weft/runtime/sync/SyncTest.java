package dev.weft.runtime.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.CancelledException;
import dev.weft.runtime.Context;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waits;
import dev.weft.runtime.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SyncTest {
    private final AsyncRuntime rt = AsyncRuntime.builder().workers(2).build();

    @AfterEach
    void close() {
        rt.close();
    }

    private static final Context NOOP = () -> () -> { };

    // ---- Semaphore ----------------------------------------------------------------------------

    @Test
    void semaphoreLimitsConcurrency() {
        Semaphore sem = new Semaphore(3);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        List<JoinHandle<Void>> hs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            hs.add(rt.spawn(sem.withPermit(() -> {
                max.accumulateAndGet(inside.incrementAndGet(), Math::max);
                // Holding the permit across a timer is the input: the tasks overlap and contend.
                return Time.sleep(Duration.ofMillis(1)).map(v -> {
                    inside.decrementAndGet();
                    return null;
                });
            })));
        }
        rt.blockOn(Async.join(hs));
        assertTrue(max.get() <= 3 && max.get() >= 1, "max " + max.get());
        assertEquals(3, sem.availablePermits());
    }

    @Test
    void semaphoreIsFifoForLargeRequests() {
        Semaphore sem = new Semaphore(2);
        Semaphore.Permit held = sem.tryAcquire(2);
        Async<Semaphore.Permit> big = sem.acquire(2);
        assertFalse(big.poll(NOOP).isReady());
        // a later small request must not overtake the queued big one
        assertNull(sem.tryAcquire(1));
        Async<Semaphore.Permit> small = sem.acquire(1);
        assertFalse(small.poll(NOOP).isReady());
        held.release();
        assertTrue(big.poll(NOOP).isReady());
        assertFalse(small.poll(NOOP).isReady());
    }

    @Test
    void cancelledWaiterReleasesAssignedPermits() {
        Semaphore sem = new Semaphore(3);
        Semaphore.Permit a = sem.tryAcquire(2);
        Async<Semaphore.Permit> wantsThree = sem.acquire(3);
        assertFalse(wantsThree.poll(NOOP).isReady()); // takes the 1 free permit as a partial
        assertEquals(0, sem.availablePermits());
        wantsThree.cancel();
        assertEquals(1, sem.availablePermits());
        a.release();
        assertEquals(3, sem.availablePermits());
    }

    @Test
    void cancelledAfterGrantReturnsPermits() {
        Semaphore sem = new Semaphore(1);
        Semaphore.Permit p = sem.tryAcquire(1);
        Async<Semaphore.Permit> w = sem.acquire(1);
        assertFalse(w.poll(NOOP).isReady());
        p.release(); // granted to w, which has not polled yet
        w.cancel();
        assertEquals(1, sem.availablePermits());
    }

    @Test
    void holderAbortedReleasesPermit() {
        Semaphore sem = new Semaphore(1);
        // Waiting inside its body, which it entered holding the permit.
        JoinHandle<Object> holder = Waits.spawnWaiting(rt, sem.withPermit(Async::never),
                "the holder never took the permit");
        assertEquals(0, sem.availablePermits());
        holder.abort();
        assertThrows(CancelledException.class, () -> rt.blockOn(holder));
        assertEquals(1, sem.availablePermits());
    }

    @Test
    void closedSemaphoreFailsWaiters() {
        Semaphore sem = new Semaphore(0);
        // Queued, so the close must wake and fail it (an acquire after the close fails anyway).
        JoinHandle<Semaphore.Permit> w = Waits.spawnWaiting(rt, sem.acquire(1), "the acquire never queued");
        sem.close();
        assertThrows(dev.weft.runtime.TaskFailedException.class, () -> rt.blockOn(w));
        assertThrows(ClosedException.class, () -> sem.tryAcquire(1));
    }

    // ---- Mutex / RwLock -----------------------------------------------------------------------

    @Test
    void mutexCounterUnderContention() {
        Mutex<int[]> m = new Mutex<>(new int[1]);
        List<JoinHandle<Void>> hs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            hs.add(rt.spawn(m.withLock(g -> {
                int v = g.get()[0];
                return Async.yieldNow().map(x -> {
                    g.get()[0] = v + 1; // lost updates would show if two held the lock
                    return null;
                });
            })));
        }
        rt.blockOn(Async.join(hs));
        assertEquals(200, rt.blockOn(m.lock()).get()[0]);
    }

    @Test
    void mutexIsFairAndReleasedOnCancel() {
        Mutex<List<Integer>> m = new Mutex<>(new ArrayList<>());
        Mutex.Guard<List<Integer>> g = m.tryLock();
        List<JoinHandle<Void>> hs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int k = i;
            // Each queued before the next is spawned, so the queue's order is 0 to 4.
            hs.add(Waits.spawnWaiting(rt, m.withLock(x -> {
                x.get().add(k);
                return Async.ready(null);
            }), "waiter " + k + " never queued for the lock"));
        }
        // Queued behind them, so its abort must take it out of the queue.
        JoinHandle<Void> canceller = Waits.spawnWaiting(rt, m.withLock(x -> Async.never()),
                "the last waiter never queued");
        canceller.abort();
        g.release();
        rt.blockOn(Async.join(hs));
        assertEquals(List.of(0, 1, 2, 3, 4), rt.blockOn(m.lock()).get());
        assertThrows(CancelledException.class, () -> rt.blockOn(canceller));
    }

    @Test
    void rwLockReadersShareWritersExclude() {
        RwLock<Integer> l = new RwLock<>(0);
        RwLock.Guard<Integer> r1 = rt.blockOn(l.read());
        RwLock.Guard<Integer> r2 = rt.blockOn(l.read());
        Async<RwLock.Guard<Integer>> w = l.write();
        assertFalse(w.poll(NOOP).isReady());
        Async<RwLock.Guard<Integer>> r3 = l.read();
        assertFalse(r3.poll(NOOP).isReady()); // queued behind the writer
        r1.release();
        r2.release();
        Poll<RwLock.Guard<Integer>> wp = w.poll(NOOP);
        assertTrue(wp.isReady());
        wp.value().set(5);
        assertThrows(IllegalStateException.class, () -> r1.get());
        wp.value().release();
        Poll<RwLock.Guard<Integer>> rp = r3.poll(NOOP);
        assertTrue(rp.isReady());
        assertEquals(5, rp.value().get());
        assertThrows(IllegalStateException.class, () -> rp.value().set(1));
    }

    // ---- Notify -------------------------------------------------------------------------------

    @Test
    void notifyOneStoresPermit() {
        Notify n = new Notify();
        n.notifyOne();
        assertTrue(n.notified().poll(NOOP).isReady());
        assertFalse(n.notified().poll(NOOP).isReady());
    }

    @Test
    void notifyWaitersWakesAllButStoresNothing() {
        Notify n = new Notify();
        List<JoinHandle<Void>> hs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // notifyWaiters stores nothing: only a task already waiting is woken.
            hs.add(Waits.spawnWaiting(rt, n.notified(), "waiter " + i + " never waited"));
        }
        n.notifyWaiters();
        rt.blockOn(Async.join(hs));
        assertFalse(n.notified().poll(NOOP).isReady());
    }

    @Test
    void cancelledNotifiedPassesNotificationOn() {
        Notify n = new Notify();
        Async<Void> a = n.notified();
        Async<Void> b = n.notified();
        assertFalse(a.poll(NOOP).isReady());
        assertFalse(b.poll(NOOP).isReady());
        n.notifyOne(); // chooses a
        a.cancel();    // a gives it to b
        assertTrue(b.poll(NOOP).isReady());
    }

    // ---- Oneshot ------------------------------------------------------------------------------

    @Test
    void oneshotSendReceive() {
        Oneshot.Channel<String> ch = Oneshot.channel();
        // Waiting, so the send has a receiver to wake.
        JoinHandle<String> r = Waits.spawnWaiting(rt, ch.receiver(), "the receiver never waited");
        assertTrue(ch.sender().send("v"));
        assertEquals("v", rt.blockOn(r));
        assertFalse(ch.sender().send("again"));
    }

    @Test
    void oneshotSenderClosedFailsReceiver() {
        Oneshot.Channel<String> ch = Oneshot.channel();
        ch.sender().close();
        assertThrows(ClosedException.class, () -> rt.blockOn(ch.receiver()));
    }

    @Test
    void oneshotReceiverCancelNotifiesSender() {
        Oneshot.Channel<String> ch = Oneshot.channel();
        // Both waiting: the abort cancels a receiver that waits, and that must wake the sender.
        JoinHandle<Void> closed = Waits.spawnWaiting(rt, ch.sender().closed(), "the sender never waited for the close");
        JoinHandle<String> r = Waits.spawnWaiting(rt, ch.receiver(), "the receiver never waited");
        r.abort();
        rt.blockOn(closed);
        assertTrue(ch.sender().isClosed());
        assertFalse(ch.sender().send("late"));
    }

    @Test
    void oneshotReceiverClosedAfterTheValueStillReadsIt() {
        Oneshot.Channel<String> ch = Oneshot.channel();
        assertTrue(ch.sender().send("v"));
        ch.receiver().close();
        assertTrue(ch.sender().isClosed());
        assertFalse(ch.sender().send("late"));
        assertEquals("v", ch.receiver().tryRecv());
        assertEquals("v", rt.blockOn(ch.receiver()));
    }

    @Test
    void oneshotReceiverClosedAfterTheSenderClosedStillReportsTheSendersClose() {
        Oneshot.Channel<String> ch = Oneshot.channel();
        ch.sender().close();
        ch.receiver().close();
        assertTrue(ch.sender().isClosed());
        ClosedException e = assertThrows(ClosedException.class, () -> rt.blockOn(ch.receiver()));
        assertTrue(e.getMessage().contains("sender closed"), e.getMessage());
    }

    // ---- Mpsc ---------------------------------------------------------------------------------

    @Test
    void boundedMpscBackpressureAndOrder() {
        Mpsc.Channel<Integer> ch = Mpsc.bounded(4);
        Mpsc.Sender<Integer> tx = ch.sender();
        for (int i = 0; i < 4; i++) {
            assertTrue(tx.trySend(i));
        }
        assertFalse(tx.trySend(99));
        Async<Void> blocked = tx.send(4);
        assertFalse(blocked.poll(NOOP).isReady());
        assertEquals(0, ch.receiver().tryRecv());
        assertTrue(blocked.poll(NOOP).isReady());
        List<Integer> got = new ArrayList<>();
        Integer v;
        while ((v = ch.receiver().tryRecv()) != null) {
            got.add(v);
        }
        assertEquals(List.of(1, 2, 3, 4), got);
    }

    @Test
    void mpscManyProducersEndOfStream() {
        Mpsc.Channel<Integer> ch = Mpsc.bounded(8);
        int producers = 4;
        int each = 500;
        for (int p = 0; p < producers; p++) {
            Mpsc.Sender<Integer> tx = p == 0 ? ch.sender() : ch.sender().copy();
            rt.spawn(new Async<Void>() {
                int i;
                Async<Void> pending;

                @Override
                public Poll<Void> poll(Context cx) {
                    while (i < each) {
                        if (pending == null) {
                            pending = tx.send(i);
                        }
                        if (!pending.poll(cx).isReady()) {
                            return Poll.pending();
                        }
                        pending = null;
                        i++;
                    }
                    tx.close();
                    return Poll.ready(null);
                }
            });
        }
        long sum = rt.blockOn(new Async<Long>() {
            long s;

            @Override
            public Poll<Long> poll(Context cx) {
                for (;;) {
                    Poll<Integer> p = ch.receiver().pollRecv(cx);
                    if (!p.isReady()) {
                        return Poll.pending();
                    }
                    if (p.value() == null) {
                        return Poll.ready(s);
                    }
                    s += p.value();
                }
            }
        });
        assertEquals((long) producers * each * (each - 1) / 2, sum);
    }

    @Test
    void mpscReceiverCloseFailsSenders() {
        Mpsc.Channel<Integer> ch = Mpsc.bounded(1);
        ch.sender().trySend(1);
        // Waiting for room in the full channel, so the close must wake and fail it.
        JoinHandle<Void> waiting = Waits.spawnWaiting(rt, ch.sender().send(2), "the send never waited for room");
        ch.receiver().close();
        assertThrows(dev.weft.runtime.TaskFailedException.class, () -> rt.blockOn(waiting));
        assertThrows(ClosedException.class, () -> ch.sender().trySend(3));
        assertEquals(1, ch.receiver().tryRecv());
    }

    @Test
    void unboundedMpsc() {
        Mpsc.Channel<String> ch = Mpsc.unbounded();
        for (int i = 0; i < 10_000; i++) {
            rt.blockOn(ch.sender().send("m"));
        }
        assertEquals(10_000, ch.receiver().size());
        ch.sender().close();
        int n = 0;
        while (rt.blockOn(ch.receiver().recv()) != null) {
            n++;
        }
        assertEquals(10_000, n);
    }

    // ---- Watch / Broadcast --------------------------------------------------------------------

    @Test
    void watchSeesLatest() {
        Watch.Channel<String> ch = Watch.channel("a");
        Watch.Receiver<String> rx = ch.receiver();
        assertEquals("a", rx.borrow());
        assertFalse(rx.hasChanged());
        // Waiting, so the sends must wake it.
        JoinHandle<String> next = Waits.spawnWaiting(rt, rx.changed().map(v -> rx.borrowAndUpdate()),
                "the receiver never waited");
        ch.sender().send("b");
        ch.sender().send("c");
        String got = rt.blockOn(next);
        assertTrue(got.equals("b") || got.equals("c"));
        Watch.Receiver<String> late = ch.sender().subscribe();
        assertFalse(late.hasChanged());
        ch.sender().close();
        assertThrows(ClosedException.class, () -> rt.blockOn(late.changed()));
    }

    @Test
    void broadcastEveryReceiverSeesEverything() {
        Broadcast.Channel<Integer> ch = Broadcast.channel(16);
        Broadcast.Receiver<Integer> r2 = ch.sender().subscribe();
        for (int i = 0; i < 10; i++) {
            assertEquals(2, ch.sender().send(i));
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(Integer.valueOf(i), rt.blockOn(ch.receiver().recv()));
            assertEquals(Integer.valueOf(i), rt.blockOn(r2.recv()));
        }
        ch.sender().close();
        assertThrows(ClosedException.class, () -> rt.blockOn(r2.recv()));
    }

    @Test
    void broadcastLagIsReported() {
        Broadcast.Channel<Integer> ch = Broadcast.channel(4);
        for (int i = 0; i < 10; i++) {
            ch.sender().send(i);
        }
        LaggedException e = assertThrows(LaggedException.class, () -> rt.blockOn(ch.receiver().recv()));
        assertEquals(6, e.missed());
        assertEquals(Integer.valueOf(6), rt.blockOn(ch.receiver().recv()));
    }

    @Test
    void broadcastWakesWaitingReceivers() {
        Broadcast.Channel<Integer> ch = Broadcast.channel(4);
        Broadcast.Receiver<Integer> r2 = ch.sender().subscribe();
        // Both waiting, so the send must wake them.
        JoinHandle<Integer> a = Waits.spawnWaiting(rt, ch.receiver().recv(), "the first receiver never waited");
        JoinHandle<Integer> b = Waits.spawnWaiting(rt, r2.recv(), "the second receiver never waited");
        ch.sender().send(7);
        assertEquals(List.of(7, 7), rt.blockOn(Async.join(a, b)));
    }
}
