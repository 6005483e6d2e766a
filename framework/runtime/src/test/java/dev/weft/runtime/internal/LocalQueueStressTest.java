package dev.weft.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many thieves against one owner, with overflow into the injection queue: every pushed task must
 * come out exactly once (popped, stolen, or drained from the overflow).
 */
@Tag("transport-independent")
@Timeout(60)
class LocalQueueStressTest {

    @Test
    void everyTaskExactlyOnceWithThreeThieves() throws Exception {
        int total = 400_000;
        LocalQueue owner = new LocalQueue();
        InjectionQueue inject = new InjectionQueue();
        AtomicIntegerArray seen = new AtomicIntegerArray(total);
        Task<?>[] tasks = new Task<?>[total];
        for (int i = 0; i < total; i++) {
            tasks[i] = new Task<>(null, null, Integer.toString(i));
        }
        AtomicBoolean done = new AtomicBoolean();
        int thieves = 3;
        CountDownLatch finished = new CountDownLatch(thieves);
        for (int t = 0; t < thieves; t++) {
            Thread th = new Thread(() -> {
                LocalQueue mine = new LocalQueue();
                while (!done.get() || !owner.isEmpty()) {
                    Task<?> s = owner.stealInto(mine);
                    if (s != null) {
                        seen.incrementAndGet(Integer.parseInt(s.name()));
                        Task<?> x;
                        while ((x = mine.pop()) != null) {
                            seen.incrementAndGet(Integer.parseInt(x.name()));
                        }
                    } else {
                        Thread.onSpinWait();
                    }
                }
                finished.countDown();
            });
            th.setDaemon(true);
            th.start();
        }
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        for (int i = 0; i < total; i++) {
            owner.pushBack(tasks[i], inject);
            if (rnd.nextInt(3) == 0) {
                Task<?> p = owner.pop();
                if (p != null) {
                    seen.incrementAndGet(Integer.parseInt(p.name()));
                }
            }
        }
        Task<?> p;
        while ((p = owner.pop()) != null) {
            seen.incrementAndGet(Integer.parseInt(p.name()));
        }
        done.set(true);
        finished.await();
        while ((p = inject.pop()) != null) {
            seen.incrementAndGet(Integer.parseInt(p.name()));
        }
        for (int i = 0; i < total; i++) {
            assertEquals(1, seen.get(i), "task " + i);
        }
    }
}
