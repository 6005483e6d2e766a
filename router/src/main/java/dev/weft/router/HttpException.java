package dev.weft.router;

import dev.weft.http.HttpStatus;
import dev.weft.server.Response;

/**
 * A typed error that is answered with its status as a problem detail, thrown from a handler:
 * <pre>{@code
 * Todo todo = store.find(id).orElseThrow(() -> new HttpException(HttpStatus.NOT_FOUND, "no todo " + id));
 * }</pre>
 * Subclass it and override {@link #problem()} for richer errors (extension members are then
 * written with the router's JSON mapper), or implement {@link IntoResponse} on any exception.
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

    /** The problem detail this error is answered with: its status and message as the detail. */
    public Problem problem() {
        return Problem.of(status).detail(getMessage());
    }

    /** {@link #problem()} as a response; override {@code problem()} to change it. */
    @Override
    public final Response toResponse() {
        return problem().toResponse();
    }
}
