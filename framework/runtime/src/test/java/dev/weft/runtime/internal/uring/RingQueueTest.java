package dev.weft.runtime.internal.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The queues' limits: a full submission queue, and a completion queue too small for what completes. */
@Tag("transport-independent")
@Timeout(30)
class RingQueueTest {

    @Test
    void aFullSubmissionQueueRefusesUntilTheKernelConsumes() throws RingException {
        try (Ring ring = Ring.open(4, 8)) {
            assertEquals(4, ring.sqEntries());
            for (int i = 0; i < 4; i++) {
                assertTrue(ring.nop(i));
            }
            assertFalse(ring.nop(4), "a fifth SQE does not fit");
            assertEquals(4, ring.pendingSubmissions());
            assertEquals(4, ring.enter(0, 0));
            assertEquals(0, ring.pendingSubmissions());
            assertTrue(ring.nop(4), "room again once the kernel took them");
            ring.enter(0, 0);
            List<Reaper.Cqe> got = Reaper.drain(ring);
            assertEquals(5, got.size());
            for (int i = 0; i < 5; i++) {
                assertEquals(i, got.get(i).userData());
                assertEquals(0, got.get(i).res());
            }
        }
    }

    @Test
    void completionsBeyondATinyCqWaitOnTheOverflowListAndNoneIsLost() throws RingException {
        try (Ring ring = Ring.open(2, 2)) {
            assertEquals(2, ring.cqEntries());
            int n = 32;
            int prepared = 0;
            while (prepared < n) {
                while (prepared < n && ring.nop(prepared)) {
                    prepared++;
                }
                ring.enter(0, 0); // submits, never reaps: the CQ fills, the rest overflows
            }
            while (ring.pendingSubmissions() > 0) {
                ring.drain((ud, res, fl) -> { });
                throw new AssertionError("the kernel refused submissions while completions overflowed");
            }
            assertTrue(ring.overflowPending(), "IORING_SQ_CQ_OVERFLOW is set");
            assertEquals(0, ring.droppedCompletions(), "NODROP: nothing dropped");
            TreeSet<Long> seen = new TreeSet<>();
            List<Long> order = new ArrayList<>();
            ring.drain((ud, res, fl) -> {
                assertEquals(0, res);
                assertTrue(seen.add(ud), "once each");
                order.add(ud);
            });
            assertEquals(n, seen.size(), "every completion, overflowed ones included");
            assertFalse(ring.overflowPending());
            assertEquals(0, ring.inFlight());
            List<Long> sorted = new ArrayList<>(seen);
            assertEquals(sorted, order, "in submission order");
        }
    }
}
