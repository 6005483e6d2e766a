package dev.weft.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.Router;
import dev.weft.router.middleware.Layers;
import dev.weft.runtime.Async;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's refusal and timeout counters in Prometheus's text: each event is forced through a
 * real socket, the series moves by exactly the events sent, and Debian's {@code promtool} (from
 * the {@code prometheus} package, which CI installs) accepts the scrape.
 */
@Timeout(60)
class ServerMetersTest {

    @Test
    void refusedConnectionsAndOverloadedRequestsAreCounted(@TempDir Path dir) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> gate = new CompletableFuture<>();
        Router router = Router.create().group(Layers.concurrencyLimit(1), limited -> limited
                .get("/held", () -> {
                    started.countDown();
                    return Async.fromFuture(gate);
                }));
        try (PrometheusMetrics metrics = PrometheusMetrics.enable(router);
             Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2)
                     .maxConnections(2).rejectExcessConnections(true).build(), router)) {
            metrics.bind(server);
            String before = metrics.scrape();
            assertEquals(0, value(before, "weft_server_connections_refused_total"), before);
            assertEquals(0, value(before, "weft_server_requests_overloaded_total"), before);

            try (Socket holder = open(server); Socket second = open(server)) {
                send(holder, "GET /held HTTP/1.1\r\nHost: x\r\n\r\n");
                started.await();
                // The only permit is taken: the concurrency limit answers 503 (the connection stays).
                send(second, "GET /held HTTP/1.1\r\nHost: x\r\n\r\n");
                assertTrue(readResponse(second.getInputStream()).startsWith("HTTP/1.1 503 "));
                // Both connections are open: the third is refused by the connection limit.
                try (Socket third = open(server)) {
                    send(third, "GET /held HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                    String refused = new String(third.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    assertTrue(refused.startsWith("HTTP/1.1 503 "), refused);
                }
                gate.complete("done");
                assertTrue(readResponse(holder.getInputStream()).startsWith("HTTP/1.1 200 "));
            }
            String after = scrapeOnceMoved(metrics, "weft_server_connections_refused_total");
            assertEquals(1, value(after, "weft_server_connections_refused_total"), after);
            assertEquals(1, value(after, "weft_server_requests_overloaded_total"), after);
            assertEquals(0, value(after, "weft_server_requests_timed_out_total"), after);
            promtoolAccepts(dir, after);
        }
    }

    @Test
    void requestsTimedOutByTheServerAndByTheTimeoutLayerAreCounted(@TempDir Path dir) throws Exception {
        String headerTimeouts = "weft_server_connections_closed_total{cause=\"header_timeout\"}";
        Router router = Router.create()
                .get("/never", () -> Async.<String>never())
                .group(Layers.timeout(Duration.ofMillis(100)), bounded -> bounded
                        .get("/slow", () -> Async.<String>never()));
        try (PrometheusMetrics metrics = PrometheusMetrics.enable(router);
             Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2)
                     .requestTimeout(Duration.ofMillis(300)).headerReadTimeout(Duration.ofMillis(300)).build(), router)) {
            metrics.bind(server);
            assertEquals(0, value(metrics.scrape(), "weft_server_requests_timed_out_total"));
            try (Socket s = open(server)) {
                send(s, "GET /never HTTP/1.1\r\nHost: x\r\n\r\n");
                String byServer = readResponse(s.getInputStream());
                assertTrue(byServer.startsWith("HTTP/1.1 503 "), byServer);
                send(s, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
                String byLayer = readResponse(s.getInputStream());
                assertTrue(byLayer.startsWith("HTTP/1.1 503 "), byLayer);
            }
            // A head that never ends is not a request: it is counted as a connection closed by
            // the header-read timeout.
            try (Socket s = open(server)) {
                send(s, "GET /never HTTP/1.1\r\nHost: x\r\n");
                String late = readResponse(s.getInputStream());
                assertTrue(late.startsWith("HTTP/1.1 408 "), late);
            }
            String after = scrapeOnceMoved(metrics, headerTimeouts);
            assertEquals(1, value(after, headerTimeouts), after);
            assertEquals(2, value(after, "weft_server_requests_timed_out_total"), after);
            assertEquals(0, value(after, "weft_server_requests_overloaded_total"), after);
            assertEquals(0, value(after, "weft_server_connections_refused_total"), after);
            promtoolAccepts(dir, after);
        }
    }

    /**
     * A scrape in which {@code name} is no longer zero. A scrape reuses the server's snapshot for
     * a moment (so that one scrape's meters agree), so the one right after the events may not
     * show them yet; the test's timeout bounds the wait.
     */
    private static String scrapeOnceMoved(PrometheusMetrics metrics, String name) throws InterruptedException {
        for (;;) {
            String scrape = metrics.scrape();
            if (value(scrape, name) != 0) {
                return scrape;
            }
            Thread.sleep(20);
        }
    }

    /** The value of the series {@code name} (labels included, as written); fails when the scrape lacks it. */
    private static double value(String scrape, String name) {
        return scrape.lines().filter(l -> l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in:\n" + scrape));
    }

    private static void promtoolAccepts(Path dir, String scrape) throws Exception {
        Path file = dir.resolve("metrics.txt");
        Files.writeString(file, scrape);
        Process promtool = new ProcessBuilder("promtool", "check", "metrics")
                .redirectInput(file.toFile()).redirectErrorStream(true).start();
        String verdict = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, promtool.exitValue(), "promtool check metrics refused the output:\n" + verdict);
    }

    private static Socket open(Server server) throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(20_000);
        return s;
    }

    private static void send(Socket s, String request) throws IOException {
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads one response with a Content-Length body; returns its head. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the end of the head: " + head);
            }
            head.append((char) b);
        }
        String h = head.toString();
        int at = h.toLowerCase(Locale.ROOT).indexOf("\r\ncontent-length: ");
        int end = h.indexOf("\r\n", at + 2);
        in.readNBytes(Integer.parseInt(h.substring(at + 18, end).trim()));
        return h;
    }
}
