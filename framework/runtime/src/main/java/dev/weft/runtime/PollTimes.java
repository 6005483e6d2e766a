package dev.weft.runtime;

import dev.weft.runtime.internal.PollHistogram;
import java.util.Arrays;

/**
 * How long task polls took: a histogram over every worker, counted since the runtime started to
 * {@linkplain AsyncRuntime#pollTiming(boolean) time polls}. Buckets are log-linear, each at most
 * a quarter as wide as its lower bound, from 256 ns to about 17 s. Subtract an earlier snapshot
 * ({@link #minus}) to look at an interval.
 *
 * <pre>{@code
 * PollTimes before = runtime.metrics().pollTimes();
 * Thread.sleep(1000);
 * PollTimes lastSecond = runtime.metrics().pollTimes().minus(before);
 * long p99 = lastSecond.percentileNanos(0.99);
 * }</pre>
 */
public final class PollTimes {
    private static final PollTimes EMPTY = new PollTimes(new long[PollHistogram.BUCKETS], 0);

    private final long[] counts;
    private final long sumNanos;
    private final long count;

    PollTimes(long[] counts, long sumNanos) {
        this.counts = counts;
        this.sumNanos = sumNanos;
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        this.count = n;
    }

    static PollTimes empty() {
        return EMPTY;
    }

    /** Number of buckets. */
    public int buckets() {
        return counts.length;
    }

    /**
     * The exclusive upper bound of bucket {@code i} in nanoseconds; {@link Long#MAX_VALUE} for the
     * last bucket.
     */
    public long upperBoundNanos(int i) {
        return PollHistogram.upperBoundNanos(i);
    }

    /** Polls that fell in bucket {@code i}. */
    public long countAt(int i) {
        return counts[i];
    }

    /** Polls timed. */
    public long count() {
        return count;
    }

    /** Sum of the timed polls' durations, in nanoseconds. */
    public long sumNanos() {
        return sumNanos;
    }

    /**
     * The upper bound of the bucket holding the {@code q}-quantile (0 &lt; q &le; 1): an
     * over-estimate by at most the bucket's width; 0 when nothing was timed.
     */
    public long percentileNanos(double q) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("q must be in (0, 1]: " + q);
        }
        if (count == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * count);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i == counts.length - 1 ? PollHistogram.upperBoundNanos(i - 1) : PollHistogram.upperBoundNanos(i);
            }
        }
        return PollHistogram.upperBoundNanos(counts.length - 2);
    }

    /**
     * This snapshot less an earlier one: the polls in between. A bucket that reads lower than
     * before (the snapshots are racy reads of each worker's counts) counts as zero.
     */
    public PollTimes minus(PollTimes earlier) {
        long[] d = new long[counts.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.max(0, counts[i] - earlier.counts[i]);
        }
        return new PollTimes(d, Math.max(0, sumNanos - earlier.sumNanos));
    }

    @Override
    public String toString() {
        return "PollTimes[count=" + count + ", sum=" + sumNanos + "ns, p50=" + (count == 0 ? 0 : percentileNanos(0.5))
                + "ns, p99=" + (count == 0 ? 0 : percentileNanos(0.99)) + "ns, counts=" + Arrays.toString(counts) + "]";
    }
}
