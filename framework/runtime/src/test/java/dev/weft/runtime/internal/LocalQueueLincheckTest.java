package dev.weft.runtime.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lincheck for the work-stealing queue: the owner pushes and pops (one thread, as in the runtime),
 * a thief steals half into its own queue. Checked for linearizability against a plain deque in
 * both stress mode and model-checking mode (which explores interleavings of the VarHandle
 * accesses). A single thief keeps steals deterministic: with two thieves a steal may legitimately
 * come back empty while the other is copying, which no sequential model expresses; the no-loss,
 * no-duplicate property with many thieves is covered by {@link LocalQueueStressTest}.
 */
@Tag("transport-independent")
public class LocalQueueLincheckTest {
    private final LocalQueue q = new LocalQueue();
    private final InjectionQueue overflow = new InjectionQueue();
    private int nextId;

    private static int id(Task<?> t) {
        return Integer.parseInt(t.name());
    }

    @Operation(nonParallelGroup = "owner")
    public void push() {
        q.pushBack(new Task<>(null, null, Integer.toString(nextId++)), overflow);
    }

    @Operation(nonParallelGroup = "owner")
    public Integer pop() {
        Task<?> t = q.pop();
        return t == null ? null : id(t);
    }

    @Operation(nonParallelGroup = "thief")
    public List<Integer> steal() {
        LocalQueue dst = new LocalQueue();
        Task<?> first = q.stealInto(dst);
        List<Integer> out = new ArrayList<>();
        if (first == null) {
            return out;
        }
        // stealInto returns the last stolen task and leaves the rest in dst, oldest first
        Task<?> t;
        while ((t = dst.pop()) != null) {
            out.add(id(t));
        }
        out.add(id(first));
        return out;
    }

    @Test
    void stress() {
        new StressOptions().threads(2).actorsPerThread(4).actorsBefore(3).iterations(10)
                .invocationsPerIteration(1_000).sequentialSpecification(Model.class)
                .check(LocalQueueLincheckTest.class);
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions().threads(2).actorsPerThread(3).actorsBefore(3).iterations(8)
                .invocationsPerIteration(250).sequentialSpecification(Model.class)
                .check(LocalQueueLincheckTest.class);
    }

    /** The sequential specification: a FIFO where a steal takes the older half, rounded up. */
    public static class Model {
        private final ArrayDeque<Integer> d = new ArrayDeque<>();
        private int nextId;

        public void push() {
            d.addLast(nextId++);
        }

        public Integer pop() {
            return d.pollFirst();
        }

        public List<Integer> steal() {
            int n = d.size();
            n -= n / 2;
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(d.pollFirst());
            }
            return out;
        }
    }
}
