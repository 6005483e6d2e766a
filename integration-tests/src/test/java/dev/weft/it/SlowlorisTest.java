package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.it.support.Await;
import dev.weft.it.support.Wire;
import dev.weft.it.support.Wire.RawResponse;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;
import dev.weft.server.ServerStats;
import dev.weft.server.ServerStats.CloseCause;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slowloris: clients that open connections and send a request head a byte at a time, never
 * finishing it. The server must go on serving everyone else while they hold their connections
 * (no worker waits on a slow client), end each of them with a 408 and a close when the
 * header-read timeout passes, and be as healthy afterwards as before.
 *
 * <p>Nothing here measures how fast anything is: each test waits for events (a response, a close,
 * a counter) and checks what happened, so a loaded machine makes it slower, not red.
 */
@Timeout(120)
class SlowlorisTest {
    private static final int ATTACKERS = 1000;
    /** Two workers, fewer than the slow clients by far: a worker held by one would show at once. */
    private static final int WORKERS = 2;
    private static final byte[] HEAD_START = "GET /plaintext HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes();
    private static final String GET = "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n";

    /**
     * A thousand slow heads are open and still dribbling while normal clients, on new and on
     * keep-alive connections, are all served; then the slow clients leave and the server is back
     * to where it started.
     *
     * <p>The header-read timeout is set beyond this test's own {@link Timeout}, so the slow
     * connections are certainly still open when the normal clients finish, however slow the
     * machine: with the default 10 s, a machine loaded enough would let the timeout end them
     * first and the test would be checking nothing. The timeout itself is the next test's.
     */
    @Test
    void normalClientsAreAllServedWhileAThousandSlowClientsHoldTheirConnections() throws Exception {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).workers(WORKERS)
                .headerReadTimeout(Duration.ofMinutes(10)).build();
        try (Server server = Server.start(config, new TestService())) {
            List<Socket> attackers = new ArrayList<>();
            Dripper dripper = null;
            try {
                for (int i = 0; i < ATTACKERS; i++) {
                    attackers.add(connectAndStartHead(server));
                }
                Await.until(Duration.ofSeconds(60), () -> "open connections: " + server.openConnections(),
                        () -> server.openConnections() == ATTACKERS);
                dripper = Dripper.start(attackers, 100);
                dripper.awaitRounds(1);

                // Normal clients, while every slow head is open and growing.
                int clients = 8;
                int requestsEach = 25;
                AtomicInteger served = new AtomicInteger();
                ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
                List<Thread> threads = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    threads.add(Thread.ofVirtual().start(() -> {
                        try {
                            servedOnKeepAlive(server, requestsEach / 2, served);
                            for (int i = requestsEach / 2; i < requestsEach; i++) {
                                servedOnNewConnection(server, served);
                            }
                        } catch (Throwable t) {
                            failures.add(t);
                        }
                    }));
                }
                for (Thread t : threads) {
                    t.join();
                }
                assertTrue(failures.isEmpty(), () -> "normal clients failed: " + failures);
                assertEquals(clients * requestsEach, served.get());

                // The slow clients were open all along and still are: the dripper goes on writing
                // to every one of them, none was answered or closed, the server counts them open.
                long rounds = dripper.rounds();
                dripper.awaitRounds(rounds + 1);
                assertEquals(0, dripper.failedWrites(), "a slow client's connection was closed");
                for (Socket s : attackers) {
                    assertEquals(0, s.getInputStream().available(), "a slow client got an answer before its head ended");
                }
                // Once the normal clients' connections are gone, the thousand slow ones remain.
                Await.until(Duration.ofSeconds(60), () -> server.stats().toString(),
                        () -> server.stats().connectionsOpen() == ATTACKERS
                                && server.stats().requests() == (long) clients * requestsEach);
                ServerStats during = server.stats();
                assertEquals(0, during.connectionsClosedByCause().get(CloseCause.HEADER_TIMEOUT), during.toString());
                assertEquals(0, dripper.failedWrites(), "a slow client's connection was closed");
            } finally {
                if (dripper != null) {
                    dripper.stop();
                }
                for (Socket s : attackers) {
                    s.close();
                }
            }
            assertHealthyAfter(server);
        }
    }

    /**
     * A thousand slow heads, still dribbling when their time is up, are each answered {@code 408}
     * with {@code Connection: close} and then closed; the server counts each as a header timeout,
     * none as a request, and serves the next client as usual.
     */
    @Test
    void slowClientsAreAnswered408AndClosedByTheHeaderReadTimeout() throws Exception {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).workers(WORKERS)
                .headerReadTimeout(Duration.ofSeconds(1)).build();
        try (Server server = Server.start(config, new TestService())) {
            List<Socket> attackers = new ArrayList<>();
            List<Thread> readers = new ArrayList<>();
            ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
            AtomicInteger closedAfter408 = new AtomicInteger();
            Dripper dripper = null;
            try {
                dripper = Dripper.start(attackers, 100);
                for (int i = 0; i < ATTACKERS; i++) {
                    Socket s = connectAndStartHead(server);
                    synchronized (attackers) {
                        attackers.add(s);
                    }
                    // Each slow client reads as it dribbles, so that its answer is taken as it comes.
                    readers.add(Thread.ofVirtual().start(() -> {
                        try {
                            InputStream in = s.getInputStream();
                            RawResponse r = Wire.readResponse(in);
                            if (r == null || r.status() != 408 || !r.closes()
                                    || !r.text().equals("the request head was not received in time\n")) {
                                wrong.add(r == null ? "no response" : r.head() + r.text());
                                return;
                            }
                            if (in.read() == -1) {
                                closedAfter408.incrementAndGet();
                            } else {
                                wrong.add("bytes after the 408");
                            }
                        } catch (IOException e) {
                            wrong.add(e.toString());
                        }
                    }));
                }
                for (Thread t : readers) {
                    t.join();
                }
            } finally {
                if (dripper != null) {
                    dripper.stop();
                }
                for (Socket s : attackers) {
                    s.close();
                }
            }
            assertTrue(wrong.isEmpty(), () -> wrong.size() + " slow clients were not ended right, e.g. " + wrong.peek());
            assertEquals(ATTACKERS, closedAfter408.get());
            Await.until(Duration.ofSeconds(60), () -> server.stats().toString(),
                    () -> server.stats().connectionsClosedByCause().get(CloseCause.HEADER_TIMEOUT) == ATTACKERS);
            assertEquals(0, server.stats().requests(), "a slow head was counted as a request");
            assertHealthyAfter(server);
        }
    }

    /** Every connection is gone, and a normal client is served as on a fresh server. */
    private static void assertHealthyAfter(Server server) throws Exception {
        Await.until(Duration.ofSeconds(60), () -> "open connections: " + server.openConnections(),
                () -> server.openConnections() == 0);
        AtomicInteger served = new AtomicInteger();
        servedOnKeepAlive(server, 3, served);
        servedOnNewConnection(server, served);
        assertEquals(4, served.get());
    }

    private static Socket connectAndStartHead(Server server) throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(60_000);
        s.getOutputStream().write(HEAD_START, 0, 1);
        return s;
    }

    private static void servedOnKeepAlive(Server server, int requests, AtomicInteger served) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(60_000);
            for (int i = 0; i < requests; i++) {
                Wire.send(s, GET);
                assertServed(Wire.readResponse(s.getInputStream()));
                served.incrementAndGet();
            }
        }
    }

    private static void servedOnNewConnection(Server server, AtomicInteger served) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(60_000);
            Wire.send(s, GET);
            assertServed(Wire.readResponse(s.getInputStream()));
            served.incrementAndGet();
        }
    }

    private static void assertServed(RawResponse r) {
        assertNotNull(r, "the connection closed without a response");
        assertEquals(200, r.status(), r.head());
        assertEquals("Hello, World!", r.text());
    }

    /**
     * Sends the next byte of every slow client's head each {@code periodMillis} (the attack's pace)
     * until stopped; each client's head goes on from where it is, however late it joined. A slow
     * client that has something to read (its answer) is left alone: writing on after the server
     * closed would make the kernel reset the connection.
     */
    private static final class Dripper implements Runnable {
        private final List<Socket> attackers;
        private final long periodMillis;
        private final AtomicLong rounds = new AtomicLong();
        private final AtomicInteger failedWrites = new AtomicInteger();
        /** How many bytes of its head each slow client has sent; only the dripper's thread touches it. */
        private final Map<Socket, Integer> sent = new HashMap<>();
        private volatile boolean stopped;
        private Thread thread;

        private Dripper(List<Socket> attackers, long periodMillis) {
            this.attackers = attackers;
            this.periodMillis = periodMillis;
        }

        static Dripper start(List<Socket> attackers, long periodMillis) {
            Dripper d = new Dripper(attackers, periodMillis);
            d.thread = Thread.ofPlatform().name("slowloris").start(d);
            return d;
        }

        @Override
        public void run() {
            while (!stopped) {
                try {
                    Thread.sleep(periodMillis); // the attack's pace, not a wait for anything
                } catch (InterruptedException e) {
                    return;
                }
                List<Socket> now;
                synchronized (attackers) {
                    now = List.copyOf(attackers);
                }
                for (Socket s : now) {
                    try {
                        if (s.getInputStream().available() == 0) {
                            int next = sent.getOrDefault(s, 1); // connectAndStartHead sent the first
                            s.getOutputStream().write(next < HEAD_START.length ? HEAD_START[next] : (byte) 'a');
                            sent.put(s, next + 1);
                        }
                    } catch (IOException closed) {
                        failedWrites.incrementAndGet();
                    }
                }
                rounds.incrementAndGet();
            }
        }

        long rounds() {
            return rounds.get();
        }

        int failedWrites() {
            return failedWrites.get();
        }

        /** Waits until the dripper has written to every slow client {@code n} times in all. */
        void awaitRounds(long n) throws InterruptedException {
            Await.until(Duration.ofSeconds(60), () -> "drip rounds: " + rounds.get(), () -> rounds.get() >= n);
        }

        void stop() throws InterruptedException {
            stopped = true;
            thread.join();
        }
    }
}
