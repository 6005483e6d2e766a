package dev.weft.runtime.internal.transport;

/**
 * What a handle sees of the worker it registered with: that worker's {@link Poller} and the two
 * hooks of its park protocol. Implemented by the runtime's {@code Driver}.
 */
public interface Reactor {
    /** The poller of this worker, created by the runtime's transport. */
    Poller poller();

    /**
     * Wakes the owner only if it is parked: a registration or interest change made from another
     * thread then takes effect; a busy owner gets there at its next poll. Any thread.
     */
    void wakeIfParked();

    /**
     * Runs {@code action} on the owner after its next {@link Poller#poll}, or at once if the
     * reactor is closed. Any thread.
     */
    void afterNextPoll(Runnable action);
}
