package dev.weft.it.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What the soak's drivers did, counted across threads, and the first failures in full. */
public final class SoakTally {
    private static final int KEPT_FAILURES = 20;

    /** Exchanges whose response was compared and matched. */
    public final LongAdder exchanges = new LongAdder();
    /** Request body bytes sent in those exchanges. */
    public final LongAdder bytesSent = new LongAdder();
    /** Response body bytes received and compared. */
    public final LongAdder bytesReceived = new LongAdder();
    /** Exchanges a client broke off on purpose (mid-request or mid-response). */
    public final LongAdder abandoned = new LongAdder();
    /** Responses with fewer bytes than sent. */
    public final LongAdder lost = new LongAdder();
    /** Responses with the right length and wrong bytes (or more bytes than sent). */
    public final LongAdder corrupted = new LongAdder();
    /** Exchanges that got no answer in time. */
    public final LongAdder hung = new LongAdder();
    /** Anything else: a status other than 200, a broken connection nobody broke on purpose. */
    public final LongAdder errors = new LongAdder();
    private final AtomicLong seq = new AtomicLong();
    private final List<String> failures = new ArrayList<>();

    /** A process-wide sequence for naming exchanges in failure reports. */
    public long nextId() {
        return seq.incrementAndGet();
    }

    /** Records a failure, keeping the first {@value #KEPT_FAILURES} descriptions. */
    public void fail(LongAdder kind, String description) {
        kind.increment();
        synchronized (failures) {
            if (failures.size() < KEPT_FAILURES) {
                failures.add(description);
            }
        }
        System.err.println("SOAK FAILURE: " + description);
    }

    /** The kept failure descriptions. */
    public List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    public long failureCount() {
        return lost.sum() + corrupted.sum() + hung.sum() + errors.sum();
    }

    /** One line of totals. */
    public String summary() {
        return "exchanges=" + exchanges.sum() + " bytesSent=" + bytesSent.sum() + " bytesReceived="
                + bytesReceived.sum() + " abandoned=" + abandoned.sum() + " lost=" + lost.sum() + " corrupted="
                + corrupted.sum() + " hung=" + hung.sum() + " errors=" + errors.sum();
    }

    /** Compares a whole response body with what was sent and counts the outcome. */
    public void compare(String what, byte[] expected, byte[] actual) {
        long diff = SoakBodies.firstDifference(expected, actual);
        if (diff < 0) {
            exchanges.increment();
            bytesSent.add(expected.length);
            bytesReceived.add(actual.length);
        } else if (actual.length < expected.length && diff == actual.length) {
            fail(lost, what + ": received " + actual.length + " of " + expected.length + " bytes");
        } else {
            fail(corrupted, what + ": " + actual.length + " bytes for " + expected.length
                    + ", first difference at byte " + diff);
        }
    }
}
