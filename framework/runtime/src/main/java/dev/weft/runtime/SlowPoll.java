package dev.weft.runtime;

import java.time.Instant;
import java.util.List;

/**
 * One poll the slow-poll detector caught running longer than its threshold: a handler blocking
 * its worker. The runtime keeps the last {@value #KEPT} ({@link AsyncRuntime#slowPolls()}).
 *
 * @param at            when the detector saw it
 * @param worker        the worker's thread name
 * @param task          the task's name
 * @param runningMillis how long the poll had been running then (it may have run longer)
 * @param stack         the worker's stack at that moment, innermost frame first
 */
public record SlowPoll(Instant at, String worker, String task, long runningMillis, List<StackTraceElement> stack) {
    /** How many incidents the runtime keeps, the newest ones. */
    public static final int KEPT = 32;

    public SlowPoll {
        stack = List.copyOf(stack);
    }
}
