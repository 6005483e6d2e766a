package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.it.support.Await;
import dev.weft.it.support.CountingInput;
import dev.weft.it.support.ExampleProcess;
import dev.weft.it.support.Wire;
import dev.weft.runtime.net.TcpListener;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A restart on one host without a balancer: the running example and its replacement listen on the
 * same port with SO_REUSEPORT ({@code WEFT_REUSE_PORT=true}); the old one gets SIGTERM and drains
 * while the new one serves. Clients open a connection per request, GETs and POSTs whose echo is
 * checked byte for byte. No connection is refused, no response is wrong or cut short, and both
 * processes exit 0.
 *
 * <p>One loss the server cannot prevent: when the old process closes its listener, Linux resets
 * the connections its kernel had just queued on it, before any byte of theirs was read, unless
 * {@code net.ipv4.tcp_migrate_req=1} (Linux 5.14+) moves them to the replacement's listener. With
 * that setting the test asserts that no request failed at all; without it, that a failure is
 * only ever such a reset, at the moment the old listener closed, and it prints how many there were.
 */
@Timeout(120)
class ReusePortRestartTest {
    private static final int CLIENTS = 4;
    /** When the old process was signalled ({@link System#nanoTime()}), to place a failure in the restart. */
    private static volatile long signalledAt;
    private static final Map<String, String> ENV = Map.of("WEFT_REUSE_PORT", "true", "WEFT_SHUTDOWN_DELAY", "1s");

    @Test
    void theOldProcessDrainsWhileTheNewOneServesAndNoRequestFails() throws Exception {
        assumeTrue(TcpListener.reusePortSupported(), "SO_REUSEPORT is not supported here");
        AtomicLong completed = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> resetInQueue = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        try (ExampleProcess old = ExampleProcess.start(ENV, List.of("-Xmx128m"), "--workers", "1")) {
            int port = old.port();
            for (int c = 0; c < CLIENTS; c++) {
                Random random = new Random(c);
                clients.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                    while (!stop.get()) {
                        request(port, random, completed, refused, failures, resetInQueue);
                    }
                }));
            }
            Await.until(Duration.ofSeconds(10), () -> "the load did not run: " + completed.get() + " requests, "
                    + failures.size() + " failed", () -> completed.get() >= 200);
            try (ExampleProcess replacement = ExampleProcess.start(ENV, List.of("-Xmx128m"), "--workers", "1",
                    "--port", Integer.toString(port))) {
                assertEquals(port, replacement.port());
                signalledAt = System.nanoTime();
                old.sigterm();
                assertEquals(0, old.waitFor(30), "the old process's exit status; output: " + old.output());
                long afterOldExited = completed.get();
                Await.until(Duration.ofSeconds(10), () -> "the replacement did not take over: "
                        + (completed.get() - afterOldExited) + " requests since the old one exited",
                        () -> completed.get() >= afterOldExited + 200);
                stop.set(true);
                for (Thread t : clients) {
                    t.join();
                }
                replacement.sigterm();
                assertEquals(0, replacement.waitFor(30), "the replacement's exit status; output: " + replacement.output());
                System.out.printf("SO_REUSEPORT restart: %d requests, %d after the old process exited, %d refused, %d failed, "
                        + "%d reset in the old listener's queue (tcp_migrate_req %s)%n", completed.get(),
                        completed.get() - afterOldExited, refused.get(), failures.size(), resetInQueue.size(), migrateReq());
            }
        } finally {
            stop.set(true);
        }
        assertEquals(0, refused.get(), "connections refused");
        assertTrue(failures.isEmpty(), failures.size() + " requests failed, first: " + failures.peek());
        if ("1".equals(migrateReq())) {
            assertTrue(resetInQueue.isEmpty(), "the kernel migrates queued connections, yet "
                    + resetInQueue.size() + " were reset: " + resetInQueue.peek());
        }
    }

    /** {@code net.ipv4.tcp_migrate_req}, or "absent" where the kernel has no such setting. */
    private static String migrateReq() {
        try {
            return Files.readString(Path.of("/proc/sys/net/ipv4/tcp_migrate_req")).strip();
        } catch (IOException e) {
            return "absent";
        }
    }

    /**
     * One request on a connection of its own: a GET, or a POST whose echo must match. A reset
     * before any response byte, after the old process was signalled, is a connection its closing
     * listener had queued; anything else that goes wrong is a failure.
     */
    private static void request(int port, Random random, AtomicLong completed, AtomicLong refused,
                                ConcurrentLinkedQueue<String> failures, ConcurrentLinkedQueue<String> resetInQueue) {
        boolean post = random.nextBoolean();
        String what = post ? "POST" : "GET";
        byte[] body = new byte[post ? 1 + random.nextInt(16 * 1024) : 0];
        random.nextBytes(body);
        CountingInput in = null;
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            in = new CountingInput(s.getInputStream());
            OutputStream out = s.getOutputStream();
            if (post) {
                out.write(("POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
            } else {
                out.write("GET /plaintext HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            Wire.RawResponse r = Wire.readResponse(in);
            if (r == null) {
                failures.add(what + ": closed without a response" + since());
            } else if (r.status() != 200) {
                failures.add(what + ": status " + r.status() + since());
            } else if (post ? !Arrays.equals(body, r.body()) : !r.text().equals("Hello, World!")) {
                failures.add(what + ": wrong body" + since());
            } else {
                completed.incrementAndGet();
            }
        } catch (ConnectException e) {
            refused.incrementAndGet();
        } catch (IOException e) {
            boolean queuedAndReset = signalledAt != 0 && (in == null || in.count() == 0)
                    && String.valueOf(e.getMessage()).startsWith("Connection reset");
            (queuedAndReset ? resetInQueue : failures).add(what + ": " + e + since());
        }
    }

    private static String since() {
        return signalledAt == 0 ? " (before SIGTERM)" : " (" + (System.nanoTime() - signalledAt) / 1_000_000 + " ms after SIGTERM)";
    }
}
