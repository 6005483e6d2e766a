package dev.weft.runtime;

import java.time.Instant;
import java.util.List;

/**
 * The live tasks of a runtime at one moment ({@link AsyncRuntime#taskDump}): Tokio's task dump,
 * without a separate console. Age, polls and last poll time are known for tasks spawned while
 * the runtime {@linkplain AsyncRuntime#pollTiming(boolean) timed polls}, and -1 otherwise.
 *
 * <pre>{@code
 * TaskDump dump = runtime.taskDump(Duration.ofSeconds(1));
 * for (TaskDump.Entry t : dump.tasks()) System.out.println(t.name() + " " + t.state());
 * }</pre>
 *
 * @param takenAt     when the dump was taken
 * @param tasks       the live tasks, running ones first
 * @param unanswered  workers that did not answer in time (stuck in a poll): the tasks they
 *                    spawned are missing, except the one they are running
 */
public record TaskDump(Instant takenAt, List<Entry> tasks, List<String> unanswered) {

    public TaskDump {
        tasks = List.copyOf(tasks);
        unanswered = List.copyOf(unanswered);
    }

    /** What a task is doing. */
    public enum State {
        /** A worker is polling it now. */
        RUNNING,
        /** Woken, waiting in a run queue for a worker. */
        SCHEDULED,
        /** Waiting for a waker (I/O, a timer, a channel, another task). */
        WAITING;

        /** Lower-case name, as the endpoints print it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One live task.
     *
     * @param name          the task's name (given at spawn, or derived from its class)
     * @param state         what it is doing
     * @param ageNanos      time since it was spawned, or -1 when not timed
     * @param polls         times it was polled, or -1 when not timed
     * @param lastPollNanos its last finished poll's duration, or -1 when not timed
     * @param worker        for a running task, the worker's thread name; otherwise null
     * @param stack         for a running task, its worker's stack (innermost first); otherwise empty
     */
    public record Entry(String name, State state, long ageNanos, long polls, long lastPollNanos, String worker,
                        List<StackTraceElement> stack) {
        public Entry {
            stack = List.copyOf(stack);
        }
    }
}
