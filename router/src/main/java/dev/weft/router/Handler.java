package dev.weft.router;

import dev.weft.router.internal.Blocking;

import java.io.Serializable;

/**
 * Handlers: lambdas over the values the route's extractors produced. There are three kinds, and
 * the route says which one it uses:
 * <ul>
 *   <li><b>Non-blocking</b> — a plain lambda: {@code id -> "user " + id}. It runs on the runtime
 *       worker that received the request, so it must not block (no JDBC, no {@code Thread.sleep},
 *       no blocking file or HTTP calls). The cheapest kind: use it for anything computed from the
 *       request and in-memory state.</li>
 *   <li><b>Async</b> — a lambda that returns an {@link dev.weft.runtime.Async}:
 *       {@code id -> client.fetch(id).map(User::name)}. The worker is free while the value is
 *       pending; the response is sent when it completes. Use it for non-blocking I/O and timers.</li>
 *   <li><b>Blocking</b> — a lambda wrapped in {@link #blocking}: {@code blocking(id -> jdbc.find(id))}.
 *       It runs on a virtual thread; the request is answered when it returns. Use it for blocking
 *       libraries and straight-line code; it costs a thread start per request.</li>
 * </ul>
 * Whatever a handler returns becomes the response: see {@link Router} for the return types.
 * A handler may throw; a {@link Rejection}, an {@link IntoResponse} exception or an exception
 * mapped with {@link Router#onError} becomes its response, anything else a logged 500.
 *
 * <p>The interfaces are {@code Serializable} only so that the router can name the method a lambda
 * was written in when it lists its routes; nothing is ever serialised.
 */
public final class Handler {
    private Handler() {
    }


    /**
     * A handler of 0 extracted values.
     */
    @FunctionalInterface
    public interface H0 extends Serializable {
        /** Handles the request; the result becomes the response. */
        Object handle() throws Exception;
    }

    /**
     * A handler of 1 extracted value.
     *
     * @param <A> the value of extractor 1
     */
    @FunctionalInterface
    public interface H1<A> extends Serializable {
        /** Handles the request; the result becomes the response. */
        Object handle(A a) throws Exception;
    }

    /**
     * A handler of 2 extracted values.
     *
     * @param <A> the value of extractor 1
     * @param <B> the value of extractor 2
     */
    @FunctionalInterface
    public interface H2<A, B> extends Serializable {
        /** Handles the request; the result becomes the response. */
        Object handle(A a, B b) throws Exception;
    }

    /**
     * A handler of 3 extracted values.
     *
     * @param <A> the value of extractor 1
     * @param <B> the value of extractor 2
     * @param <C> the value of extractor 3
     */
    @FunctionalInterface
    public interface H3<A, B, C> extends Serializable {
        /** Handles the request; the result becomes the response. */
        Object handle(A a, B b, C c) throws Exception;
    }

    /**
     * A handler of 4 extracted values.
     *
     * @param <A> the value of extractor 1
     * @param <B> the value of extractor 2
     * @param <C> the value of extractor 3
     * @param <D> the value of extractor 4
     */
    @FunctionalInterface
    public interface H4<A, B, C, D> extends Serializable {
        /** Handles the request; the result becomes the response. */
        Object handle(A a, B b, C c, D d) throws Exception;
    }

    /**
     * A handler of 5 extracted values.
     *
     * @param <A> the value of extractor 1
     * @param <B> the value of extractor 2
     * @param <C> the value of extractor 3
     * @param <D> the value of extractor 4
     * @param <E> the value of extractor 5
     */
    @FunctionalInterface
    public interface H5<A, B, C, D, E> extends Serializable {
        /** Handles the request; the result becomes the response. */
        Object handle(A a, B b, C c, D d, E e) throws Exception;
    }

    /**
     * A handler of 6 extracted values.
     *
     * @param <A> the value of extractor 1
     * @param <B> the value of extractor 2
     * @param <C> the value of extractor 3
     * @param <D> the value of extractor 4
     * @param <E> the value of extractor 5
     * @param <F> the value of extractor 6
     */
    @FunctionalInterface
    public interface H6<A, B, C, D, E, F> extends Serializable {
        /** Handles the request; the result becomes the response. */
        Object handle(A a, B b, C c, D d, E e, F f) throws Exception;
    }

    /** Runs {@code handler} on a virtual thread: a blocking handler of 0 value(s). */
    public static H0 blocking(H0 handler) {
        return () -> Blocking.call(handler, () -> handler.handle());
    }

    /** Runs {@code handler} on a virtual thread: a blocking handler of 1 value(s). */
    public static <A> H1<A> blocking(H1<A> handler) {
        return a -> Blocking.call(handler, () -> handler.handle(a));
    }

    /** Runs {@code handler} on a virtual thread: a blocking handler of 2 value(s). */
    public static <A, B> H2<A, B> blocking(H2<A, B> handler) {
        return (a, b) -> Blocking.call(handler, () -> handler.handle(a, b));
    }

    /** Runs {@code handler} on a virtual thread: a blocking handler of 3 value(s). */
    public static <A, B, C> H3<A, B, C> blocking(H3<A, B, C> handler) {
        return (a, b, c) -> Blocking.call(handler, () -> handler.handle(a, b, c));
    }

    /** Runs {@code handler} on a virtual thread: a blocking handler of 4 value(s). */
    public static <A, B, C, D> H4<A, B, C, D> blocking(H4<A, B, C, D> handler) {
        return (a, b, c, d) -> Blocking.call(handler, () -> handler.handle(a, b, c, d));
    }

    /** Runs {@code handler} on a virtual thread: a blocking handler of 5 value(s). */
    public static <A, B, C, D, E> H5<A, B, C, D, E> blocking(H5<A, B, C, D, E> handler) {
        return (a, b, c, d, e) -> Blocking.call(handler, () -> handler.handle(a, b, c, d, e));
    }

    /** Runs {@code handler} on a virtual thread: a blocking handler of 6 value(s). */
    public static <A, B, C, D, E, F> H6<A, B, C, D, E, F> blocking(H6<A, B, C, D, E, F> handler) {
        return (a, b, c, d, e, f) -> Blocking.call(handler, () -> handler.handle(a, b, c, d, e, f));
    }
}
