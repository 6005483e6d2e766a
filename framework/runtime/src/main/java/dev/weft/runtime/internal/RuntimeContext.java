package dev.weft.runtime.internal;

/**
 * Which runtime the calling thread belongs to: a worker thread knows its runtime through its
 * type (no thread-local lookup on the hot path); a thread inside {@code blockOn}, or a virtual
 * thread running {@code spawnBlocking} work, carries it in a thread-local.
 */
public final class RuntimeContext {
    private static final ThreadLocal<RuntimeCore> ENTERED = new ThreadLocal<>();

    private RuntimeContext() {
    }

    /** The calling thread's runtime, or null. */
    public static RuntimeCore current() {
        if (Thread.currentThread() instanceof WorkerThread w) {
            return w.core();
        }
        return ENTERED.get();
    }

    /** The calling thread's runtime. */
    public static RuntimeCore currentOrThrow() {
        RuntimeCore c = current();
        if (c == null) {
            throw new IllegalStateException(
                    "not inside a Weft runtime: call this from a task, blockOn, or spawnBlocking");
        }
        return c;
    }

    /** Marks the calling thread as inside {@code core}; returns the previous value to restore. */
    public static RuntimeCore enter(RuntimeCore core) {
        RuntimeCore prev = ENTERED.get();
        ENTERED.set(core);
        return prev;
    }

    public static void exit(RuntimeCore prev) {
        if (prev == null) {
            ENTERED.remove();
        } else {
            ENTERED.set(prev);
        }
    }

    /** The driver a new handle should register with: the calling worker's own, if any. */
    static Driver driverForRegistration() {
        if (Thread.currentThread() instanceof WorkerThread w) {
            return w.driver();
        }
        return currentOrThrow().anyDriver();
    }

    /** The timer service of the calling thread's runtime. */
    public static TimeDriver timeDriver() {
        if (Thread.currentThread() instanceof WorkerThread w) {
            return w.core().time();
        }
        return currentOrThrow().time();
    }
}
