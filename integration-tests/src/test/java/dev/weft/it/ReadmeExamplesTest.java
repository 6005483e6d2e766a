package dev.weft.it;

import static dev.weft.router.extract.Extractors.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.metrics.PrometheusMetrics;
import dev.weft.router.Router;
import dev.weft.router.health.Health;
import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.sync.Mpsc;
import dev.weft.runtime.time.Time;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The code shown in README.md, kept compiling and working here. */
@Timeout(30)
class ReadmeExamplesTest {

    record User(long id, String name) {
    }

    @Test
    void helloWorldRouter() throws Exception {
        Router router = Router.create()
                .get("/", () -> "Hello, World!")
                .get("/users/{id}", path("id", long.class), id -> new User(id, "user " + id));
        Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).build(), router);
        try (HttpClient client = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + server.port();
            assertEquals("Hello, World!", get(client, base + "/").body());
            assertEquals("{\"id\":7,\"name\":\"user 7\"}", get(client, base + "/users/7").body());
            HttpResponse<String> bad = get(client, base + "/users/abc");
            assertEquals(400, bad.statusCode());
            assertEquals("application/problem+json", bad.headers().firstValue("content-type").orElseThrow());
            assertEquals(true, bad.body().contains("path parameter 'id': 'abc' is not a long"), bad.body());
        } finally {
            server.shutdown(Duration.ofSeconds(5));
        }
    }

    /** The database of the Deploying section's example. */
    static final class Database {
        volatile boolean up = true;

        void ping() {
            if (!up) {
                throw new IllegalStateException("no connection");
            }
        }
    }

    @Test
    void deployingSection() throws Exception {
        Database database = new Database();
        Router router = Router.create()
                .merge(Health.builder()
                        .check("database", Duration.ofSeconds(1), () -> database.ping())
                        .build()
                        .router())
                .get("/", () -> "Hello, World!");
        // The README reads the real environment (ServerConfig.fromEnvironment()) and installs the
        // signal handling; a test passes the environment as a map and leaves the JVM's signals alone.
        Server server = Server.start(ServerConfig.builder()
                .environment(Map.of("WEFT_HOST", "127.0.0.1", "WEFT_PORT", "0", "WEFT_SHUTDOWN_DELAY", "0s"), Map.of())
                .build(), router);
        try (HttpClient client = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + server.port();
            assertEquals("ok\n", get(client, base + "/livez").body());
            assertEquals("ready\n", get(client, base + "/readyz").body());
            database.up = false;
            HttpResponse<String> notReady = get(client, base + "/readyz");
            assertEquals(503, notReady.statusCode());
            assertEquals("not ready\ncheck 'database' failed: java.lang.IllegalStateException: no connection\n",
                    notReady.body());
            assertEquals("Hello, World!", get(client, base + "/").body());
        } finally {
            server.shutdown();
        }
    }

    /** The balancer configurations the README shows are the ones the rolling-restart tests run. */
    @Test
    void deployingSectionShowsTheTestedBalancerConfigurations() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<Integer> instances = List.of(8081, 8082, 8083);
        assertTrue(readme.contains("```\n" + HaproxyRollingRestartTest.config(80, instances) + "```\n"),
                "README.md does not show HaproxyRollingRestartTest's configuration");
        assertTrue(readme.contains("```\n" + NginxRollingRestartTest.config(Path.of("/var/lib/nginx/weft"), 80, instances)
                + "```\n"), "README.md does not show NginxRollingRestartTest's configuration");
    }

    @Test
    void observabilitySection() throws Exception {
        Router router = Router.create().get("/users/{id}", path("id", long.class), id -> "user " + id);
        PrometheusMetrics metrics = PrometheusMetrics.enable(router);
        Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).build(), router);
        metrics.bind(server);
        try (HttpClient client = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + server.port();
            assertEquals("user 7", get(client, base + "/users/7").body());
            String text = get(client, base + "/metrics").body();
            assertTrue(text.contains("http_server_requests_seconds_count{method=\"GET\",route=\"/users/{id}\",status=\"2xx\"} 1"),
                    text);
            assertTrue(text.contains("weft_server_requests_total "), text);
            assertTrue(text.contains("weft_runtime_polls_total{worker=\"0\"} "), text);
        } finally {
            server.shutdown(Duration.ofSeconds(5));
            metrics.close();
        }
    }

    @Test
    void runtimeSection() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(2).build()) {
            String winner = rt.blockOn(Async.race(
                    Time.sleep(Duration.ofMillis(50)).map(v -> "timer"),
                    rt.spawnBlocking(() -> slowLookup())));
            assertEquals("timer", winner);
            Mpsc.Channel<Integer> ch = Mpsc.bounded(16);
            rt.spawn(ch.sender().send(42));
            int n = rt.blockOn(Time.timeout(Duration.ofSeconds(1), ch.receiver().recv()));
            assertEquals(42, n);
        }
    }

    private static String slowLookup() throws InterruptedException {
        Thread.sleep(2_000); // a slow blocking call, for the timer to win the race against
        return "lookup";
    }

    private static HttpResponse<String> get(HttpClient client, String uri) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
