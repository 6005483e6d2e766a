package dev.weft.runtime.internal;

import dev.weft.runtime.SlowPoll;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches for a poll that runs longer than a threshold (a handler that blocks its worker) and
 * logs, once per incident, the task's name and the worker thread's stack at that moment.
 *
 * <p>Workers pay two opaque stores per poll (a sequence number, odd while polling) and never read
 * the clock. A daemon thread samples the sequence every quarter threshold: a worker seen in the
 * same poll for {@value #SAMPLES} consecutive samples has been in it for at least three quarters
 * of the threshold and at most one more sample period beyond it.
 *
 * <p>A slow poll caught loading or initialising classes (a class loader defining a class, a
 * static initialiser, or the linking of an invokedynamic call site such as a lambda's, anywhere
 * on its stack) is a first use, not a handler blocking its worker:
 * the JVM does it once per class, and on a loaded machine Jackson's or the server's own first
 * classes take longer than the threshold. Those are logged at DEBUG and counted apart, so the
 * WARN, and the slow-poll count in the metrics, keep meaning "this code blocks".
 */
final class StallDetector implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.weft.runtime.SlowPoll");

    private final Worker[] workers;
    private final long thresholdNanos;
    static final int SAMPLES = 4;
    private final long[] lastSeq;
    private final int[] sameCount;
    private final long[] reported;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long reports;
    private volatile long firstUseReports;
    private volatile String lastReport;
    /** The last {@link SlowPoll#KEPT} incidents: written by this thread, read by any, under its own lock. */
    private final ArrayDeque<SlowPoll> incidents = new ArrayDeque<>(SlowPoll.KEPT);

    private StallDetector(String name, Worker[] workers, long thresholdNanos) {
        this.workers = workers;
        this.thresholdNanos = thresholdNanos;
        this.reported = new long[workers.length];
        this.lastSeq = new long[workers.length];
        this.sameCount = new int[workers.length];
        this.thread = Thread.ofPlatform().daemon().name(name.concat("-stall-detector")).unstarted(this);
    }

    static StallDetector start(String name, Worker[] workers, long thresholdNanos) {
        StallDetector d = new StallDetector(name, workers, thresholdNanos);
        d.thread.start();
        return d;
    }

    long reports() {
        return reports;
    }

    long firstUseReports() {
        return firstUseReports;
    }

    /**
     * True when the stack is loading or defining a class, running a static initialiser or linking
     * an invokedynamic call site (each happens once).
     */
    static boolean isFirstUse(StackTraceElement[] stack) {
        for (StackTraceElement e : stack) {
            String m = e.getMethodName();
            if (m.equals("<clinit>")) {
                return true;
            }
            String c = e.getClassName();
            if (c.equals("java.lang.invoke.MethodHandleNatives") && m.startsWith("link")) {
                return true;
            }
            if ((c.equals("java.lang.ClassLoader") || c.startsWith("jdk.internal.loader."))
                    && (m.startsWith("loadClass") || m.startsWith("defineClass") || m.startsWith("findClass"))) {
                return true;
            }
        }
        return false;
    }

    String lastReport() {
        return lastReport;
    }

    /** The kept incidents, oldest first. */
    List<SlowPoll> incidents() {
        synchronized (incidents) {
            return List.copyOf(incidents);
        }
    }

    private void keep(SlowPoll incident) {
        synchronized (incidents) {
            if (incidents.size() == SlowPoll.KEPT) {
                incidents.removeFirst();
            }
            incidents.addLast(incident);
        }
    }

    void stop() {
        stopped = true;
        thread.interrupt();
    }

    @Override
    public void run() {
        long sleepMs = Math.max(1, thresholdNanos / (SAMPLES * 1_000_000L));
        long[] since = new long[workers.length];
        while (!stopped) {
            try {
                Thread.sleep(sleepMs);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (int i = 0; i < workers.length; i++) {
                Worker w = workers[i];
                long seq = w.pollSeq();
                if ((seq & 1) == 0 || seq != lastSeq[i]) {
                    lastSeq[i] = seq;
                    sameCount[i] = 0;
                    since[i] = now;
                    continue;
                }
                if (++sameCount[i] < SAMPLES || reported[i] == seq) {
                    continue;
                }
                long start = since[i] - sleepMs * 1_000_000L;
                reported[i] = seq; // once per incident: the same poll is not reported twice
                Task<?> t = w.currentTask();
                StackTraceElement[] stack = w.thread.getStackTrace();
                // A StringBuilder, not '+': a string concatenation spins hidden classes the first
                // time it runs, and a first report often comes during start-up (a poll that loads
                // classes on a loaded machine), which StartupClassesTest keeps lean.
                boolean firstUse = isFirstUse(stack);
                if (firstUse && !LOG.isDebugEnabled()) {
                    firstUseReports = firstUseReports + 1; // single writer: this thread
                    continue;
                }
                StringBuilder sb = new StringBuilder(256)
                        .append("poll of task ").append(t == null ? "?" : t.name())
                        .append(" on ").append(w.thread.getName())
                        .append(" has been running for ").append((now - start) / 1_000_000L)
                        .append(" ms (threshold ").append(thresholdNanos / 1_000_000L)
                        .append(firstUse ? " ms) loading or initialising classes: a first use, not a blocked worker"
                                : " ms): it is blocking the worker");
                for (StackTraceElement e : stack) {
                    sb.append("\n\tat ").append(e);
                }
                String report = sb.toString();
                if (firstUse) {
                    firstUseReports = firstUseReports + 1; // single writer: this thread
                    LOG.debug(report);
                    continue;
                }
                keep(new SlowPoll(Instant.now(), w.thread.getName(), t == null ? "?" : t.name(),
                        (now - start) / 1_000_000L, Arrays.asList(stack)));
                lastReport = report;
                reports = reports + 1; // single writer: this thread
                LOG.warn(report);
            }
        }
    }
}
