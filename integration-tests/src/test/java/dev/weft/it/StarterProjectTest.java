package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.it.support.ExampleProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's "Getting started" is true: {@code docs/starter} (the pom and hello world the README
 * shows) builds against this build's Weft jars with Maven, offline, and answers. The jars are put
 * in a repository of the test's own under {@code target/} (the layout {@code ./mvnw install}
 * makes), with the shared {@code ~/.m2} as a read-only tail for plugins and third-party
 * dependencies, so nothing is installed into it. The README must show the starter's dependency
 * and main method as they are.
 */
@Timeout(240)
class StarterProjectTest {

    private static final String VERSION = "0.1.0-SNAPSHOT";
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theStarterProjectBuildsAgainstThisBuildAndServesHelloWorld() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Path repo = target.resolve("starter-repo");
        Path project = target.resolve("starter");
        deleteTree(repo);
        deleteTree(project);
        seed(repo, "weft-parent", "pom.xml", null);
        seed(repo, "weft-framework-parent", "framework/pom.xml", null);
        seed(repo, "weft-http-codec", "http-codec/pom.xml", "http-codec/target");
        seed(repo, "weft-runtime", "framework/runtime/pom.xml", "framework/runtime/target");
        seed(repo, "weft-server", "framework/server/pom.xml", "framework/server/target");
        seed(repo, "weft-router", "router/pom.xml", "router/target");
        copyTree(ROOT.resolve("docs/starter"), project);

        List<String> command = List.of(ROOT.resolve("mvnw").toString(), "-B", "-ntp", "-o",
                "-Dmaven.repo.local=" + repo, "-Dmaven.repo.local.tail=" + Path.of(System.getProperty("user.home"),
                        ".m2", "repository"), "compile", "exec:exec", "-Dport=0");
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("MAVEN_ARGS");
        try (ExampleProcess starter = ExampleProcess.start(pb, 200);
             HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + starter.port();
            assertEquals("Hello, World!", http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertEquals("{\"message\":\"Hello, World!\"}", http.send(HttpRequest.newBuilder(URI.create(base + "/json"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            assertTrue(starter.output().stream().anyMatch(l -> l.contains("Weft listening on http://0.0.0.0:")),
                    starter.output().toString());
        }
    }

    @Test
    void theReadmeShowsTheStartersDependencyAndMainAsTheyAre() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String pom = Files.readString(ROOT.resolve("docs/starter/pom.xml"));
        String dependency = between(pom, "    <dependency>\n      <groupId>dev.weft</groupId>", "</dependency>\n");
        assertTrue(readme.contains(dependency.replace("${weft.version}", VERSION)),
                "README.md lacks the starter's dependency:\n" + dependency);
        String hello = Files.readString(ROOT.resolve("docs/starter/src/main/java/com/example/hello/Hello.java"));
        String main = between(hello, "    public static void main", "\n    }\n");
        assertTrue(readme.contains(main), "README.md lacks the starter's main method:\n" + main);
        assertTrue(readme.contains("./mvnw -q -DskipTests install"), "README.md does not say how to install Weft locally");
    }

    private static String between(String s, String from, String to) {
        int a = s.indexOf(from);
        int b = s.indexOf(to, a);
        assertTrue(a >= 0 && b > a, "not found: " + from);
        return s.substring(a, b + to.length());
    }

    /** Puts one module's pom (and jar) where {@code mvn install} would. */
    private static void seed(Path repo, String artifactId, String pom, String targetDir) throws IOException {
        Path dir = repo.resolve("dev/weft/" + artifactId + "/" + VERSION);
        Files.createDirectories(dir);
        Files.copy(ROOT.resolve(pom), dir.resolve(artifactId + "-" + VERSION + ".pom"));
        if (targetDir != null) {
            Path jar = ROOT.resolve(targetDir).resolve(artifactId + "-" + VERSION + ".jar");
            assertTrue(Files.isRegularFile(jar), "not built: " + jar + " (run verify with -am)");
            Files.copy(jar, dir.resolve(artifactId + "-" + VERSION + ".jar"));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path dest = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else if (!from.relativize(f).startsWith("target")) {
                    Files.copy(f, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(files.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
