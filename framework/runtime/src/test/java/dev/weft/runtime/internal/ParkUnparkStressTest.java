package dev.weft.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.runtime.internal.transport.ListenerIo;
import dev.weft.runtime.internal.transport.Transport;
import dev.weft.runtime.internal.transport.Transports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The park/unpark protocol must never lose a wake-up: a parker that waits indefinitely must
 * always be released by an unpark issued after the work was published, whether the unpark lands
 * before the park, during the select, or as it returns. Each round publishes a token, unparks,
 * and waits for the parker to consume it; a lost wake-up leaves the round unconsumed, and the test
 * fails when it has waited {@link #SPIN_LIMIT} for it.
 */
@Timeout(60)
class ParkUnparkStressTest {
    /**
     * How long the test thread spins for the other threads to catch up before it fails. A spin
     * does not see the interrupt of {@code @Timeout}, so without this a lost wake-up would hang.
     */
    private static final Duration SPIN_LIMIT = Duration.ofSeconds(10);

    /** Spins until {@code caughtUp} holds; fails saying {@code lost} after {@link #SPIN_LIMIT}. */
    private static void spinUntil(BooleanSupplier caughtUp, Supplier<String> lost) {
        long deadline = System.nanoTime() + SPIN_LIMIT.toNanos();
        while (!caughtUp.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail(lost.get() + " (waited " + SPIN_LIMIT.toSeconds() + " s)");
            }
            Thread.onSpinWait();
        }
    }

    /** The transport of this test run (the {@code weft.transport} property, else auto's). */
    private static final Transport TRANSPORT = Transports.select(Transports.defaultChoice()).transport();

    private static Driver newDriver() throws IOException {
        return new Driver(TRANSPORT.openPoller());
    }

    @Test
    void driverNeverLosesAnUnparkParkedOnThread() throws Exception {
        driverNeverLosesAnUnpark(false);
    }

    @Test
    void driverNeverLosesAnUnparkParkedInSelect() throws Exception {
        driverNeverLosesAnUnpark(true);
    }

    private void driverNeverLosesAnUnpark(boolean withChannel) throws Exception {
        Driver d = newDriver();
        ListenerIo listener = TRANSPORT.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16, false, () -> d);
        if (withChannel) {
            // a registered handle makes the driver park in its poller rather than on the thread
            assertNull(listener.pollAccept(() -> { }, () -> d));
        }
        AtomicLong published = new AtomicLong();
        AtomicLong consumed = new AtomicLong();
        int rounds = 20_000;
        Thread parker = new Thread(() -> {
            while (consumed.get() < rounds) {
                long p = published.get();
                if (p > consumed.get()) {
                    consumed.set(p);
                    continue;
                }
                d.park(-1); // indefinitely: only an unpark ends it
            }
        });
        parker.setDaemon(true);
        parker.start();
        for (int i = 1; i <= rounds; i++) {
            int round = i;
            published.set(round);
            d.unpark();
            spinUntil(() -> consumed.get() >= round,
                    () -> "round " + round + " was never consumed: an unpark was lost");
        }
        parker.join(10_000);
        assertEquals(rounds, consumed.get());
        d.close();
        listener.close();
    }

    @Test
    void idleNotifyNeverStrandsWork() throws Exception {
        // Two "workers" follow the Idle protocol on a shared counter of pending work; a producer
        // adds work and calls notify. The last searcher re-checks on parking. All work must be
        // consumed with no help from timeouts.
        int workers = 2;
        Idle idle = new Idle(workers);
        Driver[] drivers = {newDriver(), newDriver()};
        AtomicInteger work = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        int total = 20_000;
        Runnable notifyParked = () -> {
            int idx = idle.workerToNotify();
            if (idx >= 0) {
                drivers[idx].unpark();
            }
        };
        Thread[] ts = new Thread[workers];
        for (int w = 0; w < workers; w++) {
            int index = w;
            ts[w] = new Thread(() -> {
                boolean searching = false;
                while (done.get() < total) {
                    int n = work.get();
                    if (n > 0 && work.compareAndSet(n, n - 1)) {
                        if (searching) {
                            searching = false;
                            if (idle.transitionWorkerFromSearching()) {
                                notifyParked.run();
                            }
                        }
                        done.incrementAndGet();
                        continue;
                    }
                    if (!searching && idle.transitionWorkerToSearching()) {
                        searching = true;
                        continue; // search once more
                    }
                    boolean last = idle.transitionWorkerToParked(index, searching);
                    searching = false;
                    if (last && work.get() > 0) {
                        notifyParked.run();
                    }
                    for (;;) {
                        if (done.get() >= total) {
                            return;
                        }
                        drivers[index].park(-1);
                        if (!idle.isParked(index)) {
                            searching = true;
                            break;
                        }
                        if (work.get() > 0 && idle.unparkWorkerById(index)) {
                            break;
                        }
                    }
                }
            });
            ts[w].setDaemon(true);
            ts[w].start();
        }
        for (int i = 0; i < total; i++) {
            work.incrementAndGet();
            notifyParked.run();
            if (i % 64 == 0) {
                spinUntil(() -> work.get() <= 32, () -> "work stranded: pending=" + work.get());
            }
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (done.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(total, done.get(), "work stranded: pending=" + work.get());
        for (Driver d : drivers) {
            d.unpark();
        }
        for (Thread t : ts) {
            t.join(5_000);
            assertTrue(!t.isAlive());
        }
        for (Driver d : drivers) {
            d.close();
        }
    }
}
