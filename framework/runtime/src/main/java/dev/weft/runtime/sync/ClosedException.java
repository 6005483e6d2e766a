package dev.weft.runtime.sync;

/**
 * The other side of a channel is gone, or the primitive was closed: a oneshot whose sender was
 * closed without sending, a send to a channel whose receiver closed, an acquire on a closed
 * semaphore, a broadcast receive after all senders closed.
 */
public final class ClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public ClosedException(String message) {
        super(message);
    }
}
