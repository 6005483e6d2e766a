package dev.weft.router.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.Router;
import dev.weft.router.test.TestClient;
import dev.weft.router.test.TestResponse;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;
import dev.weft.server.ServerPhase;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class HealthTest {

    @Test
    void livenessAndReadinessAnswerAtTheirDefaultPaths() {
        TestClient client = TestClient.of(Router.create().merge(Health.routes()).get("/", () -> "home"));
        assertEquals(200, client.get("/livez").status());
        assertEquals("ok\n", client.get("/livez").text());
        TestResponse ready = client.get("/readyz");
        assertEquals(200, ready.status());
        assertEquals("ready\n", ready.text());
        assertEquals("home", client.get("/").text());
    }

    @Test
    void pathsAreConfigurableAndBadOnesAreRefusedNamingThem() {
        Health health = Health.builder().livenessPath("/health/live").readinessPath("/health/ready").build();
        TestClient client = TestClient.of(Router.create().merge(health.router()));
        assertEquals(200, client.get("/health/live").status());
        assertEquals(200, client.get("/health/ready").status());
        assertEquals(404, client.get("/readyz").status());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Health.builder().readinessPath("ready"));
        assertEquals("readiness path must start with '/', was 'ready'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Health.builder().check("db", Duration.ZERO, () -> { }));
        assertEquals("health check 'db': timeout must be positive, was PT0S", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Health.builder().check("db", Duration.ofSeconds(1), () -> { }).check("db", Duration.ofSeconds(1), () -> { }));
        assertEquals("health check 'db' is added twice", e.getMessage());
    }

    @Test
    void checksRunOnVirtualThreadsAndAThrowingOneIsNamed() {
        AtomicBoolean ranOnVirtualThread = new AtomicBoolean();
        Health health = Health.builder()
                .check("cache", Duration.ofSeconds(5), () -> ranOnVirtualThread.set(Thread.currentThread().isVirtual()))
                .check("database", Duration.ofSeconds(5), () -> {
                    throw new IllegalStateException("connection refused");
                })
                .build();
        TestResponse r = TestClient.of(Router.create().merge(health.router())).get("/readyz");
        assertEquals(503, r.status());
        assertEquals("not ready\ncheck 'database' failed: java.lang.IllegalStateException: connection refused\n", r.text());
        assertTrue(ranOnVirtualThread.get(), "the check did not run on a virtual thread");
    }

    @Test
    void aCheckThatHangsMakesReadiness503AtItsTimeoutAndIsInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Health health = Health.builder()
                .check("queue", Duration.ofMillis(200), () -> {
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                })
                .build();
        TestResponse r = TestClient.of(Router.create().merge(health.router())).get("/readyz");
        assertEquals(503, r.status());
        assertEquals("not ready\ncheck 'queue' timed out after PT0.2S\n", r.text());
        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the hanging check was not interrupted");
    }

    @Test
    void readinessTurns503TheMomentTheServerDrainsWhileOtherRoutesStillServe() throws Exception {
        Router router = Router.create().merge(Health.routes()).get("/hello", () -> "hello");
        Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(1).build(), router);
        try {
            assertTrue(get(server, "/readyz").startsWith("HTTP/1.1 200"));
            Duration longDelay = Duration.ofSeconds(50);
            CompletableFuture<Boolean> stopped = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> stopped.complete(server.shutdown(longDelay, longDelay)));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.phase() == ServerPhase.SERVING) {
                assertTrue(System.nanoTime() < end, "the server did not begin to drain");
                Thread.sleep(2); // how often to look; the phase ends the wait
            }
            String ready = get(server, "/readyz");
            assertTrue(ready.startsWith("HTTP/1.1 503"), ready);
            assertTrue(ready.endsWith("\r\n\r\nnot ready\nserver on port " + server.port() + " is DRAINING\n"), ready);
            String hello = get(server, "/hello");
            assertTrue(hello.startsWith("HTTP/1.1 200") && hello.endsWith("\r\n\r\nhello"), hello);
            // End the delay, as a second SIGTERM would.
            assertTrue(server.shutdown(Duration.ZERO, Duration.ofSeconds(10)));
            assertTrue(stopped.get(10, TimeUnit.SECONDS));
        } finally {
            server.close();
        }
    }

    /** One request on a new connection that the request asks to close; the whole response. */
    private static String get(Server server, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
