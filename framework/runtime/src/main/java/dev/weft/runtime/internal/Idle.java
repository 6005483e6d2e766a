package dev.weft.runtime.internal;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which workers are parked and how many are searching for work: Tokio's {@code idle.rs}.
 *
 * <p>{@code state} packs {@code unparked << 16 | searching}. The rules that keep wake-ups cheap
 * and lossless:
 * <ul>
 *   <li>New work wakes a parked worker only if nobody is searching (a searcher will find it) and
 *       some worker is parked; the woken worker starts out searching, so a burst of spawns wakes
 *       workers one at a time rather than all at once.
 *   <li>At most half the workers search at once (stealing is contended work).
 *   <li>The last searcher to stop searching, whether because it found work or is parking, makes
 *       sure remaining work is not stranded: it notifies another worker (when it found a task) or
 *       re-checks every queue (when it parks).
 * </ul>
 * The check-then-notify pairs with the park-then-check through a full fence on both sides, the
 * Dekker pattern Tokio gets from {@code fetch_add(0, SeqCst)}.
 */
public final class Idle {
    private static final int UNPARK_SHIFT = 16;
    private static final int SEARCH_MASK = (1 << UNPARK_SHIFT) - 1;

    private final AtomicInteger state;
    private final int numWorkers;
    private final Object lock = new Object();
    private final int[] sleepers;
    private int numSleepers;

    public Idle(int numWorkers) {
        this.numWorkers = numWorkers;
        this.state = new AtomicInteger(numWorkers << UNPARK_SHIFT);
        this.sleepers = new int[numWorkers];
    }

    static int searching(int s) {
        return s & SEARCH_MASK;
    }

    static int unparked(int s) {
        return s >>> UNPARK_SHIFT;
    }

    private boolean notifyShouldWakeup() {
        VarHandle.fullFence();
        int s = state.get();
        return searching(s) == 0 && unparked(s) < numWorkers;
    }

    /** The index of a parked worker to wake for new work, or -1 if none should be woken. */
    public int workerToNotify() {
        if (!notifyShouldWakeup()) {
            return -1;
        }
        return pickSleeper();
    }

    /**
     * Like {@link #workerToNotify()} but without the full fence, for work a running worker pushed
     * to its own local queue. There the notification only buys parallelism, never liveness: the
     * pushing worker will run the task itself if nobody steals it. Missing a wake-up in the rare
     * store-load race is cheaper than a fence on every push (which profiles put at 15% of a
     * spawn). Work pushed to the injection queue keeps the fenced check.
     */
    public int workerToNotifyLocal() {
        int s = state.get();
        if (searching(s) != 0 || unparked(s) >= numWorkers) {
            return -1;
        }
        return pickSleeper();
    }

    private int pickSleeper() {
        synchronized (lock) {
            if (!notifyShouldWakeup() || numSleepers == 0) {
                return -1;
            }
            // The woken worker is unparked and searching from this moment.
            state.addAndGet((1 << UNPARK_SHIFT) + 1);
            return sleepers[--numSleepers];
        }
    }

    /** Returns true if this worker was the last searcher (it must then re-check for work). */
    public boolean transitionWorkerToParked(int worker, boolean isSearching) {
        synchronized (lock) {
            int dec = (1 << UNPARK_SHIFT) + (isSearching ? 1 : 0);
            int prev = state.getAndAdd(-dec);
            sleepers[numSleepers++] = worker;
            return isSearching && searching(prev) == 1;
        }
    }

    /** Tries to become a searcher; refused when half the workers are already searching. */
    public boolean transitionWorkerToSearching() {
        int s = state.get();
        if (2 * searching(s) >= numWorkers) {
            return false;
        }
        state.getAndIncrement();
        return true;
    }

    /** Stops searching; returns true if this was the last searcher. */
    public boolean transitionWorkerFromSearching() {
        int prev = state.getAndDecrement();
        return searching(prev) == 1;
    }

    /** Removes a worker from the sleepers (it woke on its own); true if it was there. */
    public boolean unparkWorkerById(int worker) {
        synchronized (lock) {
            for (int i = 0; i < numSleepers; i++) {
                if (sleepers[i] == worker) {
                    sleepers[i] = sleepers[--numSleepers];
                    state.addAndGet(1 << UNPARK_SHIFT);
                    return true;
                }
            }
            return false;
        }
    }

    public boolean isParked(int worker) {
        synchronized (lock) {
            for (int i = 0; i < numSleepers; i++) {
                if (sleepers[i] == worker) {
                    return true;
                }
            }
            return false;
        }
    }

    public int numSearching() {
        return searching(state.get());
    }

    public int numUnparked() {
        return unparked(state.get());
    }
}
