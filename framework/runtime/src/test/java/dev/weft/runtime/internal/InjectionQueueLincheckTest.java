package dev.weft.runtime.internal;

import java.util.ArrayDeque;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Lincheck for the injection queue: any thread pushes and pops; it must be a linearizable FIFO. */
@Tag("transport-independent")
@Param(name = "v", gen = IntGen.class, conf = "1:50")
public class InjectionQueueLincheckTest {
    private final InjectionQueue q = new InjectionQueue();

    @Operation
    public void push(@Param(name = "v") int v) {
        q.push(new Task<>(null, null, Integer.toString(v)));
    }

    @Operation
    public Integer pop() {
        Task<?> t = q.pop();
        return t == null ? null : Integer.parseInt(t.name());
    }

    @Operation
    public int len() {
        return q.len();
    }

    @Test
    void stress() {
        new StressOptions().threads(3).actorsPerThread(3).iterations(15).invocationsPerIteration(1_000)
                .sequentialSpecification(Model.class).check(InjectionQueueLincheckTest.class);
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions().threads(2).actorsPerThread(3).iterations(10).invocationsPerIteration(300)
                .sequentialSpecification(Model.class).check(InjectionQueueLincheckTest.class);
    }

    /** Sequential specification: a FIFO queue. */
    public static class Model {
        private final ArrayDeque<Integer> d = new ArrayDeque<>();

        public void push(int v) {
            d.addLast(v);
        }

        public Integer pop() {
            return d.pollFirst();
        }

        public int len() {
            return d.size();
        }
    }
}
