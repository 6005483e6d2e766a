package dev.weft.runtime.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches for a poll that runs longer than a threshold (a handler that blocks its worker) and
 * logs, once per incident, the task's name and the worker thread's stack at that moment. A daemon
 * thread samples each worker's "poll started at" stamp every half threshold; the workers pay one
 * opaque store per poll.
 */
final class StallDetector implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.weft.runtime.SlowPoll");

    private final Worker[] workers;
    private final long thresholdNanos;
    private final long[] reported;
    private final Thread thread;
    private volatile boolean stopped;

    private StallDetector(String name, Worker[] workers, long thresholdNanos) {
        this.workers = workers;
        this.thresholdNanos = thresholdNanos;
        this.reported = new long[workers.length];
        this.thread = Thread.ofPlatform().daemon().name(name + "-stall-detector").unstarted(this);
    }

    static StallDetector start(String name, Worker[] workers, long thresholdNanos) {
        StallDetector d = new StallDetector(name, workers, thresholdNanos);
        d.thread.start();
        return d;
    }

    void stop() {
        stopped = true;
        thread.interrupt();
    }

    @Override
    public void run() {
        long sleepMs = Math.max(1, thresholdNanos / 2_000_000L);
        while (!stopped) {
            try {
                Thread.sleep(sleepMs);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (int i = 0; i < workers.length; i++) {
                Worker w = workers[i];
                long start = w.pollStartNanos();
                if (start == 0 || start == reported[i] || now - start < thresholdNanos) {
                    continue;
                }
                reported[i] = start; // once per incident: the same poll is not reported twice
                Task<?> t = w.current;
                StackTraceElement[] stack = w.thread.getStackTrace();
                StringBuilder sb = new StringBuilder();
                for (StackTraceElement e : stack) {
                    sb.append("\n\tat ").append(e);
                }
                LOG.warn("poll of task {} on {} has been running for {} ms (threshold {} ms): "
                                + "it is blocking the worker{}",
                        t == null ? "?" : t.name(), w.thread.getName(), (now - start) / 1_000_000L,
                        thresholdNanos / 1_000_000L, sb);
            }
        }
    }
}
