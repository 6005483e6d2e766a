package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.it.support.ExampleProcess;
import dev.weft.it.support.Wire;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ahead-of-time cache the build writes beside the examples jar ({@code weft-examples.aot}, from
 * the training run in the examples' {@code package} phase) is used by the command the README shows:
 * the JVM maps it, takes its pre-linked classes (with {@code -XX:AOTMode=on} it would refuse to
 * start otherwise), every Weft class of the start and of the first response comes from it, and
 * the first response is right; and the README shows that command with the training's options.
 */
@Timeout(120)
class AotCacheTest {
    private static final Pattern JVM_ARGS = Pattern.compile("<weft.aot.jvmArgs>([^<]*)</weft.aot.jvmArgs>");

    /** The training's options (examples/pom.xml, weft.aot.jvmArgs): a run must give the same. */
    private static String trainingOptions() throws Exception {
        Matcher m = JVM_ARGS.matcher(Files.readString(Path.of("..", "examples", "pom.xml")));
        assertTrue(m.find(), "examples/pom.xml has no weft.aot.jvmArgs");
        return m.group(1).trim();
    }

    @Test
    void theReadmeShowsTheCommandWithTheTrainingsOptions() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md")).replace("\\\n     ", "");
        String command = "java -XX:AOTCache=examples/target/weft-examples.aot " + trainingOptions()
                + " -jar examples/target/weft-examples.jar";
        assertTrue(readme.contains(command), "README.md does not show: " + command);
    }

    @Test
    void theExampleStartsFromTheCacheAndAnswers(@TempDir Path dir) throws Exception {
        Path cache = ExampleProcess.jar().resolveSibling("weft-examples.aot");
        assertTrue(Files.isRegularFile(cache), "the build did not write " + cache.toAbsolutePath()
                + " (the examples' package phase does, unless -Dweft.aot.skip=true)");
        Path classes = dir.resolve("classes.log");
        List<String> options = new ArrayList<>(List.of(trainingOptions().split("\\s+")));
        options.addAll(List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on", "-Xlog:aot",
                "-Xlog:class+load:file=" + classes));
        try (ExampleProcess example = ExampleProcess.start(options)) {
            try (Socket s = new Socket("127.0.0.1", example.port())) {
                Wire.send(s, "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
                Wire.RawResponse response = Wire.readResponse(s.getInputStream());
                assertEquals(200, response.status());
                assertEquals("Hello, World!", response.text());
            }
            List<String> output = example.output();
            assertTrue(output.stream().anyMatch(line -> line.contains("Opened AOT cache")),
                    "the JVM did not open the cache:\n" + String.join("\n", output));
            assertTrue(output.stream().anyMatch(line -> line.contains("Using AOT-linked classes: true")),
                    "the JVM did not use the cache's linked classes:\n" + String.join("\n", output));
            // Hidden classes (lambdas, Outer$$Lambda/0x...) are spun at run time in any case.
            List<String> notCached = Files.readAllLines(classes).stream()
                    .filter(line -> line.contains(" dev.weft.") && !line.contains("shared objects file")
                            && !line.contains("/0x"))
                    .toList();
            assertTrue(notCached.isEmpty(), "Weft classes of the start and first response that the "
                    + "cache lacks (does Training drive them?):\n  " + String.join("\n  ", notCached));
            example.sigterm();
            assertEquals(0, example.waitFor(30));
        }
    }
}
