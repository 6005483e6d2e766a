package dev.weft.runtime.sync;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lincheck (model checking) for Notify, Watch and Broadcast. Waiting operations are exercised
 * as "poll once with a no-op waker, cancel if pending", which makes them total and modelable.
 */
@Tag("transport-independent")
class SignalsLincheckTest {
    static final Context NOOP = () -> () -> { };

    @Test
    void notify_() {
        new ModelCheckingOptions().threads(3).actorsPerThread(2).iterations(10).invocationsPerIteration(200)
                .sequentialSpecification(NotifyModel.class).check(NotifyOps.class);
    }

    @Test
    void watch() {
        new ModelCheckingOptions().threads(2).actorsPerThread(3).iterations(10).invocationsPerIteration(200)
                .sequentialSpecification(WatchModel.class).check(WatchOps.class);
    }

    @Test
    void broadcast() {
        new ModelCheckingOptions().threads(3).actorsPerThread(2).iterations(10).invocationsPerIteration(200)
                .sequentialSpecification(BroadcastModel.class).check(BroadcastOps.class);
    }

    static <T> Object pollOnce(Async<T> a) {
        Poll<T> p;
        try {
            p = a.poll(NOOP);
        } catch (LaggedException e) {
            return "lagged " + e.missed();
        } catch (ClosedException e) {
            return "closed";
        }
        if (p.isReady()) {
            return p.value();
        }
        a.cancel();
        return "pending";
    }

    /**
     * notifyOne stores at most one permit; a notified() consumes it. Waiters run on one thread:
     * with two, a notification assigned to a waiter that then gives up is handed on only when it
     * cancels, so another waiter polling in between sees none. That is Tokio's Notify semantics
     * (a notification belongs to the waiter it was given to), not a linearizable permit.
     */
    public static class NotifyOps {
        private final Notify n = new Notify();

        @Operation
        public void notifyOne() {
            n.notifyOne();
        }

        @Operation(nonParallelGroup = "waiter")
        public boolean tryNotified() {
            return !"pending".equals(pollOnce(n.notified()));
        }
    }

    /** Sequential model of {@link NotifyOps}. */
    public static class NotifyModel {
        private boolean permit;

        public void notifyOne() {
            permit = true;
        }

        public boolean tryNotified() {
            boolean p = permit;
            permit = false;
            return p;
        }
    }

    /** One sender thread, one receiver thread. */
    @Param(name = "v", gen = IntGen.class, conf = "1:9")
    public static class WatchOps {
        private final Watch.Channel<Integer> ch = Watch.channel(0);

        @Operation(nonParallelGroup = "tx")
        public void send(@Param(name = "v") int v) {
            ch.sender().send(v);
        }

        @Operation(nonParallelGroup = "rx")
        public boolean hasChanged() {
            return ch.receiver().hasChanged();
        }

        @Operation(nonParallelGroup = "rx")
        public int borrowAndUpdate() {
            return ch.receiver().borrowAndUpdate();
        }

        @Operation(nonParallelGroup = "rx")
        public Object changed() {
            return pollOnce(ch.receiver().changed()) == null ? "changed" : "pending";
        }
    }

    /** Sequential model of {@link WatchOps}. */
    public static class WatchModel {
        private int value;
        private long version;
        private long seen;

        public void send(int v) {
            value = v;
            version++;
        }

        public boolean hasChanged() {
            return version != seen;
        }

        public int borrowAndUpdate() {
            seen = version;
            return value;
        }

        public Object changed() {
            if (version != seen) {
                seen = version;
                return "changed";
            }
            return "pending";
        }
    }

    /** Ring of two; one sender thread, two receiver threads (one receiver each). */
    @Param(name = "v", gen = IntGen.class, conf = "1:9")
    public static class BroadcastOps {
        private final Broadcast.Channel<Integer> ch = Broadcast.channel(2);
        private final Broadcast.Receiver<Integer> b = ch.sender().subscribe();

        @Operation(nonParallelGroup = "tx")
        public int send(@Param(name = "v") int v) {
            return ch.sender().send(v);
        }

        @Operation(nonParallelGroup = "a")
        public Object recvA() {
            return pollOnce(ch.receiver().recv());
        }

        @Operation(nonParallelGroup = "b")
        public Object recvB() {
            return pollOnce(b.recv());
        }
    }

    /** Sequential model of {@link BroadcastOps}. */
    public static class BroadcastModel {
        private final int[] ring = new int[2];
        private long tail;
        private long nextA;
        private long nextB;

        public int send(int v) {
            ring[(int) (tail % 2)] = v;
            tail++;
            return 2;
        }

        private Object recv(boolean a) {
            long next = a ? nextA : nextB;
            long oldest = tail - 2;
            Object out;
            if (next < oldest) {
                out = "lagged " + (oldest - next);
                next = oldest;
            } else if (next < tail) {
                out = ring[(int) (next % 2)];
                next++;
            } else {
                out = "pending";
            }
            if (a) {
                nextA = next;
            } else {
                nextB = next;
            }
            return out;
        }

        public Object recvA() {
            return recv(true);
        }

        public Object recvB() {
            return recv(false);
        }
    }
}
