package dev.weft.runtime.sync;

/**
 * A {@link Broadcast} receiver fell so far behind that {@link #missed()} messages were overwritten
 * before it read them. The receiver has been moved to the oldest message still held, so the next
 * receive continues from there.
 */
public final class LaggedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long missed;

    /** Creates an exception reporting {@code missed} lost messages. */
    public LaggedException(long missed) {
        super("receiver lagged: " + missed + " messages skipped");
        this.missed = missed;
    }

    /** How many messages this receiver will never see. */
    public long missed() {
        return missed;
    }
}
