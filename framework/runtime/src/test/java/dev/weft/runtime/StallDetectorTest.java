package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.internal.MultiThreadScheduler;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class StallDetectorTest {

    @Test
    void blockingPollIsReportedOnceWithNameAndStack() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).name("stall")
                .slowPollThreshold(Duration.ofMillis(40)).build()) {
            for (int i = 0; i < 1_000; i++) {
                rt.blockOn(rt.spawn(Async.ready(i))); // the worker renews its slots on the way
            }
            MultiThreadScheduler core = (MultiThreadScheduler) rt.core();
            rt.blockOn(rt.spawn("sleepy-handler", cx -> {
                // Blocks the worker, exactly what the detector is for, until it has been reported
                // (a fixed sleep could end before a starved detector thread sampled it enough).
                long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                try {
                    while (core.slowPolls() == 0 && System.nanoTime() - until < 0) {
                        Thread.sleep(10);
                    }
                    Thread.sleep(100); // and a while longer: one stall is reported once
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Poll.ready(null);
            }));
            rt.blockOn(rt.spawn("quick", Async.ready(1)));
            assertEquals(1, rt.metrics().slowPolls());
            String msg = core.lastSlowPollReport();
            assertTrue(msg.contains("sleepy-handler"), msg);
            assertTrue(msg.contains("stall-worker-0"), msg);
            assertTrue(msg.contains("Thread.sleep"), msg);
        }
    }

    /** Initialised by a poll: its static initialiser runs until the detector has seen it. */
    static final class SlowToInitialise {
        static final int VALUE;

        static {
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            try {
                while (Hook.core.firstUseSlowPolls() == 0 && System.nanoTime() - until < 0) {
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            VALUE = 42;
        }
    }

    /** Apart from SlowToInitialise: setting a static field of a class initialises it. */
    static final class Hook {
        static volatile MultiThreadScheduler core;
    }

    @Test
    void aPollInitialisingAClassIsAFirstUseNotABlockedWorker() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).name("first-use")
                .slowPollThreshold(Duration.ofMillis(40)).build()) {
            MultiThreadScheduler core = (MultiThreadScheduler) rt.core();
            Hook.core = core;
            int value = rt.blockOn(rt.spawn("initialising", cx -> Poll.ready(SlowToInitialise.VALUE)));
            assertEquals(42, value);
            rt.blockOn(rt.spawn("quick", Async.ready(1)));
            assertEquals(1, core.firstUseSlowPolls());
            assertEquals(0, rt.metrics().slowPolls(), core.lastSlowPollReport());
        }
    }

    @Test
    void disabledDetectorReportsNothing() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).slowPollThreshold(null).build()) {
            rt.blockOn(rt.spawn(Async.ready(1)));
            assertEquals(0, rt.metrics().slowPolls());
        }
    }

    /**
     * A first report often comes during start-up (a poll that loads classes on a loaded machine
     * takes over 100 ms), so writing it must spin no hidden class: an invokedynamic string
     * concatenation does, six classes the first time, which took StartupClassesTest past its limit.
     */
    @Test
    void theReportIsWrittenWithoutInvokedynamic() throws IOException {
        byte[] bytes;
        try (InputStream in = AsyncRuntime.class.getResourceAsStream("/dev/weft/runtime/internal/StallDetector.class")) {
            bytes = in.readAllBytes();
        }
        List<String> found = new ArrayList<>();
        for (MethodModel m : ClassFile.of().parse(bytes).methods()) {
            m.code().ifPresent(code -> code.elementStream()
                    .filter(e -> e instanceof InvokeDynamicInstruction)
                    .forEach(e -> found.add(m.methodName().stringValue() + ": "
                            + ((InvokeDynamicInstruction) e).bootstrapMethod().owner().descriptorString())));
        }
        assertEquals(List.of(), found, "invokedynamic call sites in StallDetector");
    }
}
