package dev.weft.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checking mode for {@link PooledBuffer}s, in the spirit of Netty's {@code PARANOID} leak
 * detector: on when the system property {@code weft.buffers.check} is {@code true} (the build sets
 * it for every test run), off in production. When on, every lend and return is counted, process
 * wide and per server ({@link BufferAccount}), the site that borrowed each buffer is recorded, and
 * every misuse is kept for the reports.
 *
 * <p>A misuse always throws {@link IllegalStateException} where it happens (the connection that
 * hit it is closed, and the buffer is not returned twice); in checking mode it is also recorded,
 * with the site that borrowed the buffer, so that a test can fail on it even when the exception
 * was thrown on a worker thread.
 */
public final class BufferChecks {
    private static final Logger log = LoggerFactory.getLogger(BufferChecks.class);

    /** Checking mode, from the system property {@code weft.buffers.check}. */
    public static final boolean ENABLED = Boolean.getBoolean("weft.buffers.check");

    private static final LongAdder LENT = new LongAdder();
    private static final LongAdder RETURNED = new LongAdder();
    /** Checking mode: the buffers lent and not yet returned. */
    private static final Set<PooledBuffer> OUT = ConcurrentHashMap.newKeySet();
    private static final List<String> VIOLATIONS = new ArrayList<>();

    private BufferChecks() {
    }

    static void lent(PooledBuffer b) {
        if (ENABLED) {
            LENT.increment();
            OUT.add(b);
            if (b.account != null) {
                b.account.lent(b);
            }
        }
    }

    static void returned(PooledBuffer b) {
        if (ENABLED) {
            RETURNED.increment();
            OUT.remove(b);
            if (b.account != null) {
                b.account.returned(b);
            }
        }
    }

    /** Reports a misuse of {@code b}: recorded in checking mode, and thrown. */
    static void violation(String what, PooledBuffer b) {
        IllegalStateException e = new IllegalStateException(what + ": " + b);
        if (b.site != null) {
            e.addSuppressed(b.site);
        }
        if (ENABLED) {
            String description = describe(e);
            synchronized (VIOLATIONS) {
                VIOLATIONS.add(description);
            }
            if (b.account != null) {
                b.account.violation(description);
            }
        }
        throw e; // the connection that hit it logs it and closes
    }

    /** Checking mode: records a leak found where it happened (a connection closed still holding a buffer). */
    static void leak(String what, BufferAccount account) {
        IllegalStateException e = new IllegalStateException(what);
        String description = describe(e);
        synchronized (VIOLATIONS) {
            VIOLATIONS.add(description);
        }
        if (account != null) {
            account.violation(description);
        }
        log.error("pooled buffer leak", e);
    }

    /** Buffers lent since the process started (counted in checking mode only). */
    public static long lent() {
        return LENT.sum();
    }

    /** Buffers returned since the process started (counted in checking mode only). */
    public static long returned() {
        return RETURNED.sum();
    }

    /**
     * What is wrong now: every recorded misuse, and (in checking mode) every buffer that is out,
     * with the site that borrowed it; empty when all is well. Call it when no server is running
     * (buffers are legitimately out while connections are open).
     */
    public static List<String> problems() {
        List<String> problems = new ArrayList<>();
        synchronized (VIOLATIONS) {
            problems.addAll(VIOLATIONS);
        }
        long out = lent() - returned();
        if (out != 0) {
            StringBuilder sb = new StringBuilder(out + " pooled buffer(s) lent and never returned ("
                    + lent() + " lent, " + returned() + " returned)");
            for (PooledBuffer b : OUT) {
                sb.append('\n').append(b.site == null ? b.toString() : describe(b.site));
            }
            problems.add(sb.toString());
        }
        return problems;
    }

    /** Forgets the recorded misuses (the counters keep counting), so one test's report does not repeat in the next. */
    public static void clearViolations() {
        synchronized (VIOLATIONS) {
            VIOLATIONS.clear();
        }
    }

    static String describe(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
