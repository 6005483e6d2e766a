package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.it.support.ExampleProcess;
import dev.weft.router.health.Health;
import dev.weft.server.ServerConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.yaml.snakeyaml.Yaml;

/**
 * The files in {@code deploy/} (systemd unit, Dockerfile, Kubernetes Deployment) checked as far as
 * this machine can: the unit passes {@code systemd-analyze verify}; the Dockerfile's CMD, run
 * against the jar the build makes with the image's environment, starts a server that answers its
 * probes and drains to exit 0 on SIGTERM (the image itself is not built); the Kubernetes YAML
 * parses and its ports, probe paths and drain timings agree with the example's defaults and with
 * each other; every setting in the three files is one {@link ServerConfig} accepts; and the README
 * shows the files as they are.
 */
@Timeout(120)
class DeployFilesTest {
    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Pattern ENV_LINE = Pattern.compile("(?m)^Environment=(\\w+)=(\\S+)$");

    private static String read(String name) throws Exception {
        return Files.readString(DEPLOY.resolve(name));
    }

    /** The Dockerfile's instructions, continuation lines joined. */
    private static List<String> instructions(String dockerfile) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            out.add(current.append(line).toString().strip());
            current.setLength(0);
        }
        return out;
    }

    private static String instruction(List<String> all, String keyword) {
        return all.stream().filter(i -> i.startsWith(keyword + " ")).map(i -> i.substring(keyword.length() + 1).strip())
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no " + keyword + " in the Dockerfile"));
    }

    private static List<String> dockerCmd() throws Exception {
        String cmd = instruction(instructions(read("Dockerfile")), "CMD");
        assertTrue(cmd.startsWith("[") && cmd.endsWith("]"), "CMD in exec form, so the JVM gets SIGTERM: " + cmd);
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(cmd);
        while (m.find()) {
            words.add(m.group(1));
        }
        return words;
    }

    private static Map<String, String> dockerEnv() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(WEFT_\\w+)=(\\S+)").matcher(instruction(instructions(read("Dockerfile")), "ENV"));
        while (m.find()) {
            env.put(m.group(1), m.group(2));
        }
        return env;
    }

    private static Map<String, String> unitEnv() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = ENV_LINE.matcher(read("weft.service"));
        while (m.find()) {
            env.put(m.group(1), m.group(2));
        }
        return env;
    }

    private static long seconds(String duration) {
        return ServerConfig.builder().environment(Map.of("WEFT_SHUTDOWN_DELAY", duration), Map.of()).build()
                .shutdownDelay().toSeconds();
    }

    /** The JVM flags between {@code java} and {@code -jar}, and the jar, of a command line. */
    private record JavaCommand(List<String> flags, String jar) {
        static JavaCommand of(List<String> words) {
            assertTrue(words.getFirst().endsWith("java"), "runs java: " + words);
            int jar = words.indexOf("-jar");
            assertTrue(jar > 0 && jar == words.size() - 2, "ends with -jar <jar>: " + words);
            return new JavaCommand(words.subList(1, jar), words.get(jar + 1));
        }
    }

    @Test
    void theDockerfileRunsTheJarTheBuildMakesOnAJdk25RuntimeAndItServesItsProbesAndDrains() throws Exception {
        List<String> all = instructions(read("Dockerfile"));
        assertTrue(instruction(all, "FROM").matches("eclipse-temurin:25(\\.[\\d.]+)?-jre.*"), instruction(all, "FROM"));
        String[] copy = instruction(all, "COPY").split("\\s+");
        assertEquals("examples/target/weft-examples.jar", copy[0], "the jar the examples module's build makes");
        assertEquals(ExampleProcess.jar().toRealPath(), Path.of("..").resolve(copy[0]).toRealPath());
        JavaCommand cmd = JavaCommand.of(dockerCmd());
        assertEquals(copy[1], cmd.jar(), "CMD runs the jar COPY put in the image");
        Map<String, String> env = dockerEnv();
        ServerConfig config = ServerConfig.builder().environment(env, Map.of()).build();
        assertEquals(Integer.parseInt(instruction(all, "EXPOSE")), config.port());

        // The CMD's flags with the image's environment, against the built jar (on a free port).
        try (ExampleProcess p = ExampleProcess.start(env, cmd.flags())) {
            try (HttpClient client = HttpClient.newHttpClient()) {
                for (String path : List.of(Health.DEFAULT_LIVENESS_PATH, Health.DEFAULT_READINESS_PATH)) {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + p.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, r.statusCode(), path + ": " + r.body());
                }
            }
            assertTrue(p.output().stream().noneMatch(l -> l.contains("WARNING")), "the JVM warned: " + p.output());
            p.sigterm();
            assertEquals(0, p.waitFor(30), "exit status after SIGTERM: " + p.output());
        }
    }

    @Test
    void theSystemdUnitVerifiesAndAgreesWithTheImage() throws Exception {
        String unit = read("weft.service");
        Matcher exec = Pattern.compile("(?m)^ExecStart=(.+)$").matcher(unit);
        assertTrue(exec.find());
        JavaCommand command = JavaCommand.of(List.of(exec.group(1).split(" ")));
        JavaCommand image = JavaCommand.of(dockerCmd());
        assertEquals(image.flags(), command.flags(), "the unit and the image run the JVM with the same flags");
        assertEquals(Path.of(image.jar()).getFileName(), Path.of(command.jar()).getFileName());
        Map<String, String> env = unitEnv();
        ServerConfig config = ServerConfig.builder().environment(env, Map.of()).build();
        Matcher stop = Pattern.compile("(?m)^TimeoutStopSec=(\\d+)s$").matcher(unit);
        assertTrue(stop.find());
        assertTrue(Long.parseLong(stop.group(1)) > config.shutdownDelay().toSeconds() + config.shutdownTimeout().toSeconds(),
                "systemd's stop timeout must outlast the drain");

        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
        // Verified as written, except that ExecStart names this machine's JDK 25 (verify checks
        // that the program exists, and /usr/bin/java may be another JDK or none).
        Path dir = Files.createTempDirectory("weft-unit");
        Path copy = dir.resolve("weft.service");
        Files.writeString(copy, unit.replace("ExecStart=/usr/bin/java ",
                "ExecStart=" + Path.of(System.getProperty("java.home"), "bin", "java") + " "));
        try {
            Process p = new ProcessBuilder(analyze.toString(), "verify", copy.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor());
            assertEquals("", out.strip(), "systemd-analyze verify complained");
        } finally {
            Files.delete(copy);
            Files.delete(dir);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKubernetesDeploymentMatchesTheExamplesDefaultsAndDrainsInTime() throws Exception {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(read("kubernetes.yaml"))) {
            docs.add((Map<String, Object>) doc);
        }
        Map<String, Object> deployment = docs.stream().filter(d -> "Deployment".equals(d.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> service = docs.stream().filter(d -> "Service".equals(d.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> pod = map(map(map(deployment, "spec"), "template"), "spec");
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).getFirst();

        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) container.get("env")) {
            env.put((String) e.get("name"), (String) e.get("value"));
        }
        ServerConfig config = ServerConfig.builder().environment(env, Map.of()).build();
        assertEquals(ServerConfig.defaults().port(), config.port(), "the example's default port");

        Map<String, Object> port = ((List<Map<String, Object>>) container.get("ports")).getFirst();
        assertEquals(config.port(), port.get("containerPort"));
        String portName = (String) port.get("name");
        Map<String, Object> readiness = map(map(container, "readinessProbe"), "httpGet");
        Map<String, Object> liveness = map(map(container, "livenessProbe"), "httpGet");
        assertEquals(Health.DEFAULT_READINESS_PATH, readiness.get("path"));
        assertEquals(Health.DEFAULT_LIVENESS_PATH, liveness.get("path"));
        assertEquals(portName, readiness.get("port"));
        assertEquals(portName, liveness.get("port"));
        assertEquals(portName, ((List<Map<String, Object>>) map(service, "spec").get("ports")).getFirst().get("targetPort"));
        assertEquals(map(map(map(deployment, "spec"), "selector"), "matchLabels"), map(service, "spec").get("selector"));

        int preStop = (Integer) map(map(map(container, "lifecycle"), "preStop"), "sleep").get("seconds");
        assertEquals(config.shutdownDelay().toSeconds(), preStop, "preStop lasts the drain delay");
        int grace = (Integer) pod.get("terminationGracePeriodSeconds");
        assertTrue(grace > preStop + config.shutdownDelay().toSeconds() + config.shutdownTimeout().toSeconds(),
                "the grace period must outlast preStop and the whole drain: " + grace);
        assertTrue(String.valueOf(container.get("image")).startsWith("weft-example"), "the image deploy/Dockerfile builds");
        assertEquals(dockerEnv().get("WEFT_SHUTDOWN_DELAY"), env.get("WEFT_SHUTDOWN_DELAY"));
        assertEquals(seconds(env.get("WEFT_SHUTDOWN_DELAY")), seconds(unitEnv().get("WEFT_SHUTDOWN_DELAY")));
    }

    @Test
    void theReadmeShowsTheFilesAsTheyAre() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (String name : List.of("weft.service", "Dockerfile", "kubernetes.yaml")) {
            assertTrue(readme.contains("```\n" + read(name) + "```\n"), "README.md does not show deploy/" + name + " as it is");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object child = parent.get(key);
        assertTrue(child instanceof Map, key + " missing in " + parent.keySet());
        return (Map<String, Object>) child;
    }
}
