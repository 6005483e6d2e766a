package dev.weft.router.internal;

import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.Context;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Poll;

import java.util.Map;
import java.util.concurrent.Callable;

import org.slf4j.MDC;

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
            handle = AsyncRuntime.current().spawnBlocking(withCallersMdc(body));
        }
        return handle.poll(cx);
    }

    /**
     * {@code body} with the MDC the poll saw (a trace id, say), so that the handler's log lines
     * carry it on its virtual thread too; {@code body} itself when the MDC is empty.
     */
    private static Callable<Object> withCallersMdc(Callable<Object> body) {
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        if (mdc == null || mdc.isEmpty()) {
            return body;
        }
        return () -> {
            MDC.setContextMap(mdc);
            try {
                return body.call();
            } finally {
                MDC.clear();
            }
        };
    }

    @Override
    public void cancel() {
        if (handle != null) {
            handle.abort();
        }
    }
}
