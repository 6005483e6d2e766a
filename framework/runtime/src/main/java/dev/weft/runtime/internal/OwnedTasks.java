package dev.weft.runtime.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Every live task of a runtime, so that shutdown can cancel the ones that are idle (waiting on a
 * waker and therefore in no run queue). Like Tokio's {@code OwnedTasks}, it is a set of intrusive
 * doubly linked lists sharded by a per-spawn counter, each guarded by its own lock: insert and
 * remove are O(1) and allocation-free, and spawns on different workers rarely share a lock.
 */
public final class OwnedTasks {
    private final Shard[] shards;
    private final int mask;
    private volatile boolean closed;

    private static final class Shard {
        Task<?> head;
        int count;
    }

    public OwnedTasks(int workers) {
        int n = Integer.highestOneBit(Math.max(1, workers) * 4 - 1) << 1;
        shards = new Shard[n];
        for (int i = 0; i < n; i++) {
            shards[i] = new Shard();
        }
        mask = n - 1;
    }

    /**
     * Tracks a task. Returns false (and does not track it) once the runtime is closed; the caller
     * then cancels the task instead of scheduling it.
     */
    public boolean bind(Task<?> task, int hint) {
        Shard s = shards[hint & mask];
        synchronized (s) {
            if (closed) {
                return false;
            }
            task.ownedShard = hint & mask;
            Task<?> h = s.head;
            task.ownedNext = h;
            task.ownedPrev = null;
            if (h != null) {
                h.ownedPrev = task;
            }
            s.head = task;
            s.count++;
        }
        return true;
    }

    public void remove(Task<?> task) {
        int idx = task.ownedShard;
        if (idx < 0) {
            return;
        }
        Shard s = shards[idx];
        synchronized (s) {
            if (task.ownedShard < 0) {
                return;
            }
            Task<?> p = task.ownedPrev;
            Task<?> n = task.ownedNext;
            if (p == null) {
                s.head = n;
            } else {
                p.ownedNext = n;
            }
            if (n != null) {
                n.ownedPrev = p;
            }
            task.ownedPrev = null;
            task.ownedNext = null;
            task.ownedShard = -1;
            s.count--;
        }
    }

    /** Refuses further binds and returns a snapshot of the tasks still alive. */
    public List<Task<?>> closeAndSnapshot() {
        List<Task<?>> out = new ArrayList<>();
        for (Shard s : shards) {
            synchronized (s) {
                closed = true;
                for (Task<?> t = s.head; t != null; t = t.ownedNext) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** The tasks tracked now (each shard copied under its lock). */
    public List<Task<?>> snapshot() {
        List<Task<?>> out = new ArrayList<>();
        for (Shard s : shards) {
            synchronized (s) {
                for (Task<?> t = s.head; t != null; t = t.ownedNext) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Number of live tasks (a racy sum, for metrics). */
    public int size() {
        int n = 0;
        for (Shard s : shards) {
            synchronized (s) {
                n += s.count;
            }
        }
        return n;
    }
}
