package dev.weft.runtime.internal;

/**
 * Poll durations of one worker in log-linear buckets (HdrHistogram's idea, at a coarse
 * precision): every power of two from {@value #MIN_EXP} to {@value #MAX_EXP} (256 ns to about
 * 17 s) is split into {@value #SUBS} equal sub-buckets, so a bucket's width is at most a quarter
 * of its lower bound. Durations under 256 ns share bucket 0, those of 2^34 ns and more the last.
 *
 * <p>Owner: the worker. It records with plain stores, no atomics and no fences: a poll already
 * costs two clock reads when timing is on, and an atomic increment would double that. Readers
 * ({@link #copyInto}) run on other threads and read racily: a count may be a few polls stale, and
 * {@link #sumNanos} may be read from a different moment than the counts. Each count only grows, so
 * a later copy is never below an earlier one's bucket by bucket, which is all rates and
 * percentiles over an interval need.
 */
public final class PollHistogram extends HeadPadding {
    /** Durations below 2^MIN_EXP ns land in bucket 0. */
    public static final int MIN_EXP = 8;
    /** Durations of 2^MAX_EXP ns or more land in the last bucket. */
    public static final int MAX_EXP = 34;
    /** Sub-buckets per power of two: a bucket is at most 25% wide. */
    public static final int SUBS = 4;
    private static final int SUB_BITS = 2;
    /** Number of buckets. */
    public static final int BUCKETS = (MAX_EXP - MIN_EXP) * SUBS + 2;

    private final long[] counts = new long[BUCKETS];
    private long sumNanos;

    /** Owner only. */
    void record(long nanos) {
        counts[bucketOf(nanos)]++;
        sumNanos += nanos;
    }

    /** The bucket a duration falls into. */
    public static int bucketOf(long nanos) {
        if (nanos < (1L << MIN_EXP)) {
            return 0;
        }
        int exp = 63 - Long.numberOfLeadingZeros(nanos);
        if (exp >= MAX_EXP) {
            return BUCKETS - 1;
        }
        int sub = (int) (nanos >>> (exp - SUB_BITS)) & (SUBS - 1);
        return 1 + (exp - MIN_EXP) * SUBS + sub;
    }

    /**
     * The exclusive upper bound of bucket {@code i} in nanoseconds ({@link Long#MAX_VALUE} for
     * the last): a duration {@code d} is in bucket {@code i} when {@code upper(i-1) <= d < upper(i)}.
     */
    public static long upperBoundNanos(int i) {
        if (i == 0) {
            return 1L << MIN_EXP;
        }
        if (i >= BUCKETS - 1) {
            return Long.MAX_VALUE;
        }
        int k = i - 1;
        int exp = MIN_EXP + k / SUBS;
        int sub = k % SUBS;
        return (1L << exp) + ((long) (sub + 1) << (exp - SUB_BITS));
    }

    /** Adds this worker's counts to {@code counts} (racy; see the class comment) and returns the sum. */
    public long copyInto(long[] into) {
        long[] c = counts;
        for (int i = 0; i < BUCKETS; i++) {
            into[i] += c[i];
        }
        return sumNanos;
    }
}
