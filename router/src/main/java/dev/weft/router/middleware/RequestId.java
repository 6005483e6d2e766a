package dev.weft.router.middleware;

/**
 * The id of a request, set by {@link Layers#requestId()}; extract it with
 * {@code extension(RequestId.class)}.
 *
 * @param value the id
 */
public record RequestId(String value) {
}
