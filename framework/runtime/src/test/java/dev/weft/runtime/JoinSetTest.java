package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.AsyncRuntimeTest.Gate;
import dev.weft.runtime.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class JoinSetTest {
    private final AsyncRuntime rt = AsyncRuntime.builder().workers(2).build();

    @AfterEach
    void close() {
        rt.close();
    }

    @Test
    void joinNextInCompletionOrder() {
        JoinSet<Integer> set = new JoinSet<>(rt);
        // The tasks finish in an order unlike the order of spawning, set by opening their gates
        // (timers set it only as long as every task is polled before the first one is due).
        Gate<Integer> third = new Gate<>();
        Gate<Integer> first = new Gate<>();
        Gate<Integer> second = new Gate<>();
        set.spawn(third);
        set.spawn(first);
        set.spawn(second);
        Waits.awaitIn(rt, CompletableFuture.allOf(third.waiting, first.waiting, second.waiting),
                "the tasks never waited on their gates");
        List<Integer> got = new ArrayList<>();
        first.open(1);
        got.add(rt.blockOn(set.joinNext()));
        second.open(2);
        got.add(rt.blockOn(set.joinNext()));
        third.open(3);
        got.add(rt.blockOn(set.joinNext()));
        assertEquals(List.of(1, 2, 3), got);
        assertNull(rt.blockOn(set.joinNext()));
        assertTrue(set.isEmpty());
    }

    @Test
    void closeAbortsAll() {
        Gate<Integer> a = new Gate<>();
        Gate<Integer> b = new Gate<>();
        JoinSet<Integer> set = new JoinSet<>(rt);
        JoinHandle<Integer> ha = set.spawn(a);
        JoinHandle<Integer> hb = set.spawn(b);
        // Both waiting, so close aborts tasks under way rather than ones yet to start.
        Waits.awaitIn(rt, CompletableFuture.allOf(a.waiting, b.waiting), "the tasks never waited on their gates");
        set.close();
        assertThrows(CancelledException.class, () -> rt.blockOn(ha));
        assertThrows(CancelledException.class, () -> rt.blockOn(hb));
        assertTrue(a.cancelled.get() && b.cancelled.get());
        assertThrows(IllegalStateException.class, () -> set.spawn(Async.ready(1)));
        assertThrows(CancelledException.class, () -> rt.blockOn(set.joinNext()));
    }

    @Test
    void failureSurfacesFromJoinNext() {
        JoinSet<Integer> set = new JoinSet<>(rt);
        set.spawn(Async.failed(new IllegalStateException("x")));
        assertThrows(TaskFailedException.class, () -> rt.blockOn(set.joinNext()));
        assertNull(rt.blockOn(set.joinNext()));
    }

    @Test
    void cancellationTokenTree() {
        CancellationToken root = new CancellationToken();
        CancellationToken child = root.child();
        CancellationToken grandChild = child.child();
        CancellationToken sibling = root.child();
        // Once the task waits on the grandchild, only a cancelled grandchild can finish it.
        JoinHandle<Void> waiting = Waits.spawnWaiting(rt, grandChild.cancelled(),
                "the task never waited on the grandchild token");
        sibling.cancel();
        assertFalse(root.isCancelled());
        assertTrue(sibling.isCancelled());
        assertFalse(waiting.isFinished());
        root.cancel();
        rt.blockOn(waiting);
        assertTrue(child.isCancelled() && grandChild.isCancelled());
        assertTrue(root.child().isCancelled());
    }

    @Test
    void runUntilCancelledCancelsBody() {
        CancellationToken t = new CancellationToken();
        Gate<Integer> body = new Gate<>();
        // Waiting on both the body and the token, so the cancel stops a body under way.
        JoinHandle<Integer> h = Waits.spawnWaiting(rt, t.runUntilCancelled(body),
                "the task never waited on its body and the token");
        t.cancel();
        // A task that ends by throwing CancelledException reports as cancelled, not failed.
        assertThrows(CancelledException.class, () -> rt.blockOn(h));
        assertTrue(body.cancelled.get());
    }
}
