package dev.weft.server;

/** Reading a request body failed: the client went away, or the bytes broke the framing. */
public final class BodyReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param cause what went wrong */
    public BodyReadException(Throwable cause) {
        super("reading the request body failed: " + cause.getMessage(), cause);
    }
}
