package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.sync.Notify;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TaskDumpTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void listsWaitingTasksWithAgeAndPollsWhenTimed() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(2).name("dump").build()) {
            rt.pollTiming(true);
            Notify gate = new Notify();
            List<JoinHandle<Void>> waiters = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                waiters.add(Waits.spawnWaiting(rt, rt.spawn("waiter-" + i, gate.notified()), "waiter " + i + " waits"));
            }
            TaskDump dump = rt.taskDump(WAIT);
            Map<String, TaskDump.Entry> byName = dump.tasks().stream()
                    .collect(Collectors.toMap(TaskDump.Entry::name, Function.identity(), (a, b) -> a));
            assertEquals(List.of(), dump.unanswered());
            for (int i = 0; i < 20; i++) {
                TaskDump.Entry e = byName.get("waiter-" + i);
                assertTrue(e != null, "waiter-" + i + " missing from " + dump.tasks());
                assertEquals(TaskDump.State.WAITING, e.state(), e.toString());
                assertTrue(e.polls() >= 1, e.toString());
                assertTrue(e.ageNanos() > 0, e.toString());
                assertTrue(e.lastPollNanos() > 0, e.toString());
                assertEquals(List.of(), e.stack());
            }
            gate.notifyWaiters();
            for (JoinHandle<Void> w : waiters) {
                rt.blockOn(w);
            }
            TaskDump after = rt.taskDump(WAIT);
            assertFalse(after.tasks().stream().anyMatch(e -> e.name().startsWith("waiter-")), after.toString());
        }
    }

    @Test
    void untimedTasksHaveNoFigures() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).build()) {
            Notify gate = new Notify();
            JoinHandle<Void> h = Waits.spawnWaiting(rt, rt.spawn("plain", gate.notified()), "plain waits");
            TaskDump.Entry e = rt.taskDump(WAIT).tasks().stream().filter(t -> t.name().equals("plain"))
                    .findFirst().orElseThrow();
            assertEquals(-1, e.polls());
            assertEquals(-1, e.ageNanos());
            gate.notifyWaiters();
            rt.blockOn(h);
        }
    }

    /**
     * A task blocking its worker is listed as running with the worker's stack; the worker cannot
     * answer, so it is named as unanswered, and the other worker's tasks are still listed.
     */
    @Test
    void aBlockedWorkerShowsItsRunningTaskAndStack() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(2).name("stuck").slowPollThreshold(null).build()) {
            rt.pollTiming(true);
            CountDownLatch inside = new CountDownLatch(1);
            AtomicBoolean release = new AtomicBoolean();
            JoinHandle<Object> blocker = rt.spawn("blocking-handler", cx -> {
                inside.countDown();
                spinUntil(release);
                return Poll.ready(null);
            });
            assertTrue(inside.await(5, java.util.concurrent.TimeUnit.SECONDS));
            Notify gate = new Notify();
            JoinHandle<Void> waiter = Waits.spawnWaiting(rt, rt.spawn("other", gate.notified()), "other waits");
            TaskDump dump = rt.taskDump(Duration.ofMillis(500));
            release.set(true);
            TaskDump.Entry running = dump.tasks().get(0);
            assertEquals("blocking-handler", running.name(), dump.toString());
            assertEquals(TaskDump.State.RUNNING, running.state());
            assertTrue(running.worker().startsWith("stuck-worker-"), running.toString());
            assertTrue(running.stack().stream().anyMatch(f -> f.getMethodName().equals("spinUntil")), running.toString());
            assertEquals(1, dump.unanswered().size(), dump.toString());
            gate.notifyWaiters();
            rt.blockOn(blocker);
            rt.blockOn(waiter);
        }
    }

    private static void spinUntil(AtomicBoolean flag) {
        while (!flag.get()) {
            Thread.onSpinWait();
        }
    }

    @Test
    void refusedOnAWorker() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).build()) {
            JoinHandle<Object> h = rt.spawn(cx -> Poll.ready(rt.taskDump(WAIT)));
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> rt.blockOn(h));
            assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
        }
    }

    /**
     * Stress: dumps taken while workers spawn and finish thousands of short tasks (lists being
     * linked and unlinked under them) always list every long-lived task, exactly once, and end.
     */
    @Test
    void dumpsUnderChurnListEveryLongLivedTask() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(4).name("churn").build()) {
            rt.pollTiming(true);
            Notify gate = new Notify();
            List<JoinHandle<Void>> keep = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                keep.add(Waits.spawnWaiting(rt, rt.spawn("keep-" + i, gate.notified()), "keep " + i));
            }
            AtomicBoolean stop = new AtomicBoolean();
            List<JoinHandle<Object>> churners = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                churners.add(rt.spawn("churner-" + c, new Async<>() {
                    @Override
                    public Poll<Object> poll(Context cx) {
                        if (stop.get()) {
                            return Poll.ready(null);
                        }
                        for (int i = 0; i < 64; i++) {
                            AsyncRuntime.spawnHere("short", Async.ready(i));
                        }
                        cx.waker().wake();
                        return Poll.pending();
                    }
                }));
            }
            for (int round = 0; round < 50; round++) {
                TaskDump dump = rt.taskDump(WAIT);
                assertEquals(List.of(), dump.unanswered());
                long kept = dump.tasks().stream().filter(e -> e.name().startsWith("keep-")).count();
                long distinct = dump.tasks().stream().filter(e -> e.name().startsWith("keep-")).map(TaskDump.Entry::name)
                        .distinct().count();
                assertEquals(50, kept, "round " + round);
                assertEquals(50, distinct, "round " + round);
            }
            stop.set(true);
            gate.notifyWaiters();
            for (JoinHandle<Object> c : churners) {
                rt.blockOn(c);
            }
            for (JoinHandle<Void> k : keep) {
                rt.blockOn(k);
            }
        }
    }

    @Test
    void currentThreadRuntimeListsItsTasks() {
        try (AsyncRuntime rt = AsyncRuntime.currentThread()) {
            rt.pollTiming(true);
            Notify gate = new Notify();
            JoinHandle<Void> h = Waits.spawnWaiting(rt, rt.spawn("ct", gate.notified()), "ct waits");
            assertTrue(rt.taskDump(WAIT).tasks().stream().anyMatch(e -> e.name().equals("ct")));
            gate.notifyWaiters();
            rt.blockOn(h);
        }
    }
}
