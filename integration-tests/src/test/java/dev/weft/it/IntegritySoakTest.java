package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.examples.Main;
import dev.weft.it.soak.CurlDriver;
import dev.weft.it.soak.DisconnectDriver;
import dev.weft.it.soak.JdkClientDriver;
import dev.weft.it.soak.PipelineDriver;
import dev.weft.it.soak.SlowReaderDriver;
import dev.weft.it.soak.SoakDriver;
import dev.weft.it.soak.SoakTally;
import dev.weft.server.Server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * No byte lost: the example server, on one worker and on two at once, under every kind of client
 * at the same time — the JDK's HttpClient, raw sockets that pipeline Content-Length, chunked and
 * {@code Expect: 100-continue} requests, curl, clients that vanish mid-request and mid-response,
 * and slow readers — through the streaming echo and a handler that buffers the whole body. Every
 * response is compared byte for byte with its request.
 *
 * <p>It runs for {@code weft.soak.seconds} (default 60; {@code -Dweft.soak.seconds=600} for the
 * long soak) and prints its seed and totals. Each driver thread draws every choice (sizes,
 * contents, framing, batch shapes) from a generator seeded from that seed, so
 * {@code -Dweft.soak.seed=N} replays the same sequence of requests per driver (the interleaving
 * between threads is up to the machine).
 */
class IntegritySoakTest {
    private static final long SECONDS = Long.getLong("weft.soak.seconds", 60);

    @Test
    void noByteLostUnderEveryKindOfClient() throws Exception {
        assertTrue(Boolean.getBoolean("weft.buffers.check"),
                "the soak checks buffer ownership: run it with -Dweft.buffers.check=true (the build does)");
        long seed = Long.getLong("weft.soak.seed", new SplittableRandom().nextLong());
        System.out.println("IntegritySoakTest: seed=" + seed + " seconds=" + SECONDS
                + " (replay with -Dweft.soak.seed=" + seed + ")");
        Server oneWorker = Main.start("--host", "127.0.0.1", "--port", "0", "--workers", "1");
        Server twoWorkers = Main.start("--host", "127.0.0.1", "--port", "0", "--workers", "2");
        int[] ports = {oneWorker.port(), twoWorkers.port()};
        SoakTally tally = new SoakTally();
        Path dir = Files.createTempDirectory("weft-soak");
        List<SoakDriver> drivers = new ArrayList<>();
        List<JdkClientDriver> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JdkClientDriver c = new JdkClientDriver();
            clients.add(c);
            drivers.add(c);
        }
        for (int i = 0; i < 3; i++) {
            drivers.add(new PipelineDriver());
        }
        if (CurlDriver.available()) {
            drivers.add(new CurlDriver(dir));
        } else {
            System.out.println("IntegritySoakTest: curl is not installed; running without it");
        }
        drivers.add(new DisconnectDriver());
        drivers.add(new SlowReaderDriver());

        long deadline = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> crashes = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < drivers.size(); i++) {
            SoakDriver driver = drivers.get(i);
            SplittableRandom random = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (i + 1));
            threads.add(Thread.ofPlatform().name("soak-" + driver.name() + "-" + i).start(() -> {
                try {
                    while (System.nanoTime() - deadline < 0 && tally.failureCount() == 0) {
                        driver.run(ports[random.nextInt(ports.length)], random, tally);
                    }
                } catch (Throwable t) {
                    crashes.add(t);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        for (JdkClientDriver c : clients) {
            c.close();
        }
        try {
            for (Server server : List.of(oneWorker, twoWorkers)) {
                assertHealthy(server);
            }
        } finally {
            // In checking mode a shutdown throws when a pooled buffer was misused or not returned.
            oneWorker.shutdown(Duration.ofSeconds(5));
            twoWorkers.shutdown(Duration.ofSeconds(5));
            Files.deleteIfExists(dir);
        }
        System.out.println("IntegritySoakTest: seed=" + seed + " " + tally.summary());
        assertTrue(crashes.isEmpty(), () -> "a driver crashed: " + crashes);
        assertEquals(0, tally.failureCount(), () -> "seed " + seed + ": " + tally.summary() + "\n"
                + String.join("\n", tally.failures()));
        assertTrue(tally.exchanges.sum() > 0, "no exchange was made");
    }

    /** Every client is gone: the server closes every connection and still answers. */
    private static void assertHealthy(Server server) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/plaintext")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("Hello, World!", r.body());
        }
        // Connections of vanished clients close as their resets or FINs are read; wait for that.
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (server.openConnections() > 0 && System.nanoTime() - until < 0) {
            Thread.sleep(10);
        }
        assertEquals(0, server.openConnections(), "connections still open after every client left");
    }
}
