package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.it.support.ExampleProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How the example jar picks its transport as it is really run: {@code java -jar} runs on NIO unless
 * told otherwise and its log says why; told a native transport, it runs on it with no flag and no
 * JDK warning (the manifest grants native access); on the class path without
 * {@code --enable-native-access} it runs on NIO, also with no warning; a transport that names none
 * or cannot run stops the start with a message, no stack trace. The build's {@code WEFT_TRANSPORT}
 * is taken out of each process's environment: these tests are about the choice itself, so the
 * suite's runs on the native transports leave them out.
 */
@Tag("transport-independent")
@Timeout(120)
class TransportChoiceTest {
    private static final String JDK_WARNING = "WARNING: A restricted method";

    private static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static ProcessBuilder example(Map<String, String> environment, String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of("--host", "127.0.0.1", "--port", "0"));
        ProcessBuilder b = new ProcessBuilder(all);
        b.environment().remove("WEFT_TRANSPORT");
        b.environment().putAll(environment);
        return b;
    }

    @Test
    void javaDashJarRunsOnNioUnlessToldAndSaysWhyWithNoWarning() throws Exception {
        ProcessBuilder b = example(Map.of(), java(), "-jar", ExampleProcess.jar().toString());
        try (ExampleProcess p = ExampleProcess.start(b, 30)) {
            assertTrue(p.output().stream().anyMatch(l -> l.contains("workers, nio transport, ready in")), p.output()::toString);
            assertTrue(p.output().stream().anyMatch(l -> l.contains("transport nio (auto: io_uring and epoll are used when chosen by name")),
                    p.output()::toString);
            assertFalse(p.output().stream().anyMatch(l -> l.contains(JDK_WARNING)), p.output()::toString);
        }
    }

    @Test
    void javaDashJarRunsOnTheTransportItIsToldWithNoFlagAndNoWarning() throws Exception {
        Assumptions.assumeTrue(linux(), "epoll is Linux only");
        ProcessBuilder b = example(Map.of("WEFT_TRANSPORT", "epoll"), java(), "-jar", ExampleProcess.jar().toString());
        try (ExampleProcess p = ExampleProcess.start(b, 30)) {
            assertTrue(p.output().stream().anyMatch(l -> l.contains("workers, epoll transport, ready in")), p.output()::toString);
            assertFalse(p.output().stream().anyMatch(l -> l.contains(JDK_WARNING)), p.output()::toString);
        }
    }

    @Test
    void onTheClassPathWithoutNativeAccessAutoRunsOnNioWithNoWarning() throws Exception {
        ProcessBuilder b = example(Map.of(), java(), "-cp", ExampleProcess.jar().toString(), "dev.weft.examples.Main");
        try (ExampleProcess p = ExampleProcess.start(b, 30)) {
            assertTrue(p.output().stream().anyMatch(l -> l.contains("workers, nio transport, ready in")), p.output()::toString);
            assertFalse(p.output().stream().anyMatch(l -> l.contains(JDK_WARNING)), p.output()::toString);
        }
    }

    @Test
    void aValueThatNamesNoTransportEndsWithStatusTwoNamingTheVariable() throws Exception {
        ExampleProcess.Exit o = ExampleProcess.runToExit(example(Map.of("WEFT_TRANSPORT", "uring"), java(), "-jar", ExampleProcess.jar().toString()), 30);
        assertEquals(2, o.status(), o.output());
        assertTrue(o.output().contains("error: environment variable WEFT_TRANSPORT='uring': transport must be one of "
                + "auto, io_uring, epoll, nio, was 'uring'"), o.output());
        assertFalse(o.output().contains("\tat "), "no stack trace: " + o.output());
    }

    @Test
    void aTransportThatCannotRunHereEndsWithStatusOneSayingWhy() throws Exception {
        // Where the JVM refuses native calls, io_uring cannot run, on any machine.
        ExampleProcess.Exit o = ExampleProcess.runToExit(example(Map.of("WEFT_TRANSPORT", "io_uring"), java(),
                "--illegal-native-access=deny", "-cp", ExampleProcess.jar().toString(), "dev.weft.examples.Main"), 30);
        assertEquals(1, o.status(), o.output());
        assertTrue(o.output().contains("error: the io_uring transport was configured but cannot run here: "
                + (linux() ? "native access is refused: " : "io_uring is Linux only")), o.output());
        assertFalse(o.output().contains("\tat "), "no stack trace: " + o.output());
    }
}
