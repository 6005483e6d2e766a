package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.it.support.Wire.RawResponse;
import dev.weft.it.support.Wire;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slowloris: clients that open connections and send a request head one byte a second. With the
 * default limits, a thousand of them must not stop a normal client from being answered within a
 * second; and the header-read timeout ends them with 408.
 */
@Timeout(120)
class SlowlorisTest {
    private static final int ATTACKERS = 1000;
    private static final byte[] HEAD_START = "GET /plaintext HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes();

    @Test
    void aThousandSlowClientsDoNotDelayANormalOne() throws Exception {
        // The defaults, as on the open internet; only the address and a free port differ.
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).build();
        try (Server server = Server.start(config, new TestService())) {
            List<Socket> attackers = new ArrayList<>();
            try {
                for (int i = 0; i < ATTACKERS; i++) {
                    Socket s = new Socket("127.0.0.1", server.port());
                    s.getOutputStream().write(HEAD_START, 0, 1);
                    attackers.add(s);
                }
                Thread dripper = Thread.ofPlatform().name("slowloris").start(() -> drip(attackers, 1000, 6));
                List<Long> millis = new ArrayList<>();
                long retries = 0;
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
                while (System.nanoTime() < end) {
                    long t = probe(server.port());
                    if (t >= 1000) {
                        // One retry, for a scheduling hiccup on a loaded machine.
                        retries++;
                        t = probe(server.port());
                    }
                    millis.add(t);
                    Thread.sleep(200); // spreads the probes over the attack: sampling, not waiting for anything
                }
                dripper.join();
                assertTrue(server.openConnections() >= ATTACKERS, "the attackers' connections were not all open: "
                        + server.openConnections());
                List<Long> sorted = new ArrayList<>(millis);
                Collections.sort(sorted);
                long median = sorted.get(sorted.size() / 2);
                long max = sorted.getLast();
                System.out.printf("slowloris: %d connections sending 1 byte/s; %d normal requests answered, median %d ms, "
                        + "max %d ms, %d retried%n", ATTACKERS, millis.size(), median, max, retries);
                assertTrue(max < 1000, "a normal request took " + max + " ms: " + millis);
            } finally {
                for (Socket s : attackers) {
                    s.close();
                }
            }
        }
    }

    @Test
    void slowHeadsAreAnswered408WhenTheHeaderReadTimeoutPasses() throws Exception {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0)
                .headerReadTimeout(Duration.ofSeconds(1)).build();
        try (Server server = Server.start(config, new TestService())) {
            List<Socket> attackers = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    Socket s = new Socket("127.0.0.1", server.port());
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write(HEAD_START, 0, 1);
                    attackers.add(s);
                }
                Thread dripper = Thread.ofPlatform().name("slowloris").start(() -> drip(attackers, 200, 3));
                for (Socket s : attackers) {
                    InputStream in = s.getInputStream();
                    RawResponse r = Wire.readResponse(in);
                    assertEquals(408, r.status(), r.head());
                    assertTrue(r.closes(), r.head());
                }
                dripper.join();
            } finally {
                for (Socket s : attackers) {
                    s.close();
                }
            }
        }
    }

    /** Sends the next byte of every attacker's head each {@code periodMillis}, for {@code seconds}. */
    private static void drip(List<Socket> attackers, long periodMillis, int seconds) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int next = 1;
        try {
            while (System.nanoTime() < end) {
                Thread.sleep(periodMillis); // the attack's pace: this slowness is what is tested
                byte b = next < HEAD_START.length ? HEAD_START[next] : (byte) 'a';
                next++;
                for (Socket s : attackers) {
                    try {
                        s.getOutputStream().write(b);
                    } catch (IOException closedByTheServer) {
                        // a 408 came first
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A normal request on a new connection; returns how long it took to be answered, in ms. */
    private static long probe(int port) throws IOException {
        long start = System.nanoTime();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            Wire.send(s, "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
            RawResponse r = Wire.readResponse(s.getInputStream());
            assertEquals("Hello, World!", r.text());
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
