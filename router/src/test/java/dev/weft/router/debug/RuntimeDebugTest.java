package dev.weft.router.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpMethod;
import dev.weft.router.Router;
import dev.weft.router.internal.Json;
import dev.weft.router.test.TestClient;
import dev.weft.router.test.TestResponse;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tools.jackson.databind.JsonNode;

/** The debug endpoints over real sockets: who is let in, who is refused, and what they answer. */
@Timeout(60)
class RuntimeDebugTest {
    private static final String TOKEN = "s3cret-debug-token-0123";

    @Test
    void offUnlessEnabled() {
        Router router = Router.create().get("/", () -> "hello");
        assertEquals(404, TestClient.of(router).get("/debug/tasks").status());
        assertEquals(404, TestClient.of(router).get("/debug/runtime").status());
    }

    @Test
    void taskDumpAsTextAndJsonForALoopbackClient() throws Exception {
        Router router = Router.create().get("/", () -> "hello");
        RuntimeDebug.enable(router);
        try (Server server = Server.start(config("127.0.0.1"), router)) {
            String text = get("127.0.0.1", server.port(), "/debug/tasks", "");
            assertTrue(text.startsWith("HTTP/1.1 200 "), text);
            assertTrue(text.contains("live tasks"), text);
            assertTrue(text.contains("acceptor"), text);
            assertTrue(text.contains("debug-dashboard-sampler"), text);
            // The request's own connection waits for the dump, which runs on a virtual thread.
            assertTrue(text.contains("connection"), text);

            for (String[] variant : List.of(new String[] {"/debug/tasks?format=json", ""},
                    new String[] {"/debug/tasks", "Accept: application/json\r\n"})) {
                JsonNode dump;
                JsonNode sampler;
                // The sampler is spawned when the server starts and may still sit in a queue, not
                // yet polled, when the first dump is taken: ask again until it has run once.
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
                do {
                    String response = get("127.0.0.1", server.port(), variant[0], variant[1]);
                    assertTrue(response.contains("\r\nContent-Type: application/json"), response);
                    dump = Json.defaults().mapper().readTree(body(response));
                    sampler = null;
                    for (JsonNode t : dump.get("tasks")) {
                        if (t.get("name").asString().equals("debug-dashboard-sampler")) {
                            sampler = t;
                        }
                    }
                    assertTrue(sampler != null, dump.toString());
                } while (sampler.get("polls").asLong() == 0 && System.nanoTime() < deadline);
                List<String> names = new ArrayList<>();
                dump.get("tasks").forEach(t -> names.add(t.get("name").asString()));
                assertTrue(names.contains("acceptor"), names.toString());
                // Spawned after enable() turned poll timing on: its figures are known.
                assertTrue(sampler.get("polls").asLong() >= 1, sampler.toString());
                assertTrue(sampler.get("ageNanos").asLong() > 0, sampler.toString());
                assertTrue(dump.get("unanswered").isEmpty(), dump.toString());
            }
        }
    }

    /** The loopback check is on the connection's peer: a client on another address is refused. */
    @Test
    void aNonLoopbackClientIsRefused() throws Exception {
        InetAddress outside = nonLoopbackAddress();
        Router router = Router.create().get("/", () -> "hello");
        RuntimeDebug.enable(router);
        try (Server server = Server.start(config("0.0.0.0"), router)) {
            for (String path : List.of("/debug/tasks", "/debug/runtime", "/debug/runtime/events")) {
                String response = get(outside.getHostAddress(), server.port(), path, "X-Forwarded-For: 127.0.0.1\r\n");
                assertTrue(response.startsWith("HTTP/1.1 403 "), response);
                assertTrue(response.contains("application/problem+json"), response);
                assertTrue(body(response).contains("loopback"), response);
            }
            assertTrue(get(outside.getHostAddress(), server.port(), "/", "").startsWith("HTTP/1.1 200 "));
            assertTrue(get("127.0.0.1", server.port(), "/debug/runtime", "").startsWith("HTTP/1.1 200 "));
        }
        // In process too, where the peer address is whatever the test says.
        Router inProcess = Router.create();
        RuntimeDebug.enable(inProcess);
        TestResponse r = TestClient.of(inProcess).request(HttpMethod.GET, "/debug/tasks")
                .remoteAddress("203.0.113.9", 40000).send();
        assertEquals(403, r.status());
    }

    @Test
    void aTokenIsRequiredAndCheckedWhenGiven() throws Exception {
        Router router = Router.create();
        RuntimeDebug.enable(router, DebugAccess.token(TOKEN));
        InetAddress outside = nonLoopbackAddress();
        try (Server server = Server.start(config("0.0.0.0"), router)) {
            String host = outside.getHostAddress();
            String missing = get(host, server.port(), "/debug/tasks", "");
            assertTrue(missing.startsWith("HTTP/1.1 401 "), missing);
            assertTrue(missing.contains("\r\nWWW-Authenticate: Bearer"), missing);
            String wrong = get(host, server.port(), "/debug/tasks", "Authorization: Bearer " + TOKEN + "x\r\n");
            assertTrue(wrong.startsWith("HTTP/1.1 401 "), wrong);
            assertTrue(body(wrong).contains("wrong"), wrong);
            String wrongQuery = get(host, server.port(), "/debug/tasks?token=" + TOKEN.substring(1), "");
            assertTrue(wrongQuery.startsWith("HTTP/1.1 401 "), wrongQuery);
            String malformed = get(host, server.port(), "/debug/tasks?token=%zz", "");
            assertTrue(malformed.startsWith("HTTP/1.1 401 "), malformed);
            // From anywhere with the right token, in a header or in the query.
            assertTrue(get(host, server.port(), "/debug/tasks", "Authorization: Bearer " + TOKEN + "\r\n")
                    .startsWith("HTTP/1.1 200 "));
            assertTrue(get(host, server.port(), "/debug/runtime?token=" + TOKEN, "").startsWith("HTTP/1.1 200 "));
        }
    }

    @Test
    void tokensThatCouldBeGuessedAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DebugAccess.token("short"));
        assertTrue(e.getMessage().contains("16"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DebugAccess.token("has a space in it, sixteen+"));
    }

    /** The page is self-contained (its policy lets in nothing from elsewhere) and its stream samples every second. */
    @Test
    void dashboardPageAndItsEventStream() throws Exception {
        Router router = Router.create().get("/", () -> "hello");
        RuntimeDebug.enable(router);
        try (Server server = Server.start(config("127.0.0.1"), router)) {
            String page = get("127.0.0.1", server.port(), "/debug/runtime", "");
            assertTrue(page.startsWith("HTTP/1.1 200 "), page);
            assertTrue(page.contains("\r\nContent-Type: text/html; charset=utf-8\r\n"), page);
            assertTrue(page.contains("\r\nContent-Security-Policy: default-src 'none'; connect-src 'self';"), page);
            assertTrue(page.contains("new EventSource("), page);
            assertTrue(!page.contains("{{script}}") && !page.contains("{{style}}"), page);
            assertTrue(!page.contains("http://") && !page.contains("https://"), "nothing loaded from elsewhere");

            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.getOutputStream().write("GET /debug/runtime/events HTTP/1.1\r\nHost: x\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String seen = readUntil(s.getInputStream(), "\n\n", "event: sample");
                assertTrue(seen.contains("text/event-stream"), seen);
                String data = seen.substring(seen.indexOf("event: sample"));
                data = data.substring(data.indexOf("data: ") + 6);
                data = data.substring(0, data.indexOf('\n'));
                JsonNode sample = Json.defaults().mapper().readTree(data);
                assertEquals(2, sample.get("workers").size(), sample.toString());
                for (String field : List.of("requestsPerSecond", "connectionsOpen", "pollP50Micros", "pollP99Micros",
                        "stealsPerSecond", "injectionQueue", "slowPolls")) {
                    assertTrue(sample.has(field), field + " in " + sample);
                }
                JsonNode w = sample.get("workers").get(0);
                double sum = w.get("busy").asDouble() + w.get("idle").asDouble() + w.get("parked").asDouble();
                assertTrue(Math.abs(sum - 1) < 1e-6, w.toString());
            }
        }
    }

    private static ServerConfig config(String host) {
        return ServerConfig.builder().host(host).port(0).workers(2).build();
    }

    /** A local address that is not loopback: this machine's own, so a connection to it comes from it. */
    static InetAddress nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : nic.inetAddresses().toList()) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return a;
                }
            }
        }
        throw new AssertionError("this test needs a non-loopback IPv4 address on some interface; found none in "
                + NetworkInterface.networkInterfaces().toList());
    }

    private static String get(String host, int port, String target, String headers) throws IOException {
        try (Socket s = new Socket(host, port)) {
            s.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: x\r\n" + headers + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    /** Reads until {@code marker} has been seen and then {@code end} after it. */
    private static String readUntil(InputStream in, String end, String marker) throws IOException {
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[4096];
        while (true) {
            int i = sb.indexOf(marker);
            if (i >= 0 && sb.indexOf(end, i) >= 0) {
                return sb.toString();
            }
            int n = in.read(buf);
            if (n < 0) {
                throw new AssertionError("stream ended before '" + marker + "': " + sb);
            }
            sb.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
    }
}
