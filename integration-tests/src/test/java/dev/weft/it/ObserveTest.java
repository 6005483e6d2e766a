package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.it.support.Await;
import dev.weft.it.support.ExampleProcess;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example with {@code --observe}, checked by the tools an operator uses: Debian's
 * {@code promtool} lints what {@code GET /metrics} serves, and a real Prometheus server scrapes
 * the example and answers a query for requests this test sent. Both programs come from Debian's
 * {@code prometheus} package, which CI installs; a missing program fails the test.
 */
@Timeout(120)
class ObserveTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void promtoolAcceptsWhatTheMetricsEndpointServes(@TempDir Path dir) throws Exception {
        try (ExampleProcess example = ExampleProcess.start(List.of(), "--observe")) {
            get(example, "/plaintext");
            get(example, "/user/7");
            get(example, "/no/such/path");
            HttpResponse<String> metrics = get(example, "/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("weft_server_requests_total"), metrics.body());
            Path scraped = dir.resolve("metrics.txt");
            Files.writeString(scraped, metrics.body());
            Process promtool = new ProcessBuilder("promtool", "check", "metrics")
                    .redirectInput(scraped.toFile()).redirectErrorStream(true).start();
            String verdict = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(promtool.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
            assertEquals(0, promtool.exitValue(), "promtool check metrics refused the output:\n" + verdict);
        }
    }

    /** --metrics records and serves the metrics, and turns on nothing else of --observe. */
    @Test
    void metricsAloneServeTheMetricsAndNothingElse() throws Exception {
        try (ExampleProcess example = ExampleProcess.start(List.of(), "--metrics")) {
            HttpResponse<String> plain = get(example, "/plaintext");
            assertEquals(200, plain.statusCode());
            assertTrue(plain.headers().firstValue("traceresponse").isEmpty(), plain.headers().toString());
            assertTrue(plain.headers().firstValue("X-Request-Id").isEmpty(), plain.headers().toString());
            assertEquals(404, get(example, "/debug/tasks").statusCode());
            assertEquals(404, get(example, "/debug/runtime").statusCode());
            HttpResponse<String> metrics = get(example, "/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("http_server_requests_seconds_count{method=\"GET\",route=\"/plaintext\",status=\"2xx\"} 1"),
                    metrics.body());
            assertTrue(metrics.body().contains("weft_runtime_poll_duration_seconds"), metrics.body());
        }
    }

    @Test
    void aPrometheusServerScrapesTheRequestsTheTestSent(@TempDir Path dir) throws Exception {
        try (ExampleProcess example = ExampleProcess.start(List.of(), "--observe")) {
            int sent = 7;
            for (int id = 1; id <= sent; id++) {
                assertEquals(200, get(example, "/user/" + id).statusCode());
            }
            int prometheusPort = freePort();
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      scrape_timeout: 1s
                    scrape_configs:
                      - job_name: weft
                        metrics_path: /metrics
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(example.port()));
            Process prometheus = new ProcessBuilder("prometheus",
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + prometheusPort)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            try {
                String query = "sum(http_server_requests_seconds_count{job=\"weft\",route=\"/user/{id}\",status=\"2xx\"})";
                URI uri = URI.create("http://127.0.0.1:" + prometheusPort + "/api/v1/query?query="
                        + URLEncoder.encode(query, StandardCharsets.UTF_8));
                AtomicReference<String> last = new AtomicReference<>("no answer yet");
                Await.until(Duration.ofSeconds(60), () -> "Prometheus never answered " + sent + " for " + query
                        + "; last answer: " + last.get() + "\nits log:\n" + log(dir), () -> {
                    last.set(queryValue(uri));
                    return Integer.toString(sent).equals(last.get());
                });
            } finally {
                prometheus.destroy();
                if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly();
                    prometheus.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    void observeKeepsTheCallersTraceId() throws Exception {
        try (ExampleProcess example = ExampleProcess.start(List.of(), "--observe")) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + example.port()
                    + "/plaintext")).header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                    .build(), HttpResponse.BodyHandlers.ofString());
            String traceresponse = r.headers().firstValue("traceresponse").orElse("none");
            assertTrue(traceresponse.matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01"), traceresponse);
            // Observing writes no access line of its own: that is --access-log=json.
            example.sigterm();
            assertEquals(0, example.waitFor(30));
            assertTrue(example.output().stream().noneMatch(line -> line.contains("\"route\":")),
                    example.output().toString());
        }
    }

    @Test
    void withoutObserveThereIsNoMetricsEndpointAndNoTraceContext() throws Exception {
        try (ExampleProcess example = ExampleProcess.start(List.of())) {
            assertEquals(404, get(example, "/metrics").statusCode());
            assertTrue(get(example, "/plaintext").headers().firstValue("traceresponse").isEmpty());
            assertEquals(404, get(example, "/debug/tasks").statusCode());
            assertEquals(404, get(example, "/debug/runtime").statusCode());
            assertTrue(example.output().stream().noneMatch(line -> line.contains("\"route\":")), example.output().toString());
        }
    }

    /** --observe serves the task dump and the dashboard to this (loopback) client; --access-log=json logs JSON lines. */
    @Test
    void observeServesTheDebugEndpointsAndAJsonAccessLog() throws Exception {
        try (ExampleProcess example = ExampleProcess.start(List.of(), "--observe", "--access-log=json")) {
            HttpResponse<String> tasks = get(example, "/debug/tasks");
            assertEquals(200, tasks.statusCode());
            assertTrue(tasks.body().contains("acceptor"), tasks.body());
            HttpResponse<String> json = get(example, "/debug/tasks?format=json");
            assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            JsonNode dump = JsonMapper.builder().build().readTree(json.body());
            assertTrue(dump.get("tasks").size() >= 2, json.body());
            HttpResponse<String> page = get(example, "/debug/runtime");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Weft runtime"), page.body());

            assertEquals(200, get(example, "/user/42").statusCode());
            AtomicReference<JsonNode> line = new AtomicReference<>();
            Await.until(Duration.ofSeconds(10), () -> "no JSON access line for /user/42 in " + example.output(), () -> {
                for (String l : example.output()) {
                    int brace = l.indexOf("{\"client\"");
                    if (brace >= 0 && l.contains("/user/42")) {
                        line.set(JsonMapper.builder().build().readTree(l.substring(brace)));
                        return true;
                    }
                }
                return false;
            });
            JsonNode access = line.get();
            assertEquals("/user/{id}", access.get("route").asString());
            assertEquals(200, access.get("status").asInt());
            assertTrue(access.get("client").asString().startsWith("127.0.0.1:"), access.toString());
            assertEquals(32, access.get("request_id").asString().length(), access.toString());
            assertEquals(32, access.get("trace_id").asString().length(), access.toString());
        }
    }

    private static HttpResponse<String> get(ExampleProcess example, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + example.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final Pattern SAMPLE_VALUE = Pattern.compile("\"value\":\\[[^,]+,\"([^\"]+)\"\\]");

    /** The value of an instant query's single sample, or what Prometheus said instead. */
    private static String queryValue(URI uri) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = SAMPLE_VALUE.matcher(r.body());
            return m.find() ? m.group(1) : r.statusCode() + " " + r.body();
        } catch (IOException e) {
            return "not listening yet: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
