package dev.weft.runtime.internal.uring;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Test help: a completion as a value, and a loop that enters and reaps until a condition holds. */
final class Reaper {
    record Cqe(long userData, int res, int flags) {
        boolean more() {
            return (flags & Uapi.CQE_F_MORE) != 0;
        }
    }

    private Reaper() {
    }

    /** Everything currently reapable, overflow included. */
    static List<Cqe> drain(Ring ring) {
        List<Cqe> out = new ArrayList<>();
        ring.drain((ud, res, flags) -> out.add(new Cqe(ud, res, flags)));
        return out;
    }

    /**
     * Submits, then waits and reaps into {@code handler} until {@code done}; the wait is in slices
     * so the condition is re-checked, and only the test's own timeout bounds the whole.
     */
    static void until(Ring ring, Ring.Completions handler, BooleanSupplier done) {
        ring.enter(0, 0);
        ring.drain(handler);
        while (!done.getAsBoolean()) {
            ring.enter(1, 50_000_000L);
            ring.drain(handler);
        }
    }
}
