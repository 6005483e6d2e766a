package dev.weft.router;

import dev.weft.router.internal.HandlerFailure;
import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;

/**
 * Waits for a body extractor, then calls the handler with its value: the async half of a route
 * whose last extractor reads the body.
 */
final class AfterBody<T> implements Async<Object> {

    @FunctionalInterface
    interface Step<T> {
        Object apply(T value) throws Exception;
    }

    private final Async<T> first;
    private final Step<T> next;

    private AfterBody(Async<T> first, Step<T> next) {
        this.first = first;
        this.next = next;
    }

    static <T> Async<Object> of(Async<T> first, Step<T> next) {
        return new AfterBody<>(first, next);
    }

    @Override
    public Poll<Object> poll(Context cx) {
        Poll<T> p = first.poll(cx);
        if (!p.isReady()) {
            return Poll.pending();
        }
        try {
            return Poll.ready(next.apply(p.value()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new HandlerFailure(e);
        }
    }

    @Override
    public void cancel() {
        first.cancel();
    }
}
