package dev.weft.router.internal;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;

import java.util.function.Function;

/** An {@link Async} whose value is transformed once ready; an exception from the function fails it. */
public final class Mapped<A, B> implements Async<B> {
    private final Async<A> source;
    private final Function<? super A, ? extends B> f;

    private Mapped(Async<A> source, Function<? super A, ? extends B> f) {
        this.source = source;
        this.f = f;
    }

    /** {@code source}, then {@code f}. */
    public static <A, B> Async<B> map(Async<A> source, Function<? super A, ? extends B> f) {
        return new Mapped<>(source, f);
    }

    @Override
    public Poll<B> poll(Context cx) {
        Poll<A> p = source.poll(cx);
        return p.isReady() ? Poll.ready(f.apply(p.value())) : Poll.pending();
    }

    @Override
    public void cancel() {
        source.cancel();
    }
}
