package dev.weft.router;

import dev.weft.server.Response;

/**
 * A value that knows its HTTP response. Handlers may return one, and exceptions that implement it
 * (typed errors) are answered with it instead of a 500:
 * <pre>{@code
 * final class TodoNotFound extends RuntimeException implements IntoResponse {
 *     public Response toResponse() { return Problem.of(HttpStatus.NOT_FOUND).detail(getMessage()).toResponse(); }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface IntoResponse {

    /** The response. */
    Response toResponse();
}
