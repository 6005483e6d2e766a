package dev.weft.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.it.support.Wire.RawResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rolling restart of three example processes behind a load balancer, under load: each instance
 * in turn gets SIGTERM, drains in phases (readiness 503 for {@value #DELAY}, then it stops
 * accepting and finishes what it has), exits, and a replacement starts on its port. Client threads
 * send GETs and POSTs through the balancer the whole time and check every answer byte for byte.
 */
public final class RollingRestart {
    /** The instances' pre-stop delay: long enough for a 200 ms health check to see readiness fail. */
    public static final String DELAY = "1s";
    private static final int CLIENTS = 4;
    /**
     * The address the balancers connect to the instances from ({@code source} in HAProxy,
     * {@code proxy_bind} in nginx): another loopback address than the clients' 127.0.0.1, so that
     * an instance can tell the balancer from the client it forwards for.
     */
    public static final String BALANCER_SOURCE = "127.0.0.3";
    private static final Map<String, String> ENV = Map.of("WEFT_SHUTDOWN_DELAY", DELAY, "WEFT_ACCESS_LOG", "true",
            "WEFT_TRUSTED_PROXIES", BALANCER_SOURCE);
    /** An access log line of a client request: the client's address, then the request line. */
    private static final Pattern CLIENT_REQUEST = Pattern.compile("(\\S+) \"(?:GET /plaintext|POST /echo) ");

    /**
     * What the clients saw and what the instances did.
     *
     * @param requests      requests answered correctly
     * @param failures      what went wrong with the others
     * @param exitStatuses  of the three first instances, in the order they were restarted, then of
     *                      their replacements
     * @param servedByEach  client requests each of those processes answered, in the same order
     */
    public record Outcome(long requests, List<String> failures, List<Integer> exitStatuses,
                          List<Long> servedByEach) {

        /** Prints the counts, then asserts: no request failed, every process exited 0, each served clients. */
        public void assertNothingLost(String behind) {
            System.out.printf("rolling restart behind %s: %d requests, %d failed, served by each instance %s, exit statuses %s%n",
                    behind, requests, failures.size(), servedByEach, exitStatuses);
            assertTrue(failures.isEmpty(), () -> failures.size() + " failed, first: " + failures.getFirst());
            assertEquals(List.of(0, 0, 0, 0, 0, 0), exitStatuses, "exit statuses");
            assertTrue(servedByEach.stream().allMatch(n -> n > 0), "an instance served nothing: " + servedByEach);
        }
    }

    private final List<ExampleProcess> running = new ArrayList<>();
    private final AtomicLong completed = new AtomicLong();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Set<String> clientAddresses = ConcurrentHashMap.newKeySet();

    /** Starts the three instances; their ports go into the balancer's configuration. */
    public List<Integer> startInstances() throws IOException {
        for (int i = 0; i < 3; i++) {
            running.add(start("--port", "0"));
        }
        List<Integer> ports = new ArrayList<>();
        for (ExampleProcess p : running) {
            ports.add(p.port());
        }
        return ports;
    }

    private static ExampleProcess start(String... portArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--workers", "1"));
        args.addAll(List.of(portArgs));
        return ExampleProcess.start(ENV, List.of("-Xmx128m"), args.toArray(String[]::new));
    }

    /**
     * Runs the load through {@code frontend} (a balancer already routing to every instance),
     * restarts the instances one by one, and stops every process.
     */
    public Outcome run(int frontend) throws Exception {
        InetSocketAddress balancer = new InetSocketAddress("127.0.0.1", frontend);
        List<Thread> clients = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        List<Long> served = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                Random random = new Random(c);
                clients.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                    try (KeepAliveClient client = new KeepAliveClient(balancer, Duration.ofSeconds(20))) {
                        while (!stop.get()) {
                            request(client, random);
                        }
                    }
                }));
            }
            for (ExampleProcess p : running) {
                awaitServed(p);
            }
            for (int i = 0; i < running.size(); i++) {
                ExampleProcess old = running.get(i);
                old.sigterm();
                statuses.add(old.waitFor(30));
                served.add(servedBy(old));
                clientAddresses.addAll(clientsOf(old));
                ExampleProcess replacement = start("--port", Integer.toString(old.port()));
                running.set(i, replacement);
                awaitServed(replacement);
            }
            stop.set(true);
            for (Thread t : clients) {
                t.join();
            }
        } finally {
            stop.set(true);
            for (ExampleProcess p : running) {
                p.sigterm();
                statuses.add(p.waitFor(30));
                served.add(servedBy(p));
                clientAddresses.addAll(clientsOf(p));
                p.close();
            }
        }
        return new Outcome(completed.get(), List.copyOf(failures), statuses, served);
    }

    /** Waits until {@code p} has answered clients (not only health checks) a few dozen times. */
    private void awaitServed(ExampleProcess p) throws InterruptedException {
        Await.until(Duration.ofSeconds(20), () -> "the instance on port " + p.port() + " served " + servedBy(p)
                + " requests; the clients completed " + completed.get() + ", " + failures.size() + " failed, first: "
                + failures.peek(), () -> servedBy(p) >= 30);
    }

    /**
     * Waits until every instance has answered {@code checks} readiness checks, so that a balancer
     * that needs two passed checks to route to an instance ({@code rise 2}) routes to all of them.
     */
    public void awaitHealthChecked(int checks) throws InterruptedException {
        for (ExampleProcess p : running) {
            Await.until(Duration.ofSeconds(10), () -> "the balancer did not check the instance on port " + p.port(),
                    () -> p.output().stream().filter(l -> l.contains("/readyz")).count() >= checks);
        }
    }

    /** Requests an instance answered for the clients (its access log; health checks not counted). */
    private static long servedBy(ExampleProcess p) {
        return p.output().stream().filter(l -> l.contains("/plaintext") || l.contains("/echo")).count();
    }

    /**
     * The client addresses the instances saw in the requests they answered for the clients (their
     * access logs print {@code Request.clientAddress()}), once {@link #run} has returned.
     */
    public Set<String> clientAddressesSeen() {
        return Set.copyOf(clientAddresses);
    }

    private static Set<String> clientsOf(ExampleProcess p) {
        Set<String> seen = new HashSet<>();
        for (String line : p.output()) {
            Matcher m = CLIENT_REQUEST.matcher(line);
            if (m.find()) {
                seen.add(m.group(1));
            }
        }
        return seen;
    }

    private void request(KeepAliveClient client, Random random) {
        boolean post = random.nextBoolean();
        try {
            if (post) {
                byte[] body = new byte[1 + random.nextInt(8 * 1024)];
                random.nextBytes(body);
                RawResponse r = client.exchange("POST", "/echo", "application/octet-stream", body);
                check(r.status() == 200 && Arrays.equals(body, r.body()), "POST /echo: status " + r.status()
                        + ", " + r.body().length + " of " + body.length + " bytes, equal " + Arrays.equals(body, r.body()));
            } else {
                RawResponse r = client.exchange("GET", "/plaintext", null, null);
                check(r.status() == 200 && r.text().equals("Hello, World!"), "GET /plaintext: status "
                        + r.status() + ", body " + r.text());
            }
        } catch (IOException e) {
            failures.add(LocalTime.now() + " " + (post ? "POST: " : "GET: ") + e);
        }
    }

    private void check(boolean ok, String what) {
        if (ok) {
            completed.incrementAndGet();
        } else {
            failures.add(LocalTime.now() + " " + what);
        }
    }
}
