package dev.weft.router;

import dev.weft.http.HttpStatus;
import dev.weft.server.Response;

/**
 * Why an extractor refused a request: which part of the request ({@link #source()}, such as
 * {@code "path parameter 'id'"}), why ({@link #reason()}, such as {@code "'abc' is not a long"}),
 * and the 4xx status. It is answered as {@code application/problem+json} (RFC 9457) with the
 * detail {@code "path parameter 'id': 'abc' is not a long"} — never as a 500.
 *
 * <pre>{@code
 * throw Rejection.invalid("header 'X-Tenant'", "'" + raw + "' is not a tenant id");
 * }</pre>
 *
 * <p>Rejections carry no stack trace: they are expected, and frequent under a scan.
 */
public final class Rejection extends RuntimeException implements IntoResponse {
    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String source;
    private final String reason;
    private final boolean missing;

    private Rejection(HttpStatus status, String source, String reason, boolean missing) {
        super(source + ": " + reason, null, false, false);
        this.status = status;
        this.source = source;
        this.reason = reason;
        this.missing = missing;
    }

    /** {@code 400}: the request lacks {@code source} ("query parameter 'page'"). */
    public static Rejection missing(String source) {
        return new Rejection(HttpStatus.BAD_REQUEST, source, "missing", true);
    }

    /** {@code 400}: {@code source} is present but unusable, because of {@code reason}. */
    public static Rejection invalid(String source, String reason) {
        return new Rejection(HttpStatus.BAD_REQUEST, source, reason, false);
    }

    /** A rejection with another 4xx (or 5xx) status, such as 415 or 413. */
    public static Rejection of(HttpStatus status, String source, String reason) {
        if (status.code() < 400 || status.code() > 599) {
            throw new IllegalArgumentException("a rejection status is 4xx or 5xx: " + status);
        }
        return new Rejection(status, source, reason, false);
    }

    /** Throws this rejection; typed so that it fits in an expression. */
    public <T> T raise() {
        throw this;
    }

    /** The status. */
    public HttpStatus status() {
        return status;
    }

    /** The part of the request that was refused. */
    public String source() {
        return source;
    }

    /** Why. */
    public String reason() {
        return reason;
    }

    /** True when the value was absent rather than wrong: {@code optional(...)} extractors turn it into empty. */
    public boolean isMissing() {
        return missing;
    }

    /** The problem detail this rejection is answered with. */
    public Problem problem() {
        return Problem.of(status).detail(getMessage());
    }

    @Override
    public Response toResponse() {
        return problem().toResponse();
    }
}
