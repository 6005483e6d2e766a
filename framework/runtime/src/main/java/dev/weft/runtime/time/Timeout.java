package dev.weft.runtime.time;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import java.time.Duration;

/** The inner value raced against a sleep; on expiry the inner value is cancelled. */
final class Timeout<T> implements Async<T> {
    private final Async<T> inner;
    private final Sleep sleep;
    private final Duration after;
    private boolean done;

    Timeout(Async<T> inner, Sleep sleep, Duration after) {
        this.inner = inner;
        this.sleep = sleep;
        this.after = after;
    }

    @Override
    public Poll<T> poll(Context cx) {
        Poll<T> p;
        try {
            p = inner.poll(cx);
        } catch (RuntimeException | Error e) {
            done = true;
            sleep.cancel();
            throw e;
        }
        if (p.isReady()) {
            // Completion wins a tie with expiry: the value exists, so deliver it.
            done = true;
            sleep.cancel();
            return p;
        }
        if (sleep.poll(cx).isReady()) {
            done = true;
            inner.cancel();
            throw new TimeoutException(after);
        }
        return Poll.pending();
    }

    @Override
    public void cancel() {
        if (!done) {
            done = true;
            inner.cancel();
            sleep.cancel();
        }
    }
}
