package dev.weft.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Checking mode's ledger for one server: the pooled buffers its connections borrowed and returned,
 * which ones are out now (with the site that borrowed each), and every misuse seen. When the
 * server has shut down, every buffer must be back and no misuse recorded; {@link #problems()} says
 * what is not so. Kept only when {@link BufferChecks#ENABLED}; otherwise nothing is counted.
 */
public final class BufferAccount {
    private final String name;
    private final LongAdder lent = new LongAdder();
    private final LongAdder returned = new LongAdder();
    private final Set<PooledBuffer> out = ConcurrentHashMap.newKeySet();
    private final List<String> violations = new ArrayList<>();

    /** @param name what the account is for, in reports (a server's address, say) */
    public BufferAccount(String name) {
        this.name = name;
    }

    void lent(PooledBuffer b) {
        lent.increment();
        out.add(b);
    }

    void returned(PooledBuffer b) {
        returned.increment();
        out.remove(b);
    }

    void violation(String description) {
        synchronized (violations) {
            violations.add(description);
        }
    }

    /** Buffers lent and not returned. */
    public long outstanding() {
        return lent.sum() - returned.sum();
    }

    /**
     * Every misuse recorded, and every buffer still out with the site that borrowed it; empty
     * when all is well (or when checking mode is off). Meaningful once no connection is open.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        synchronized (violations) {
            problems.addAll(violations);
        }
        long outstanding = outstanding();
        if (outstanding != 0) {
            StringBuilder sb = new StringBuilder(name + ": " + outstanding + " pooled buffer(s) lent and never returned ("
                    + lent.sum() + " lent, " + returned.sum() + " returned)");
            for (PooledBuffer b : out) {
                sb.append('\n').append(b.site == null ? b.toString() : BufferChecks.describe(b.site));
            }
            problems.add(sb.toString());
        }
        return problems;
    }
}
