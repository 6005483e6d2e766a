package dev.weft.runtime.internal;

/**
 * 128 bytes in front of a subclass's own fields (a superclass's fields are laid out first).
 *
 * <p>Each worker writes its own {@link Worker}, {@link WorkerStats} and {@link LocalQueue} on every
 * poll. Where they were allocated they sit apart, but a garbage collection that promotes them
 * copies objects reachable from the same array one after another, and two workers' hot fields
 * then shared a cache line: {@code SchedulerBenchmark.pingPong} fell from 11k to 8k batches/s in
 * one run of six, from the moment of the copy on. With every such object padded at its head, two
 * of them can be adjacent in any order without sharing a line, or the neighbouring line that the
 * adjacent-line prefetcher pulls in with it.
 */
abstract class HeadPadding {
    @SuppressWarnings("unused")
    private long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}
