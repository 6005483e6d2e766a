package dev.weft.runtime.internal;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The shared run queue for tasks scheduled from outside the workers (spawns and wake-ups from
 * other threads) and for local-queue overflow. Like Tokio's {@code inject}, it is an intrusive
 * linked list (through {@link Task#queueNext}, so pushes allocate nothing) under a short lock,
 * with an atomically published length so that workers can check emptiness without locking.
 * Batches (overflow pushes, batch pops into a local queue) take the lock once.
 */
public final class InjectionQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private Task<?> head;
    private Task<?> tail;
    private volatile int len;
    private boolean closed;

    public int len() {
        return len;
    }

    public boolean isEmpty() {
        return len == 0;
    }

    /** Pushes one task; returns false if the queue is closed (the runtime is shutting down). */
    public boolean push(Task<?> t) {
        t.queueNext = null;
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (tail == null) {
                head = t;
            } else {
                tail.queueNext = t;
            }
            tail = t;
            len = len + 1;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Pushes {@code n} tasks already linked from {@code first} to {@code last}. */
    public void pushBatch(Task<?> first, Task<?> last, int n) {
        last.queueNext = null;
        lock.lock();
        try {
            if (closed) {
                return; // shutdown cancels them through OwnedTasks
            }
            if (tail == null) {
                head = first;
            } else {
                tail.queueNext = first;
            }
            tail = last;
            len = len + n;
        } finally {
            lock.unlock();
        }
    }

    public Task<?> pop() {
        if (len == 0) {
            return null;
        }
        lock.lock();
        try {
            Task<?> t = head;
            if (t == null) {
                return null;
            }
            head = t.queueNext;
            if (head == null) {
                tail = null;
            }
            t.queueNext = null;
            len = len - 1;
            return t;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Pops up to {@code max} tasks: the first is returned to run, the rest are pushed into
     * {@code dst} (which must have room for {@code max - 1}).
     */
    public Task<?> popBatchInto(int max, LocalQueue dst) {
        if (len == 0 || max <= 0) {
            return null;
        }
        Task<?> first;
        Task<?> rest;
        int taken;
        lock.lock();
        try {
            first = head;
            if (first == null) {
                return null;
            }
            Task<?> cur = first;
            taken = 1;
            while (taken < max && cur.queueNext != null) {
                cur = cur.queueNext;
                taken++;
            }
            head = cur.queueNext;
            if (head == null) {
                tail = null;
            }
            cur.queueNext = null;
            len = len - taken;
            rest = first.queueNext;
        } finally {
            lock.unlock();
        }
        first.queueNext = null;
        if (rest != null) {
            dst.pushBatch(rest, taken - 1, this);
        }
        return first;
    }

    public void close() {
        lock.lock();
        try {
            closed = true;
            head = null;
            tail = null;
            len = 0;
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }
}
