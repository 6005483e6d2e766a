package dev.weft.router;

import dev.weft.runtime.Async;

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
 * <p>Built-ins are in {@link dev.weft.router.extract.Extractors}.
 *
 * @param <T> the extracted type
 */
@FunctionalInterface
public interface BodyExtractor<T> {

    /**
     * Starts extracting; the value may arrive later, as the body does.
     *
     * @param cx the request and what the router matched
     * @return the value, or a failure with a {@link Rejection}
     */
    Async<T> extract(RequestContext cx);
}
