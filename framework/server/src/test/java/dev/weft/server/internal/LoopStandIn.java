package dev.weft.server.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A faithful in-memory stand-in for a connection's poll loop: one thread runs the passes one at a
 * time (as one task is never polled concurrently), a wake from another thread schedules a pass,
 * and a wake from inside a pass makes the loop look again (as {@code Connection.wakeFromAnyThread}
 * does). Each pass runs {@code step} until it reports no progress.
 */
final class LoopStandIn implements Runnable, AutoCloseable {
    /** One pass of the loop; returns true when it moved something. */
    interface Step {
        boolean run();
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "loop-stand-in");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile Thread looping;
    private boolean wokenWhileLooping;
    private volatile Step step = () -> false;

    void step(Step step) {
        this.step = step;
    }

    /** The wake callback handed to the body under test. */
    @Override
    public void run() {
        if (looping == Thread.currentThread()) {
            wokenWhileLooping = true;
            return;
        }
        if (scheduled.compareAndSet(false, true)) {
            thread.execute(this::pass);
        }
    }

    private void pass() {
        scheduled.set(false);
        looping = Thread.currentThread();
        try {
            boolean progress;
            do {
                wokenWhileLooping = false;
                progress = step.run();
            } while (progress || wokenWhileLooping);
        } finally {
            looping = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(1, TimeUnit.SECONDS);
    }
}
