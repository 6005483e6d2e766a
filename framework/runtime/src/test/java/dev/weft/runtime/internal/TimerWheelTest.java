package dev.weft.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("transport-independent")
class TimerWheelTest {

    private static TimerEntry at(long deadline) {
        TimerEntry e = new TimerEntry();
        e.deadline = deadline;
        return e;
    }

    @Test
    void firesInDeadlineOrderAtTheRightTime() {
        TimerWheel w = new TimerWheel();
        SplittableRandom rnd = new SplittableRandom(42);
        List<TimerEntry> all = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            // deadlines spread over every level: 1 ms .. ~3 days
            long d = 1 + (long) Math.pow(2, rnd.nextDouble() * 28);
            TimerEntry e = at(d);
            assertTrue(w.insert(e));
            all.add(e);
        }
        long now = 0;
        int fired = 0;
        while (w.size() > 0) {
            long next = w.nextExpiration();
            assertTrue(next > now);
            now = next + rnd.nextInt(3);
            long n = now;
            List<TimerEntry> out = new ArrayList<>();
            w.advance(now, out::add);
            for (TimerEntry e : out) {
                assertTrue(e.deadline <= n, "fired early");
            }
            fired += out.size();
        }
        assertEquals(all.size(), fired);
    }

    @Test
    void nothingFiresLate() {
        TimerWheel w = new TimerWheel();
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 5000; i++) {
            w.insert(at(1 + rnd.nextLong(1_000_000)));
        }
        long[] lastFired = {0};
        for (long t = 0; t <= 1_000_000; t += 1 + rnd.nextInt(500)) {
            long now = t;
            w.advance(now, e -> {
                assertTrue(e.deadline <= now);
                lastFired[0] = Math.max(lastFired[0], e.deadline);
            });
            // after advancing to now, no remaining timer is due
            assertTrue(w.size() == 0 || w.nextExpiration() > now);
        }
        w.advance(2_000_000, e -> { });
        assertEquals(0, w.size());
    }

    @Test
    void removeIsIdempotentAndUnlinks() {
        TimerWheel w = new TimerWheel();
        TimerEntry a = at(100);
        TimerEntry b = at(100);
        TimerEntry c = at(5000);
        w.insert(a);
        w.insert(b);
        w.insert(c);
        assertTrue(w.remove(b));
        assertFalse(w.remove(b));
        assertTrue(w.remove(c));
        List<TimerEntry> out = new ArrayList<>();
        w.advance(10_000, out::add);
        assertEquals(List.of(a), out);
    }

    @Test
    void pastDeadlineIsNotInsertedAndFarFutureIsClamped() {
        TimerWheel w = new TimerWheel();
        w.advance(50, e -> { });
        assertFalse(w.insert(at(50)));
        TimerEntry far = at(Long.MAX_VALUE / 2);
        assertTrue(w.insert(far));
        assertEquals(50 + TimerWheel.MAX_DURATION, far.deadline);
    }

    @Test
    void oneMillionTimersInsertAndCancel() {
        TimerWheel w = new TimerWheel();
        TimerEntry[] es = new TimerEntry[1_000_000];
        for (int i = 0; i < es.length; i++) {
            es[i] = at(1 + (i * 7919L) % 3_600_000L);
            w.insert(es[i]);
        }
        assertEquals(1_000_000, w.size());
        for (TimerEntry e : es) {
            w.remove(e);
        }
        assertEquals(0, w.size());
        assertEquals(Long.MAX_VALUE, w.nextExpiration());
    }
}
