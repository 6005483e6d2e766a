package dev.weft.runtime.internal;

import java.util.List;

/**
 * The tasks spawned by one worker, for shutdown to cancel the idle ones. Only the owning worker
 * touches it while running, so binding is two plain stores and no lock: cheaper than the shared
 * {@link OwnedTasks}, which costs a lock on spawn and on completion and was a quarter of the
 * spawn path in profiles.
 *
 * <p>Completed tasks are not unlinked when they complete (that would need synchronisation with
 * whichever worker completed them); the owner sweeps them out when the list has grown by
 * {@value #SWEEP_SLACK} entries since the last sweep, or when it parks. Each sweep is linear in
 * the list, and lists quadruple between sweeps, so the cost per spawn stays constant; garbage kept
 * alive is bounded by the live tasks plus the slack.
 */
final class LocalOwned {
    /** Entries added between sweeps before a spawn sweeps (amortises the walk). */
    static final int SWEEP_SLACK = 1024;

    private Task<?> head;
    private int size;
    private int sweepAt = SWEEP_SLACK;

    void bind(Task<?> t) {
        t.ownedNext = head;
        head = t;
        if (++size >= sweepAt) {
            sweep();
        }
    }

    /** Unlinks completed tasks. */
    void sweep() {
        Task<?> prev = null;
        Task<?> cur = head;
        int n = 0;
        while (cur != null) {
            Task<?> next = cur.ownedNext;
            if (cur.isFinished()) {
                if (prev == null) {
                    head = next;
                } else {
                    prev.ownedNext = next;
                }
                cur.ownedNext = null;
            } else {
                prev = cur;
                n++;
            }
            cur = next;
        }
        size = n;
        // Quadruple rather than double: a sweep during a spawn burst mostly walks tasks that have
        // not run yet (cache misses for nothing); 4x keeps the amortised walk near one visit
        // per spawn while bounding retained finished tasks to three times the live ones.
        sweepAt = Math.max(SWEEP_SLACK, 4 * n);
    }

    /** Whether a park-time sweep would free something worth the walk. */
    boolean worthSweeping() {
        return size > SWEEP_SLACK / 2;
    }

    /** Adds the unfinished tasks to {@code out}; only after the owner stopped. */
    void collect(List<Task<?>> out) {
        for (Task<?> t = head; t != null; t = t.ownedNext) {
            if (!t.isFinished()) {
                out.add(t);
            }
        }
    }
}
