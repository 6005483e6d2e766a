package dev.weft.runtime.internal.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The wake from another thread races the owner going to park in {@code io_uring_enter}: each
 * round publishes work and unparks at a random moment around the park; the owner parks without
 * a time limit whenever it sees no work. A lost wake leaves the owner parked for ever, which only
 * the test's timeout ends (that is the failure this test exists to catch).
 */
@Tag("transport-independent")
class RingParkerStressTest {
    private static final long WAKE = -1L;

    @Test
    @Timeout(120)
    void aWakeRacingAParkIsNeverLost() throws Exception {
        int rounds = 20_000;
        AtomicLong work = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long[] result = new long[3];
        Throwable[] failure = new Throwable[1];
        Thread owner = new Thread(() -> {
            try (Ring ring = Ring.open(8, 16)) {
                RingParker parker = new RingParker(ring, WAKE);
                shared = parker;
                long parks = 0;
                while (done.get() < rounds) {
                    long w = work.get();
                    if (w > done.get()) {
                        done.set(w);
                        continue;
                    }
                    parker.park(-1);
                    parks++;
                    ring.drain((ud, res, fl) -> {
                        assertTrue(parker.onCompletion(ud), "only the wake read completes");
                        assertEquals(8, res, "the eventfd read returns its 8-byte counter");
                    });
                }
                result[0] = parks;
                result[1] = parker.wakeWrites();
                ring.close();
                parker.close();
                result[2] = ring.quiescent() ? 1 : 0;
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "ring-owner");
        owner.start();
        for (int i = 1; i <= rounds; i++) {
            work.set(i);
            int spin = ThreadLocalRandom.current().nextInt(64);
            for (int s = 0; s < spin; s++) {
                Thread.onSpinWait();
            }
            unparkOwner();
            while (done.get() < i) {
                Thread.onSpinWait();
            }
        }
        owner.join();
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
        System.out.println(rounds + " rounds: " + result[0] + " parks, " + result[1] + " eventfd writes");
        assertEquals(1, result[2], "the armed read was cancelled and completed at close");
    }

    // The parker is created on the owner thread (single issuer); the test reaches it through a
    // holder the owner fills.
    private static volatile RingParker shared;

    private static void unparkOwner() {
        RingParker p;
        while ((p = shared) == null) {
            Thread.onSpinWait();
        }
        p.unpark();
    }
}
