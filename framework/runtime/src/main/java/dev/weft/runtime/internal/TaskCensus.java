package dev.weft.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One request for the live tasks of every worker, for a task dump. A worker's list of the tasks
 * it spawned ({@link LocalOwned}) has no lock and only the worker may walk it, so the dump does
 * not walk it: it publishes a census, wakes every worker, and each worker answers at its next
 * check-in (a maintenance tick or a wake-up from a park) with a copy of its unfinished tasks.
 * A worker stuck in a long poll cannot answer: the requester stops waiting after a deadline and
 * says which workers are missing.
 *
 * <p>Threads: any worker writes its own slot of {@link #lists} once, then counts down; the
 * requester reads the slots after the latch or the deadline. The array's volatile semantics order
 * a worker's copy before the requester's read.
 */
final class TaskCensus {
    private final AtomicReferenceArray<List<Task<?>>> lists;
    private final CountDownLatch pending;

    TaskCensus(int workers) {
        this.lists = new AtomicReferenceArray<>(workers);
        this.pending = new CountDownLatch(workers);
    }

    /** Worker {@code index} only, from its own thread: copies the unfinished tasks it owns. */
    void answer(int index, LocalOwned owned) {
        List<Task<?>> mine = new ArrayList<>();
        owned.collect(mine);
        lists.set(index, mine);
        pending.countDown();
    }

    /** Waits until every worker answered or {@code nanos} passed; true when all answered. */
    boolean await(long nanos) throws InterruptedException {
        return pending.await(nanos, TimeUnit.NANOSECONDS);
    }

    /** Worker {@code index}'s tasks, or null when it has not answered. */
    List<Task<?>> answerOf(int index) {
        return lists.get(index);
    }
}
