package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.runtime.time.Time;
import dev.weft.runtime.time.TimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * For tests that must let another task get somewhere before they go on: wait for that task to say
 * so, never for a while. What should happen at once is given {@link #LIMIT}; past it the test
 * fails saying what never happened, rather than hanging or going on too early.
 */
public final class Waits {
    /** How long something that should happen at once may take before the test fails. */
    public static final Duration LIMIT = Duration.ofSeconds(5);

    private Waits() {
    }

    /**
     * Spawns {@code task} and returns once it is waiting: once a poll of it has returned pending,
     * having left its waker where it waits (a primitive's queue, a timer, the selector). So what
     * the test does next (wake it, close what it waits on, abort it) meets a task that waits, not
     * one that has yet to start. The task may still be finishing that poll; the runtime handles a
     * wake or an abort that comes meanwhile, so the outcome is the same. Fails saying {@code what}
     * did not happen if the task finishes or fails without having waited.
     */
    public static <T> JoinHandle<T> spawnWaiting(AsyncRuntime rt, Async<T> task, String what) {
        CompletableFuture<Void> waiting = new CompletableFuture<>();
        JoinHandle<T> h = rt.spawn(new Async<T>() {
            @Override
            public Poll<T> poll(Context cx) {
                Poll<T> p;
                try {
                    p = task.poll(cx);
                } catch (RuntimeException | Error e) {
                    waiting.completeExceptionally(new AssertionError(what + ": the task failed instead", e));
                    throw e;
                }
                if (p.isReady()) {
                    waiting.completeExceptionally(new AssertionError(what + ": the task finished instead"));
                } else {
                    waiting.complete(null);
                }
                return p;
            }

            @Override
            public void cancel() {
                task.cancel();
            }
        });
        awaitIn(rt, waiting, what);
        return h;
    }

    /**
     * Runs {@code rt} (inside {@code blockOn}) until {@code signal} completes; fails saying
     * {@code what} did not happen. Works on a current-thread runtime too, whose tasks run only
     * inside {@code blockOn}.
     */
    public static void awaitIn(AsyncRuntime rt, CompletableFuture<?> signal, String what) {
        try {
            rt.blockOn(Time.timeout(LIMIT, Async.fromFuture(signal)));
        } catch (TimeoutException e) {
            fail(what + ": not within " + LIMIT.toSeconds() + " s", e);
        }
    }
}
