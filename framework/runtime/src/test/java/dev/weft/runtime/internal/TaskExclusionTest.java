package dev.weft.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A task is held by one thread at a time. Shutdown cancels the tasks left in queues from its own
 * thread, marking them RUNNING | CANCELLED; a worker that dequeues such a task meanwhile (a worker
 * still finishing a long poll runs its LIFO slot before it sees the shutdown) must leave it alone,
 * or the task's state (a connection's buffers and queues) is touched by two threads at once.
 */
@Tag("transport-independent")
@Timeout(30)
class TaskExclusionTest {

    @Test
    void aTaskBeingCancelledByShutdownIsNotRunBesideIt() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        AtomicInteger cancels = new AtomicInteger();
        CountDownLatch insideCancel = new CountDownLatch(1);
        CountDownLatch finishCancel = new CountDownLatch(1);
        Async<Void> work = new Async<>() {
            @Override
            public Poll<Void> poll(Context cx) {
                polls.incrementAndGet();
                return Poll.pending();
            }

            @Override
            public void cancel() {
                if (cancels.incrementAndGet() == 1) {
                    insideCancel.countDown();
                    try {
                        finishCancel.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        Task<Void> task = new Task<>(work, new InertScheduler(), "held");
        Thread shutdown = Thread.ofPlatform().start(task::shutdownCancel);
        assertTrue(insideCancel.await(10, TimeUnit.SECONDS));
        // The shutdown thread is inside cancel(): a worker that dequeued the task runs it now.
        task.run();
        finishCancel.countDown();
        shutdown.join();
        assertEquals(0, polls.get(), "the task was polled while shutdown was cancelling it");
        assertEquals(1, cancels.get(), "the task was cancelled twice, on two threads");
        assertTrue(task.isFinished());
    }
}
