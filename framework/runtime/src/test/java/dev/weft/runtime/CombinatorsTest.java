package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.AsyncRuntimeTest.Gate;
import dev.weft.runtime.time.Time;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CombinatorsTest {
    private final AsyncRuntime rt = AsyncRuntime.currentThread();

    @AfterEach
    void close() {
        rt.close();
    }

    /** {@code v} after {@code ms}: a value that completes later, the input of these tests. */
    private static Async<Integer> after(int ms, int v) {
        return Time.sleep(Duration.ofMillis(ms)).map(x -> v);
    }

    @Test
    void mapFlatMapRecover() {
        assertEquals("3", rt.blockOn(Async.ready(1).map(x -> x + 2).map(String::valueOf)));
        assertEquals(Integer.valueOf(10), rt.blockOn(Async.ready(5).flatMap(x -> after(5, x * 2))));
        IllegalStateException boom = new IllegalStateException();
        Async<Integer> failing = Async.failed(boom);
        assertSame(boom, assertThrows(IllegalStateException.class, () -> rt.blockOn(failing)));
        assertEquals(Integer.valueOf(-1), rt.blockOn(failing.recover(e -> -1)));
        Async<Integer> checked = Async.failed(new IOException("x"));
        assertThrows(CompletionException.class, () -> rt.blockOn(checked));
        assertThrows(StackOverflowError.class, () -> rt.blockOn(Async.failed(new StackOverflowError()).recover(e -> 1)));
    }

    @Test
    void flatMapCancelCancelsActiveStage() {
        Gate<Integer> first = new Gate<>();
        Async<Integer> a = first.flatMap(x -> Async.ready(x));
        assertFalse(a.poll(() -> () -> { }).isReady());
        a.cancel();
        assertTrue(first.cancelled.get());
    }

    @Test
    void raceFirstWinsAndLosersCancelled() {
        Gate<Integer> slow = new Gate<>();
        assertEquals(Integer.valueOf(7), rt.blockOn(Async.race(slow, after(5, 7))));
        assertTrue(slow.cancelled.get());
    }

    @Test
    void selectReportsIndex() {
        // Only the third branch can complete. (A 10 ms timer beside a 1 ms one was not enough: on
        // a loaded machine both fired in the same turn and the earlier branch won, as it should.)
        Gate<Integer> slow = new Gate<>();
        Gate<Integer> slower = new Gate<>();
        Async.Selected<Integer> s = rt.blockOn(Async.select(slow, slower, after(1, 3)));
        assertEquals(2, s.index());
        assertEquals(Integer.valueOf(3), s.value());
        assertTrue(slow.cancelled.get());
        assertTrue(slower.cancelled.get());
    }

    @Test
    void selectFailureWinsToo() {
        Gate<Integer> slow = new Gate<>();
        assertThrows(IllegalArgumentException.class,
                () -> rt.blockOn(Async.race(slow, Async.failed(new IllegalArgumentException()))));
        assertTrue(slow.cancelled.get());
    }

    @Test
    void cancelInsideSelectCancelsBranches() {
        Gate<Integer> a = new Gate<>();
        Gate<Integer> b = new Gate<>();
        Async<Async.Selected<Integer>> s = Async.select(a, b);
        JoinHandle<Async.Selected<Integer>> h = rt.spawn(s);
        // Both branches polled and waiting, so the abort cancels a select that is under way.
        Waits.awaitIn(rt, CompletableFuture.allOf(a.waiting, b.waiting), "the select never waited on both branches");
        h.abort();
        assertThrows(CancelledException.class, () -> rt.blockOn(h));
        assertTrue(a.cancelled.get());
        assertTrue(b.cancelled.get());
    }

    @Test
    void selectOverTaskHandlesLoserIsDetachedNotAborted() {
        Gate<Integer> g = new Gate<>();
        JoinHandle<Integer> loser = rt.spawn(g);
        assertEquals(Integer.valueOf(1), rt.blockOn(Async.race(loser, Async.ready(1))));
        assertFalse(loser.isFinished());
        g.open(9);
        assertEquals(Integer.valueOf(9), rt.blockOn(loser));
    }

    @Test
    void joinWaitsForAll() {
        List<Integer> out = rt.blockOn(Async.join(after(10, 1), Async.ready(2), after(1, 3)));
        assertEquals(List.of(1, 2, 3), out);
        assertEquals(List.of(), rt.blockOn(Async.join(List.<Async<Integer>>of())));
    }

    @Test
    void joinReportsFirstFailureAfterAll() {
        Gate<Integer> g = new Gate<>();
        g.open(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.blockOn(Async.join(
                Async.failed(new IllegalStateException("first")), g,
                Async.failed(new IllegalArgumentException("second")))));
        assertEquals("first", e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertFalse(g.cancelled.get());
    }

    @Test
    void tryJoinFailFastCancelsRest() {
        Gate<Integer> g = new Gate<>();
        assertThrows(IllegalStateException.class, () -> rt.blockOn(Async.tryJoin(g,
                after(2, 0).map(x -> {
                    throw new IllegalStateException();
                }))));
        assertTrue(g.cancelled.get());
        assertEquals(List.of(1, 2), rt.blockOn(Async.tryJoin(after(1, 1), after(2, 2))));
    }

    @Test
    void joinCancelCancelsUnfinished() {
        Gate<Integer> a = new Gate<>();
        Gate<Integer> b = new Gate<>();
        b.open(1);
        Async<List<Integer>> j = Async.join(a, b);
        assertFalse(j.poll(() -> () -> { }).isReady());
        j.cancel();
        assertTrue(a.cancelled.get());
        assertFalse(b.cancelled.get());
    }

    @Test
    void neverAndYield() {
        assertEquals(Integer.valueOf(4), rt.blockOn(Async.race(Async.never(), Async.yieldNow().map(v -> 4))));
    }
}
