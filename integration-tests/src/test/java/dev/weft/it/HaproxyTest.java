package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.it.support.Await;
import dev.weft.it.support.Balancer;
import dev.weft.runtime.Async;
import dev.weft.server.Response;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two Weft instances behind a real HAProxy (round robin, HTTP health checks, retries on
 * connection failures). One instance is shut down gracefully while traffic flows: no client
 * request may fail, and the other instance takes over.
 */
@Timeout(120)
class HaproxyTest {

    /** The HAProxy configuration this test runs. */
    static String config(int frontend, int a, int b) {
        return """
                global
                    maxconn 2000
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 30s
                    timeout server 30s
                    # A request that could not reach an instance, or got an empty answer because the
                    # instance closed an idle keep-alive connection at that moment, goes to another one.
                    retries 3
                    option redispatch 1
                    retry-on conn-failure empty-response
                    # A check fails on a refused connection or a wrong answer, not on a slow one: with
                    # the default (the interval, 200 ms) a loaded host marked a healthy instance down.
                    timeout check 5s
                frontend web
                    bind 127.0.0.1:%d
                    default_backend weft
                backend weft
                    balance roundrobin
                    option httpchk GET /plaintext
                    http-check expect status 200
                    server a 127.0.0.1:%d check inter 200ms fall 1 rise 2
                    server b 127.0.0.1:%d check inter 200ms fall 1 rise 2
                """.formatted(frontend, a, b);
    }

    @Test
    void anInstanceShutDownGracefullyBehindHaproxyLosesNoRequest() throws Exception {
        Path haproxy = Path.of("/usr/sbin/haproxy");
        if (!Files.isExecutable(haproxy)) {
            haproxy = Path.of("/usr/local/sbin/haproxy");
        }
        assumeTrue(Files.isExecutable(haproxy), "haproxy is not installed");
        // Every request each instance sees; before the clients start, only HAProxy's health checks.
        AtomicInteger aSeen = new AtomicInteger();
        AtomicInteger bSeen = new AtomicInteger();
        Server a = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(1).build(), request -> {
            aSeen.incrementAndGet();
            return Async.ready(Response.text("a"));
        });
        Server b = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(1).build(), request -> {
            bSeen.incrementAndGet();
            return Async.ready(Response.text("b"));
        });
        int frontend;
        try (ServerSocket probe = new ServerSocket(0)) {
            frontend = probe.getLocalPort();
        }
        Path cfg = Files.createTempFile("weft-haproxy", ".cfg");
        Files.writeString(cfg, config(frontend, a.port(), b.port()));
        Process proxy = new ProcessBuilder(haproxy.toString(), "-db", "-f", cfg.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            Balancer.awaitListening(frontend, proxy);
            // Both instances are up in HAProxy's eyes after two passed checks each ("rise 2"). A
            // server's checks run one after another, so its third check has begun only once the
            // second's result counted.
            Await.until(Duration.ofSeconds(10), () -> "haproxy did not health-check both instances: "
                    + aSeen.get() + " checks on a, " + bSeen.get() + " on b", () -> aSeen.get() >= 3 && bSeen.get() >= 3);
            URI uri = URI.create("http://127.0.0.1:" + frontend + "/plaintext");
            Map<String, AtomicLong> byInstance = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            int clientCount = 8;
            CountDownLatch everyClientAnswered = new CountDownLatch(clientCount);
            AtomicLong afterShutdown = new AtomicLong();
            long[] shutdownAt = {Long.MAX_VALUE};
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                clients.add(Thread.ofPlatform().start(() -> {
                    boolean answered = false;
                    while (System.nanoTime() < end) {
                        try {
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200) {
                                failures.add("status " + r.statusCode() + ": " + r.body());
                            } else {
                                byInstance.computeIfAbsent(r.body(), k -> new AtomicLong()).incrementAndGet();
                                if (!answered) {
                                    answered = true;
                                    everyClientAnswered.countDown();
                                }
                                if (System.nanoTime() > shutdownAt[0] && r.body().equals("b")) {
                                    afterShutdown.incrementAndGet();
                                }
                            }
                        } catch (IOException | InterruptedException e) {
                            failures.add(e.toString());
                        }
                    }
                }));
            }
            // Shut a down once traffic flows: every client has had an answer and is sending the
            // next request, and both instances have answered.
            Await.until(Duration.ofMillis(1500), () -> "traffic did not flow: " + byInstance + " answered, "
                    + everyClientAnswered.getCount() + " clients still without an answer",
                    () -> everyClientAnswered.getCount() == 0 && byInstance.containsKey("a") && byInstance.containsKey("b"));
            shutdownAt[0] = System.nanoTime();
            boolean clean = a.shutdown(Duration.ofSeconds(5));
            for (Thread t : clients) {
                t.join();
            }
            System.out.printf("behind HAProxy: %s answered, %d of b's after a's shutdown began; %d failed; a stopped cleanly: %b%n",
                    byInstance, afterShutdown.get(), failures.size(), clean);
            assertTrue(failures.isEmpty(), failures.size() + " failed, first: " + failures.peek());
            assertTrue(byInstance.getOrDefault("a", new AtomicLong()).get() > 0, "a never answered");
            assertTrue(afterShutdown.get() > 0, "b did not take over");
            assertTrue(clean, "a did not finish its connections before the deadline");
            assertEquals(0, a.openConnections());
        } finally {
            proxy.destroy();
            proxy.waitFor(10, TimeUnit.SECONDS);
            a.shutdown(Duration.ofSeconds(1));
            b.shutdown(Duration.ofSeconds(5));
            Files.deleteIfExists(cfg);
        }
    }
}
