package dev.weft.runtime.sync;

import java.util.ArrayDeque;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lincheck (model checking) for the non-waiting paths of the sync primitives: the semaphore's
 * permit accounting and the mpsc channel's FIFO, each against a sequential model.
 */
@Tag("transport-independent")
class PermitsAndChannelsLincheckTest {

    @Test
    void semaphore() {
        new ModelCheckingOptions().threads(3).actorsPerThread(3).iterations(10).invocationsPerIteration(200)
                .sequentialSpecification(SemaphoreModel.class).check(SemaphoreOps.class);
    }

    @Test
    void mpscChannel() {
        new ModelCheckingOptions().threads(3).actorsPerThread(3).iterations(10).invocationsPerIteration(200)
                .sequentialSpecification(MpscModel.class).check(MpscOps.class);
    }

    @Test
    void oneshot() {
        new ModelCheckingOptions().threads(2).actorsPerThread(3).iterations(10).invocationsPerIteration(200)
                .sequentialSpecification(OneshotModel.class).check(OneshotOps.class);
    }

    /** A oneshot: one sender thread, one receiver thread. */
    @Param(name = "v", gen = IntGen.class, conf = "1:9")
    public static class OneshotOps {
        private final Oneshot.Channel<Integer> ch = Oneshot.channel();

        @Operation(nonParallelGroup = "tx")
        public boolean send(@Param(name = "v") int v) {
            return ch.sender().send(v);
        }

        @Operation(nonParallelGroup = "tx")
        public boolean rxClosed() {
            return ch.sender().isClosed();
        }

        @Operation(nonParallelGroup = "rx")
        public Integer tryRecv() {
            return ch.receiver().tryRecv();
        }

        @Operation(nonParallelGroup = "rx")
        public void closeRx() {
            ch.receiver().close();
        }
    }

    /** Sequential model of {@link OneshotOps}. */
    public static class OneshotModel {
        private Integer value;
        private boolean rxClosed;

        public boolean send(int v) {
            if (value != null || rxClosed) {
                return false;
            }
            value = v;
            return true;
        }

        public boolean rxClosed() {
            return rxClosed;
        }

        public Integer tryRecv() {
            return value;
        }

        public void closeRx() {
            rxClosed = true;
        }
    }

    /**
     * Senders racing each other, the sender's close and the receiver's close: the slot is claimed
     * and published by one compare-and-set, so exactly one of them wins and a delivered value is
     * never overwritten.
     */
    @Test
    void oneshotRacingSendersAndCloses() {
        new ModelCheckingOptions().threads(3).actorsPerThread(2).iterations(20).invocationsPerIteration(200)
                .sequentialSpecification(OneshotRaceModel.class).check(OneshotRaceOps.class);
    }

    @Param(name = "v", gen = IntGen.class, conf = "1:9")
    public static class OneshotRaceOps {
        private final Oneshot.Channel<Integer> ch = Oneshot.channel();

        @Operation
        public boolean send(@Param(name = "v") int v) {
            return ch.sender().send(v);
        }

        @Operation
        public void closeTx() {
            ch.sender().close();
        }

        @Operation
        public boolean rxClosed() {
            return ch.sender().isClosed();
        }

        @Operation
        public Integer tryRecv() {
            return ch.receiver().tryRecv();
        }

        @Operation
        public void closeRx() {
            ch.receiver().close();
        }
    }

    /** Sequential model of {@link OneshotRaceOps}. */
    public static class OneshotRaceModel {
        private Integer value;
        private boolean txClosed;
        private boolean rxClosed;

        public boolean send(int v) {
            if (value != null || txClosed || rxClosed) {
                return false;
            }
            value = v;
            return true;
        }

        public void closeTx() {
            if (value == null && !rxClosed) {
                txClosed = true;
            }
        }

        public boolean rxClosed() {
            return rxClosed;
        }

        public Integer tryRecv() {
            return value;
        }

        public void closeRx() {
            rxClosed = true;
        }
    }

    /** Permits with raw acquire/release (no queued waiters, so fairness never blocks). */
    @Param(name = "n", gen = IntGen.class, conf = "1:2")
    public static class SemaphoreOps {
        private final Semaphore sem = new Semaphore(2);

        @Operation
        public boolean tryAcquire(@Param(name = "n") int n) {
            return sem.tryAcquire(n) != null;
        }

        @Operation
        public void release(@Param(name = "n") int n) {
            sem.release(n);
        }

        @Operation
        public long available() {
            return sem.availablePermits();
        }
    }

    /** Sequential model of {@link SemaphoreOps}. */
    public static class SemaphoreModel {
        private long permits = 2;

        public boolean tryAcquire(int n) {
            if (permits >= n) {
                permits -= n;
                return true;
            }
            return false;
        }

        public void release(int n) {
            permits += n;
        }

        public long available() {
            return permits;
        }
    }

    /** Many producers, one consumer, bounded capacity 2. */
    @Param(name = "v", gen = IntGen.class, conf = "1:9")
    public static class MpscOps {
        private final Mpsc.Channel<Integer> ch = Mpsc.bounded(2);

        @Operation
        public boolean trySend(@Param(name = "v") int v) {
            return ch.sender().trySend(v);
        }

        @Operation(nonParallelGroup = "consumer")
        public Integer tryRecv() {
            return ch.receiver().tryRecv();
        }
    }

    /** Sequential model of {@link MpscOps}. */
    public static class MpscModel {
        private final ArrayDeque<Integer> q = new ArrayDeque<>();

        public boolean trySend(int v) {
            if (q.size() >= 2) {
                return false;
            }
            q.addLast(v);
            return true;
        }

        public Integer tryRecv() {
            return q.pollFirst();
        }
    }
}
