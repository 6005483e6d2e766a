package dev.weft.runtime;

import java.util.concurrent.CancellationException;

/**
 * Thrown when awaiting a task that was {@linkplain JoinHandle#abort() aborted} (or cancelled by
 * runtime shutdown, a {@link JoinSet} closing, or a cancellation token).
 *
 * <p>It extends {@link CancellationException} so that {@link JoinHandle#toCompletableFuture()}
 * interoperates with code that already checks for cancelled futures.
 */
public final class CancelledException extends CancellationException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message. */
    public CancelledException(String message) {
        super(message);
    }
}
