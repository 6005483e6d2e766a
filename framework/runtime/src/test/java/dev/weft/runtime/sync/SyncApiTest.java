package dev.weft.runtime.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.Context;
import dev.weft.runtime.JoinHandle;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The remaining public operations of the sync package, one by one. */
@Timeout(30)
class SyncApiTest {
    private final AsyncRuntime rt = AsyncRuntime.currentThread();
    private static final Context NOOP = () -> () -> { };

    @AfterEach
    void close() {
        rt.close();
    }

    @Test
    void semaphoreWithPermitsReleasesOnFailure() {
        Semaphore sem = new Semaphore(5);
        assertThrows(IllegalStateException.class, () -> rt.blockOn(sem.withPermits(3, () -> {
            assertEquals(2, sem.availablePermits());
            return Async.failed(new IllegalStateException());
        })));
        assertEquals(5, sem.availablePermits());
        assertThrows(IllegalArgumentException.class, () -> sem.acquire(0));
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        Semaphore.Permit p = rt.blockOn(sem.acquire());
        assertEquals(1, p.count());
        p.close();
        p.release(); // idempotent
        assertEquals(5, sem.availablePermits());
        assertFalse(sem.isClosed());
        sem.close();
        assertTrue(sem.isClosed());
        assertThrows(ClosedException.class, () -> rt.blockOn(sem.acquire()));
    }

    @Test
    void mutexLockStateAndGuardSet() {
        Mutex<String> m = new Mutex<>("a");
        assertFalse(m.isLocked());
        try (Mutex.Guard<String> g = rt.blockOn(m.lock())) {
            assertTrue(m.isLocked());
            assertNull(m.tryLock());
            g.set("b");
        }
        assertFalse(m.isLocked());
        assertEquals("b", rt.blockOn(m.withLock(g -> Async.ready(g.get()))));
    }

    @Test
    void rwLockWithReadAndWrite() {
        RwLock<Integer> l = new RwLock<>(1);
        rt.blockOn(l.withWrite(g -> {
            assertTrue(g.isExclusive());
            g.set(g.get() + 1);
            return Async.ready(null);
        }));
        assertEquals(Integer.valueOf(2), rt.blockOn(l.withRead(g -> Async.ready(g.get()))));
    }

    @Test
    void watchCopyAndSenderBorrow() {
        Watch.Channel<Integer> ch = Watch.channel(1);
        Watch.Receiver<Integer> copy = ch.receiver().copy();
        ch.sender().send(2);
        assertEquals(Integer.valueOf(2), ch.sender().borrow());
        assertTrue(copy.hasChanged());
        rt.blockOn(copy.changed());
        assertFalse(copy.hasChanged());
        Async<Void> waiting = copy.changed();
        assertFalse(waiting.poll(NOOP).isReady());
        waiting.cancel();
    }

    @Test
    void broadcastCopyCloseAndUnsubscribe() {
        Broadcast.Channel<String> ch = Broadcast.channel(2);
        Broadcast.Sender<String> tx2 = ch.sender().copy();
        ch.sender().close();
        assertEquals(1, tx2.send("x"));
        assertEquals("x", rt.blockOn(ch.receiver().recv()));
        ch.receiver().close();
        assertEquals(0, tx2.send("dropped"));
        assertThrows(ClosedException.class, () -> rt.blockOn(ch.receiver().recv()));
        Broadcast.Receiver<String> r = tx2.subscribe();
        Async<String> pending = r.recv();
        assertFalse(pending.poll(NOOP).isReady());
        pending.cancel();
        tx2.close();
        assertThrows(ClosedException.class, () -> rt.blockOn(r.recv()));
    }

    @Test
    void mpscRecvCancelAndSenderCopyLifetime() {
        Mpsc.Channel<Integer> ch = Mpsc.unbounded();
        Mpsc.Sender<Integer> second = ch.sender().copy();
        Async<Integer> recv = ch.receiver().recv();
        assertFalse(recv.poll(NOOP).isReady());
        recv.cancel();
        ch.sender().close();
        ch.sender().close(); // idempotent
        assertFalse(second.isClosed());
        assertTrue(second.trySend(7));
        assertEquals(Integer.valueOf(7), rt.blockOn(ch.receiver().recv()));
        second.close();
        assertNull(rt.blockOn(ch.receiver().recv()));
        assertThrows(IllegalStateException.class, second::copy);
        assertThrows(IllegalArgumentException.class, () -> Mpsc.bounded(0));
    }

    @Test
    void oneshotTryRecvAndReceiverClose() {
        Oneshot.Channel<Integer> ch = Oneshot.channel();
        assertNull(ch.receiver().tryRecv());
        ch.sender().send(3);
        assertEquals(Integer.valueOf(3), ch.receiver().tryRecv());
        Oneshot.Channel<Integer> ch2 = Oneshot.channel();
        ch2.receiver().close();
        assertThrows(ClosedException.class, () -> rt.blockOn(ch2.receiver()));
        assertTrue(rt.blockOn(Async.join(List.of(ch2.sender().closed()))).size() == 1);
    }

    @Test
    void notifyAcrossRuntime() {
        Notify n = new Notify();
        JoinHandle<Void> h = rt.spawn(n.notified());
        rt.blockOn(Async.yieldNow());
        n.notifyOne();
        rt.blockOn(h);
        assertTrue(h.isFinished());
    }
}
