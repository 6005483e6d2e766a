package dev.weft.router;

import dev.weft.http.HttpStatus;
import dev.weft.server.Response;

/**
 * A typed error that is answered with its status as a problem detail, thrown from a handler:
 * <pre>{@code
 * Todo todo = store.find(id).orElseThrow(() -> new HttpException(HttpStatus.NOT_FOUND, "no todo " + id));
 * }</pre>
 * Subclass it (or implement {@link IntoResponse} on any exception) for richer errors.
 */
public class HttpException extends RuntimeException implements IntoResponse {
    private static final long serialVersionUID = 1L;

    private final HttpStatus status;

    /**
     * An error answered with {@code status} and {@code detail}.
     *
     * @throws IllegalArgumentException if {@code status} is not a 4xx or 5xx
     */
    public HttpException(HttpStatus status, String detail) {
        super(detail, null, false, false);
        if (status.code() < 400 || status.code() > 599) {
            throw new IllegalArgumentException("an error status is 4xx or 5xx: " + status);
        }
        this.status = status;
    }

    /** The status. */
    public HttpStatus status() {
        return status;
    }

    @Override
    public Response toResponse() {
        return Problem.of(status).detail(getMessage()).toResponse();
    }
}
