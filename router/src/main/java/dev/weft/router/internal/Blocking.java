package dev.weft.router.internal;

import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.Context;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Poll;

import java.util.concurrent.Callable;

/**
 * A blocking handler call: runs on a virtual thread of the current runtime
 * ({@link AsyncRuntime#spawnBlocking}), started at the first poll so that a request cancelled before
 * its handler runs starts nothing; cancelling later aborts (interrupts) the thread.
 */
public final class Blocking implements Async<Object> {

    private final Callable<Object> body;
    private JoinHandle<Object> handle;

    private Blocking(Callable<Object> body) {
        this.body = body;
    }

    /**
     * A blocking call of {@code body}.
     *
     * @param handler the user's handler; unused here, but kept in the lambda that calls this so
     *                that route listings can name the handler a blocking wrapper wraps
     */
    public static Async<Object> call(Object handler, Callable<Object> body) {
        return new Blocking(body);
    }

    @Override
    public Poll<Object> poll(Context cx) {
        if (handle == null) {
            handle = AsyncRuntime.current().spawnBlocking(body);
        }
        return handle.poll(cx);
    }

    @Override
    public void cancel() {
        if (handle != null) {
            handle.abort();
        }
    }
}
