package dev.weft.runtime.internal.transport.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.runtime.internal.linux.Libc;
import dev.weft.runtime.internal.linux.Sockets;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Fd} closes a descriptor exactly once and never while a call holds it: two threads
 * acquire and release a real socket's descriptor as fast as they can while a third closes it,
 * over many rounds. The close callback checks that no call is inside; every acquire after the
 * close is refused.
 */
@Tag("transport-independent")
@Timeout(120)
class FdStressTest {
    private static final int ROUNDS = 5_000;

    @Test
    void aDescriptorIsClosedOnceAndNeverUnderACall() throws Exception {
        assumeTrue(EpollTransport.unavailableReason() == null, "epoll runs here");
        AtomicReference<String> failure = new AtomicReference<>();
        for (int round = 0; round < ROUNDS; round++) {
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger closes = new AtomicInteger();
            int value = Sockets.open(Libc.AF_INET, true);
            Fd fd = new Fd(value, () -> {
                closes.incrementAndGet();
                if (inside.get() != 0) {
                    failure.compareAndSet(null, "closed while " + inside.get() + " call(s) held it");
                }
            });
            CountDownLatch start = new CountDownLatch(1);
            Thread[] users = new Thread[2];
            for (int u = 0; u < users.length; u++) {
                users[u] = Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        for (;;) {
                            fd.acquire();
                            inside.incrementAndGet();
                            Thread.onSpinWait();
                            inside.decrementAndGet();
                            fd.release();
                        }
                    } catch (ClosedChannelException closed) {
                        // the close won: every later acquire is refused
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            start.countDown();
            assertTrue(fd.close());
            for (Thread t : users) {
                t.join();
            }
            assertEquals(1, closes.get(), "closed exactly once");
            assertTrue(!fd.close(), "a second close is a no-op");
            assertEquals(1, closes.get());
        }
        assertNull(failure.get());
    }
}
