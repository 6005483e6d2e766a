package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.it.support.ExampleProcess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code java -jar weft-examples.jar} on a JVM older than 25 prints one line saying that Java 25
 * is needed and which Java it found, and exits with status 1, instead of an
 * {@code UnsupportedClassVersionError} stack trace. Run with a real older JDK from
 * {@code /usr/lib/jvm} (CI installs {@code openjdk-17-jre-headless}).
 */
@Tag("transport-independent")
@Timeout(60)
class OldJavaLauncherTest {

    @Test
    void anOlderJavaIsToldInOneLineWhichJavaIsNeeded() throws Exception {
        Path java = olderJava();
        Process p = new ProcessBuilder(java.toString(), "-jar", ExampleProcess.jar().toString(), "--port", "0")
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, p.exitValue(), lines.toString());
        assertEquals(1, lines.size(), lines.toString());
        String line = lines.getFirst();
        assertTrue(line.startsWith("Weft needs Java 25 or newer, but this is Java 17 ("), line);
        assertTrue(line.contains(java.toRealPath().getParent().getParent().toString()), line);
    }

    /** A Java 17 under /usr/lib/jvm. */
    private static Path olderJava() throws IOException {
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            return jvms.filter(d -> d.getFileName().toString().contains("17"))
                    .map(d -> d.resolve("bin/java"))
                    .filter(Files::isExecutable)
                    .sorted()
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no Java 17 under /usr/lib/jvm: install openjdk-17-jre-headless"));
        }
    }
}
