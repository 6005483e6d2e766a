package dev.weft.runtime.internal;

import dev.weft.runtime.TaskDump;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Turns the tasks a census gathered into a {@link TaskDump}: each task's state, age and poll
 * figures (racy reads, see {@link TaskProbe}), and for a task a worker is polling now, that
 * worker's stack.
 */
final class TaskDumps {
    private TaskDumps() {
    }

    /**
     * @param tasks      the live tasks gathered (duplicates are dropped)
     * @param workers    the workers, to find who runs what (empty for the current-thread flavour)
     * @param unanswered names of the workers that did not answer
     */
    static TaskDump build(List<Task<?>> tasks, Worker[] workers, List<String> unanswered) {
        long now = System.nanoTime();
        Set<Task<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<TaskDump.Entry> out = new ArrayList<>(tasks.size() + workers.length);
        // Running tasks first, with their worker's stack; this also covers a stuck worker's task.
        for (Worker w : workers) {
            Task<?> t = w.currentTask();
            if (t != null && w.isPolling() && seen.add(t)) {
                StackTraceElement[] stack = w.thread.getStackTrace();
                if (w.isPolling() && w.currentTask() == t) {
                    out.add(entry(t, TaskDump.State.RUNNING, now, w.thread.getName(), Arrays.asList(stack)));
                } else {
                    seen.remove(t); // it finished while we looked: list it below as what it is now
                }
            }
        }
        for (Task<?> t : tasks) {
            if (!seen.add(t)) {
                continue;
            }
            int s = t.stateBits();
            if ((s & Task.COMPLETE) != 0) {
                continue;
            }
            TaskDump.State state = (s & Task.RUNNING) != 0 ? TaskDump.State.RUNNING
                    : (s & Task.NOTIFIED) != 0 ? TaskDump.State.SCHEDULED : TaskDump.State.WAITING;
            out.add(entry(t, state, now, null, List.of()));
        }
        out.sort(Comparator.comparing(TaskDump.Entry::state));
        return new TaskDump(Instant.now(), out, unanswered);
    }

    private static TaskDump.Entry entry(Task<?> t, TaskDump.State state, long now, String worker,
                                        List<StackTraceElement> stack) {
        TaskProbe p = t.probe;
        if (p == null) {
            return new TaskDump.Entry(t.name(), state, -1, -1, -1, worker, stack);
        }
        return new TaskDump.Entry(t.name(), state, Math.max(0, now - p.spawnedAtNanos), p.polls, p.lastPollNanos,
                worker, stack);
    }
}
