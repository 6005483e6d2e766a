package dev.weft.runtime.time;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.internal.RuntimeContext;
import dev.weft.runtime.internal.TimeDriver;
import dev.weft.runtime.internal.TimerEntry;

/**
 * A timer registered with the runtime's wheel on first poll, cancelled (O(1)) if abandoned.
 * Its deadline is a {@link System#nanoTime()} instant, rounded up to the wheel's millisecond.
 */
final class Sleep implements Async<Void> {
    private final long deadlineNanos;
    private TimerEntry entry;
    private TimeDriver driver;
    private boolean done;

    Sleep(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (done) {
            return Poll.ready(null);
        }
        if (entry == null) {
            if (deadlineNanos - System.nanoTime() <= 0) {
                done = true;
                return Poll.ready(null);
            }
            driver = RuntimeContext.timeDriver();
            entry = new TimerEntry();
            if (!driver.register(entry, driver.toWheelMs(deadlineNanos), cx.waker())) {
                done = true;
                return Poll.ready(null);
            }
            return Poll.pending();
        }
        if (entry.isFired()) {
            done = true;
            return Poll.ready(null);
        }
        entry.setWaker(cx.waker());
        if (entry.isFired()) {
            done = true;
            return Poll.ready(null);
        }
        return Poll.pending();
    }

    @Override
    public void cancel() {
        if (entry != null && !done) {
            driver.cancel(entry);
            entry.setWaker(null);
        }
        done = true;
    }
}
