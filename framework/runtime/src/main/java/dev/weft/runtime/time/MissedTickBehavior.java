package dev.weft.runtime.time;

/**
 * What an {@link Interval} does when ticks were missed because the task was not polled in time
 * (Tokio's {@code MissedTickBehavior}). Say the period is 10 ms, ticks were due at 10, 20, 30, and
 * the task is next polled at 35.
 */
public enum MissedTickBehavior {
    /** Fire the missed ticks back to back (20 and 30 fire at once), then 40, 50... The default. */
    BURST,
    /** Fire once now and schedule the next tick one period from now (45, 55...). */
    DELAY,
    /** Fire once now and continue on the original grid, skipping missed ticks (40, 50...). */
    SKIP
}
