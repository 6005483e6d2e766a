package dev.weft.router;

import dev.weft.http.HttpStatus;
import dev.weft.server.Response;

/**
 * A typed error that is answered with its status as a problem detail, thrown from a handler:
 * <pre>{@code
 * Todo todo = store.find(id).orElseThrow(() -> new HttpException(404, "no todo " + id));
 * }</pre>
 * Subclass it (or implement {@link IntoResponse} on any exception) for richer errors.
 */
public class HttpException extends RuntimeException implements IntoResponse {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** An error answered with {@code status} and {@code detail}. */
    public HttpException(int status, String detail) {
        super(detail, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 4xx or 5xx: " + status);
        }
        this.status = status;
    }

    /** An error answered with {@code status} and {@code detail}. */
    public HttpException(HttpStatus status, String detail) {
        this(status.code(), detail);
    }

    /** The status code. */
    public int status() {
        return status;
    }

    @Override
    public Response toResponse() {
        return Problem.of(status).detail(getMessage()).toResponse();
    }
}
