package dev.weft.server;

/** A body was larger than the limit of whoever buffered it; it maps to {@code 413 Content Too Large}. */
public final class BodyTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long limit;

    /** @param limit the limit in bytes that was exceeded */
    public BodyTooLargeException(long limit) {
        super("request body is larger than the limit of " + limit + " bytes");
        this.limit = limit;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }
}
