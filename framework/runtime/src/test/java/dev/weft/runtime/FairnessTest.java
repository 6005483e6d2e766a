package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.sync.Mpsc;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Starvation freedom on one worker: the injection queue and the coop budget. */
@Timeout(30)
class FairnessTest {

    @Test
    void injectionQueueIsPolledWhileLocalWorkNeverRunsOut() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).name("fair").build()) {
            AtomicBoolean stop = new AtomicBoolean();
            // Two tasks that keep re-queueing themselves: the local queue is never empty.
            for (int i = 0; i < 2; i++) {
                rt.spawn(cx -> {
                    if (stop.get()) {
                        return Poll.ready(null);
                    }
                    cx.waker().wake();
                    return Poll.pending();
                });
            }
            // A spawn from outside lands in the injection queue; it must still run.
            assertEquals("ran", rt.blockOn(rt.spawn(Async.ready("ran"))));
            stop.set(true);
        }
    }

    @Test
    void alwaysReadyReceiverYieldsToItsNeighbour() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).name("coop").build()) {
            Mpsc.Channel<Integer> ch = Mpsc.unbounded();
            int n = 100_000;
            for (int i = 0; i < n; i++) {
                ch.sender().trySend(i);
            }
            ch.sender().close();
            AtomicLong neighbourRunsSeenByDrainer = new AtomicLong(-1);
            AtomicLong neighbourRuns = new AtomicLong();
            AtomicBoolean drained = new AtomicBoolean();
            JoinHandle<Void> drainer = rt.spawn(new Async<Void>() {
                @Override
                public Poll<Void> poll(Context cx) {
                    if (neighbourRuns.get() == 0) {
                        // Start only once the neighbour exists: spawned from outside a moment
                        // later, it could otherwise miss the whole drain, which proves nothing.
                        cx.waker().wake();
                        return Poll.pending();
                    }
                    for (;;) {
                        // Every message is already there: without the budget this loop would
                        // hold the worker for all 100,000 of them.
                        Poll<Integer> p = ch.receiver().pollRecv(cx);
                        if (!p.isReady()) {
                            return Poll.pending();
                        }
                        if (p.value() == null) {
                            neighbourRunsSeenByDrainer.set(neighbourRuns.get());
                            drained.set(true);
                            return Poll.ready(null);
                        }
                    }
                }
            });
            JoinHandle<Void> neighbour = rt.spawn(cx -> {
                neighbourRuns.incrementAndGet();
                if (drained.get()) {
                    return Poll.ready(null);
                }
                cx.waker().wake();
                return Poll.pending();
            });
            rt.blockOn(Async.join(drainer, neighbour));
            assertTrue(neighbourRunsSeenByDrainer.get() >= n / 128 / 2,
                    "neighbour ran " + neighbourRunsSeenByDrainer.get() + " times while 100k messages drained");
        }
    }
}
