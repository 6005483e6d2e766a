package dev.weft.router;

import dev.weft.runtime.Async;

import java.util.Objects;
import java.util.function.Function;

/**
 * Takes a typed value from the request body — JSON, a form, bytes, text, or the stream itself.
 * The body can be read once, so a route has at most one body extractor and it comes last: the
 * route methods of {@link Router} accept a {@code BodyExtractor} only as their last extractor, so
 * putting it anywhere else does not compile.
 *
 * <pre>{@code
 * router.post("/todos", state(TodoStore.class), json(NewTodo.class), (store, todo) -> store.add(todo));
 * }</pre>
 *
 * <p>Built-ins are in {@link dev.weft.router.extract.Extractors}; write your own with
 * {@link #of}. This is a class, not a functional interface, on purpose: an inline lambda passed
 * to a route method is then always an {@link Extractor}, never ambiguous.
 *
 * @param <T> the extracted type
 */
public abstract class BodyExtractor<T> {

    /** For subclasses. */
    protected BodyExtractor() {
    }

    /**
     * A body extractor from a function:
     * <pre>{@code
     * BodyExtractor<Csv> csv = BodyExtractor.of(cx -> cx.request().body().text().map(Csv::parse));
     * }</pre>
     */
    public static <T> BodyExtractor<T> of(Function<RequestContext, Async<T>> extract) {
        Objects.requireNonNull(extract, "extract");
        return new BodyExtractor<>() {
            @Override
            public Async<T> extract(RequestContext cx) {
                return extract.apply(cx);
            }
        };
    }

    /**
     * Starts extracting; the value may arrive later, as the body does.
     *
     * @param cx the request and what the router matched
     * @return the value, or a failure with a {@link Rejection}
     */
    public abstract Async<T> extract(RequestContext cx);
}
