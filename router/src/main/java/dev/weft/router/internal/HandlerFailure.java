package dev.weft.router.internal;

/** Carries a checked exception that a handler threw out of an {@code Async} poll; unwrapped before mapping. */
public final class HandlerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Wraps {@code cause}. */
    public HandlerFailure(Exception cause) {
        super(cause.getMessage(), cause, false, false);
    }
}
