package dev.weft.runtime.internal;

/** A scheduler that schedules nothing: for tests that drive a {@link Task} by hand. */
final class InertScheduler implements Scheduler {
    @Override
    public void schedule(Task<?> task) {
    }

    @Override
    public void yieldTask(Task<?> task) {
    }

    @Override
    public void release(Task<?> task) {
    }
}
