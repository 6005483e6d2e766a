package dev.weft.runtime.internal;

import java.util.List;

/**
 * The tasks spawned by one worker, for shutdown to cancel the idle ones. Only the owning worker
 * mutates it, so it needs no lock: cheaper than the shared {@link OwnedTasks}, whose lock on
 * every spawn and completion was a quarter of the spawn path in profiles.
 *
 * <p>A doubly linked list through the tasks themselves. A task that completes on its owner
 * unlinks itself in O(1); one that completes on another worker (it was stolen) cannot touch the
 * list and stays in it, finished, until the owner sweeps: when the list has grown to four times
 * its live size at the last sweep (at least {@value #SWEEP_SLACK}), or when the owner parks.
 * Retained finished tasks are thus bounded, and the sweep's walk is amortised over the spawns.
 *
 * <p>The owner replaces this object with a {@link #renewed} copy every few ticks so that the
 * {@code head} it writes on every spawn stays in a young object (see {@link Worker.Slots}).
 */
final class LocalOwned {
    /** Minimum growth between sweeps (amortises the walk). */
    static final int SWEEP_SLACK = 1024;

    private final int ownerTag;
    private Task<?> head;
    private int size;
    private int sweepAt = SWEEP_SLACK;

    /** @param workerIndex the owner's index, stored in each task so completion can tell */
    LocalOwned(int workerIndex) {
        this.ownerTag = tagFor(workerIndex);
    }

    private LocalOwned(LocalOwned from) {
        this.ownerTag = from.ownerTag;
        this.head = from.head;
        this.size = from.size;
        this.sweepAt = from.sweepAt;
    }

    /** A fresh copy of this list (the same tasks); the owner drops this one. */
    LocalOwned renewed() {
        return new LocalOwned(this);
    }

    /** Tags are negative (shard indices of {@link OwnedTasks} are not) and never -1 (untracked). */
    static int tagFor(int workerIndex) {
        return -2 - workerIndex;
    }

    void bind(Task<?> t) {
        t.ownedShard = ownerTag;
        t.ownedPrev = null;
        t.ownedNext = head;
        if (head != null) {
            head.ownedPrev = t;
        }
        head = t;
        if (++size >= sweepAt) {
            sweep();
        }
    }

    /** Owner only: unlinks a task that completed on this worker. */
    void unlink(Task<?> t) {
        Task<?> p = t.ownedPrev;
        Task<?> n = t.ownedNext;
        if (p == null) {
            if (head != t) {
                return; // already swept out
            }
            head = n;
        } else {
            p.ownedNext = n;
        }
        if (n != null) {
            n.ownedPrev = p;
        }
        t.ownedPrev = null;
        t.ownedNext = null;
        size--;
    }

    boolean owns(Task<?> t) {
        return t.ownedShard == ownerTag;
    }

    /** Unlinks finished tasks (those that completed on other workers). */
    void sweep() {
        Task<?> cur = head;
        int n = 0;
        while (cur != null) {
            Task<?> next = cur.ownedNext;
            if (cur.isFinished()) {
                unlink(cur);
            } else {
                n++;
            }
            cur = next;
        }
        size = n;
        sweepAt = Math.max(SWEEP_SLACK, 4 * n);
    }

    /** Whether a park-time sweep would free something worth the walk. */
    boolean worthSweeping() {
        return size > SWEEP_SLACK / 2;
    }

    /**
     * Adds the unfinished tasks to {@code out}: by the owner (a {@link TaskCensus}), or by
     * another thread only after the owner stopped (shutdown).
     */
    void collect(List<Task<?>> out) {
        for (Task<?> t = head; t != null; t = t.ownedNext) {
            if (!t.isFinished()) {
                out.add(t);
            }
        }
    }
}
