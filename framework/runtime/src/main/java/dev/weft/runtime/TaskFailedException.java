package dev.weft.runtime;

/**
 * Thrown when awaiting the {@link JoinHandle} of a task whose poll threw. The task's own exception
 * is the {@linkplain #getCause() cause}; wrapping (rather than rethrowing) keeps the awaiting
 * task's stack trace and makes "the other task failed" distinguishable from "I failed".
 */
public final class TaskFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception for the task named {@code taskName} that failed with {@code cause}. */
    public TaskFailedException(String taskName, Throwable cause) {
        super("task " + taskName + " failed: " + cause, cause);
    }
}
