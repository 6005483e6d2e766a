package dev.weft.metrics.internal;

import java.util.function.Supplier;

/**
 * A snapshot shared by the meters of one scrape: a registry reads each meter on its own, and
 * taking a fresh snapshot of the runtime (or of every connection) per meter would cost more and
 * mix numbers from different moments. A snapshot younger than {@link #MAX_AGE_NANOS} is reused.
 *
 * <p>Thread-safe: scrapes may run on any thread, one at a time through this object's lock.
 *
 * @param <T> the snapshot's type
 */
public final class Sampled<T> {
    /** Far shorter than any scrape interval, far longer than one scrape. */
    static final long MAX_AGE_NANOS = 100_000_000L;

    private final Supplier<T> source;
    private T last;
    private long takenNanos;

    /** @param source takes a snapshot */
    public Sampled(Supplier<T> source) {
        this.source = source;
    }

    /** The current snapshot, taken now unless a recent one exists. */
    public synchronized T get() {
        long now = System.nanoTime();
        if (last == null || now - takenNanos > MAX_AGE_NANOS) {
            last = source.get();
            takenNanos = now;
        }
        return last;
    }
}
