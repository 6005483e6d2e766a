package dev.weft.metrics;

import static dev.weft.router.extract.Extractors.path;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.Router;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The endpoint over a real socket: every family of meters is there, in Prometheus's text format. */
@Timeout(60)
class PrometheusMetricsTest {

    @Test
    void servesRuntimeServerRouteAndJvmMeters() throws Exception {
        Router router = Router.create();
        try (PrometheusMetrics metrics = PrometheusMetrics.enable(router, "/internal/metrics")) {
            router.get("/users/{id}", path("id", long.class), id -> "user " + id);
            try (Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2).build(),
                    router)) {
                metrics.bind(server);
                for (int id : List.of(1, 2, 3)) {
                    assertTrue(get(server, "/users/" + id).startsWith("HTTP/1.1 200 "));
                }
                // Micrometer holds a meter's object weakly: the meters must not depend on one the
                // application does not hold (they read NaN after a collection if they do).
                System.gc();
                String response = get(server, "/internal/metrics");
                assertTrue(response.startsWith("HTTP/1.1 200 "), response);
                assertTrue(response.contains("\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"), response);
                String text = response.substring(response.indexOf("\r\n\r\n") + 4);
                for (String expected : List.of(
                        "http_server_requests_seconds_count{method=\"GET\",route=\"/users/{id}\",status=\"2xx\"} 3",
                        "http_server_requests_seconds_bucket{method=\"GET\",route=\"/users/{id}\",status=\"2xx\",le=\"0.001\"}",
                        "weft_server_requests_total ",
                        "weft_server_requests_in_flight ",
                        "weft_server_connections_open ",
                        "weft_server_connections_accepted_total ",
                        "weft_server_connections_closed_total{cause=\"done\"} ",
                        "weft_server_connections_closed_total{cause=\"idle_timeout\"} 0",
                        "weft_server_received_bytes_total ",
                        "weft_server_sent_bytes_total ",
                        "weft_server_codec_errors_total{kind=\"bad_header\"} 0",
                        "weft_runtime_polls_total{worker=\"0\"} ",
                        "weft_runtime_polls_total{worker=\"1\"} ",
                        "weft_runtime_steals_total{worker=\"1\"} ",
                        "weft_runtime_parks_total{worker=\"0\"} ",
                        "weft_runtime_local_queue_depth{worker=\"0\"} ",
                        "weft_runtime_injection_queue_depth ",
                        "weft_runtime_slow_polls_total 0",
                        "jvm_memory_used_bytes{",
                        "jvm_threads_live_threads ",
                        "jvm_gc_")) {
                    assertTrue(text.contains(expected), () -> "no '" + expected + "' in:\n" + text);
                }
                assertTrue(!text.contains("route=\"/users/1\""), "a raw path became a label");
                text.lines().filter(line -> line.startsWith("weft_")).forEach(line ->
                        assertTrue(!line.endsWith("NaN"),
                                () -> "a meter lost its source: " + line));
            }
        }
    }

    /**
     * The runtime's poll-time histogram: binding turns poll timing on, and the scrape carries a
     * cumulative histogram whose count grows with the requests served.
     */
    @Test
    void publishesThePollTimeHistogram() throws Exception {
        Router router = Router.create();
        try (PrometheusMetrics metrics = PrometheusMetrics.enable(router)) {
            router.get("/hello", () -> "hello");
            try (Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2).build(),
                    router)) {
                metrics.bind(server);
                assertTrue(server.runtime().pollTiming());
                long before = infCount(metrics.scrape());
                for (int i = 0; i < 20; i++) {
                    assertTrue(get(server, "/hello").startsWith("HTTP/1.1 200 "));
                }
                String text = metrics.scrape();
                assertTrue(text.contains("# TYPE weft_runtime_poll_duration_seconds histogram"), text);
                assertTrue(text.contains("weft_runtime_poll_duration_seconds_bucket{le=\"2.56E-7\"}"), text);
                assertTrue(text.contains("weft_runtime_poll_duration_seconds_sum "), text);
                long after = infCount(text);
                assertTrue(after > before, before + " -> " + after);
                long previous = -1;
                for (String line : text.lines().filter(l -> l.startsWith("weft_runtime_poll_duration_seconds_bucket")).toList()) {
                    long n = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    assertTrue(n >= previous, "cumulative: " + line);
                    previous = n;
                }
            }
        }
    }

    private static long infCount(String text) {
        return text.lines().filter(l -> l.startsWith("weft_runtime_poll_duration_seconds_bucket{le=\"+Inf\"}"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    /** One request on its own connection; the whole response, head and body. */
    private static String get(Server server, String target) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
