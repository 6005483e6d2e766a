package dev.weft.it;

import static dev.weft.router.websocket.WebSockets.webSocket;
import static dev.weft.router.websocket.WebSockets.ws;
import static dev.weft.router.extract.Extractors.header;
import static dev.weft.router.extract.Extractors.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.codec.websocket.CloseCodes;
import dev.weft.codec.websocket.WebSocketLimits;
import dev.weft.it.support.ClientScripts;
import dev.weft.it.support.JdkWebSocketListener;
import dev.weft.it.support.Wire;
import dev.weft.router.Router;
import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.JoinHandle;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;
import dev.weft.server.websocket.WebSocketConfig;
import dev.weft.server.websocket.WsMessage;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * WebSocket routes on a server of the test's own: extractors before the upgrade, subprotocols,
 * the origin policy, many tasks sending on one socket at once, graceful shutdown (1001) and the
 * connection limit.
 */
@Timeout(120)
class WebSocketServerTest {
    private static final int SENDERS = 8;
    private static final int PER_SENDER = 500;
    private static volatile java.util.concurrent.CountDownLatch holdCancelled = new java.util.concurrent.CountDownLatch(1);

    /** The README's WebSocket example (its two routes and its configuration), plus {@code /burst}. */
    private static Router router() {
        WebSocketConfig chat = WebSocketConfig.defaults()
                .withSubprotocols(List.of("chat.v2", "chat.v1"))
                .withOriginPolicy(origin -> origin == null || origin.equals("https://app.example"))
                .withLimits(new WebSocketLimits(64 * 1024, 4 * 1024 * 1024))
                .withKeepAlive(Duration.ofSeconds(30), Duration.ofSeconds(30));
        return Router.create()
                .get("/ws", webSocket(), ws(socket -> socket.sendAll(socket.messages())))
                .get("/rooms/{room}", path("room"), header("X-User"), webSocket(chat),
                        (room, user, upgrade) -> upgrade.accept(socket -> socket.send(
                                WsMessage.text(user + " joined " + room + " over " + socket.subprotocol()))
                                .flatMap(v -> socket.sendAll(socket.messages()))))
                .get("/keepalive", webSocket(WebSocketConfig.defaults()
                        .withKeepAlive(Duration.ofMillis(100), Duration.ofMillis(300))), ws(socket -> Async.never()))
                .get("/hold", webSocket(), ws(socket -> new Async<Void>() {
                    @Override
                    public dev.weft.runtime.Poll<Void> poll(dev.weft.runtime.Context cx) {
                        return dev.weft.runtime.Poll.pending(); // holds the socket open, receives nothing
                    }

                    @Override
                    public void cancel() {
                        holdCancelled.countDown();
                    }
                }))
                .get("/burst", webSocket(), ws(socket -> {
                    // Many tasks send on one socket at once: the outbox is the only thing they share.
                    List<Async<Void>> senders = new ArrayList<>();
                    for (int t = 0; t < SENDERS; t++) {
                        int task = t;
                        JoinHandle<Void> h = AsyncRuntime.current().spawn(sendMany(socket, task, 0));
                        senders.add(h);
                    }
                    return Async.join(senders).map(done -> null);
                }));
    }

    private static Async<Void> sendMany(dev.weft.server.websocket.WebSocket socket, int task, int from) {
        // A loop written as a small state machine, so that no chain of flatMaps grows per message.
        return new Async<>() {
            int i = from;
            Async<Void> sending;

            @Override
            public dev.weft.runtime.Poll<Void> poll(dev.weft.runtime.Context cx) {
                while (i < PER_SENDER) {
                    if (sending == null) {
                        sending = socket.send(WsMessage.text(task + ":" + i));
                    }
                    if (!sending.poll(cx).isReady()) {
                        return dev.weft.runtime.Poll.pending();
                    }
                    sending = null;
                    i++;
                }
                return dev.weft.runtime.Poll.ready(null);
            }
        };
    }

    private static Server start(ServerConfig.Builder config) {
        return Server.start(config.host("127.0.0.1").port(0).build(), router());
    }

    @Test
    void extractorsRunFirstAndTheSubprotocolIsTheServersChoice() throws Exception {
        Server server = start(ServerConfig.builder());
        try (HttpClient client = HttpClient.newHttpClient()) {
            JdkWebSocketListener l = new JdkWebSocketListener();
            WebSocket ws = client.newWebSocketBuilder().header("X-User", "ada").subprotocols("chat.v1", "chat.v2")
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/rooms/lobby"), l).join();
            assertEquals("chat.v2", ws.getSubprotocol());
            ws.sendText("hi", true).join();
            ws.sendClose(1000, "").join();
            assertEquals(1000, l.closed.get(30, TimeUnit.SECONDS));
            assertEquals(List.of("ada joined lobby over chat.v2", "hi"), l.received());
        } finally {
            server.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void aFailedExtractorOrOriginNeverUpgrades() throws Exception {
        Server server = start(ServerConfig.builder());
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            String handshake = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
            Wire.send(s, "GET /rooms/lobby HTTP/1.1\r\nHost: x\r\n" + handshake + "\r\n");
            Wire.RawResponse noUser = Wire.readResponse(s.getInputStream());
            assertEquals(400, noUser.status());
            assertTrue(noUser.text().contains("X-User"), noUser.text());
            Wire.send(s, "GET /rooms/lobby HTTP/1.1\r\nHost: x\r\nX-User: eve\r\nOrigin: https://evil.example\r\n" + handshake + "\r\n");
            Wire.RawResponse badOrigin = Wire.readResponse(s.getInputStream());
            assertEquals(403, badOrigin.status());
            assertTrue(badOrigin.text().contains("evil.example"), badOrigin.text());
        } finally {
            server.shutdown(Duration.ofSeconds(5));
        }
    }

    /**
     * Eight tasks send 500 messages each on one socket at once: the client gets all 4,000, each
     * task's in its order, then a normal close. Read with Python's {@code websockets}: the JDK's
     * client, which this test used before, now and then leaves a burst's last frames unread in its
     * socket buffer until the server's FIN (seen in a packet capture: every byte acknowledged by
     * the client's kernel, the client silent until the server gave up waiting five seconds later),
     * then reports 1006; Python's client read 2,100 such rounds without one stall.
     */
    @Test
    void concurrentSendersOnOneSocketLoseAndReorderNothing() throws Exception {
        Server server = start(ServerConfig.builder());
        try {
            int rounds = 5;
            List<String> out = ClientScripts.run(List.of(ClientScripts.python(), ClientScripts.script("burst.py"),
                    "ws://127.0.0.1:" + server.port() + "/burst", String.valueOf(rounds)), Map.of()).lines().toList();
            int round = 0;
            List<String> messages = new ArrayList<>();
            for (String line : out) {
                if (line.startsWith("m ")) {
                    messages.add(line.substring(2));
                    continue;
                }
                assertEquals("closed " + CloseCodes.NORMAL, line, "round " + round);
                assertEquals(SENDERS * PER_SENDER, messages.size(), "round " + round);
                Map<Integer, Integer> next = new HashMap<>();
                for (String t : messages) {
                    int task = Integer.parseInt(t.substring(0, t.indexOf(':')));
                    int i = Integer.parseInt(t.substring(t.indexOf(':') + 1));
                    assertEquals(next.getOrDefault(task, 0), i, "round " + round + ": task " + task + " out of order");
                    next.put(task, i + 1);
                }
                messages.clear();
                round++;
            }
            assertEquals(rounds, round, "rounds that ended with a close");
        } finally {
            server.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void keepAlivePingsAQuietPeerAndGivesUpOnOneThatNeverAnswers() throws Exception {
        Server server = start(ServerConfig.builder());
        try (dev.weft.it.support.RawWebSocket raw = dev.weft.it.support.RawWebSocket.open(server.port(), "/keepalive")) {
            // Answering keeps the connection: three pings answered in turn.
            for (int i = 0; i < 3; i++) {
                dev.weft.codec.websocket.Frame ping = raw.read();
                assertEquals(dev.weft.codec.websocket.Opcode.PING, ping.opcode());
                raw.send(dev.weft.codec.websocket.Opcode.PONG, true, ping.payload());
            }
            // Silence: another ping, then the server gives the peer up and closes the TCP connection.
            assertEquals(dev.weft.codec.websocket.Opcode.PING, raw.read().opcode());
            assertEquals(null, raw.read());
            dev.weft.it.support.Await.until(Duration.ofSeconds(10), () -> "connection still open",
                    () -> server.openConnections() == 0);
        } finally {
            server.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void anAbruptDisconnectCancelsTheHandler() throws Exception {
        holdCancelled = new java.util.concurrent.CountDownLatch(1);
        Server server = start(ServerConfig.builder());
        try {
            dev.weft.it.support.RawWebSocket raw = dev.weft.it.support.RawWebSocket.open(server.port(), "/hold");
            raw.socket.setSoLinger(true, 0);
            raw.close(); // a reset: no close frame, no FIN
            assertTrue(holdCancelled.await(30, TimeUnit.SECONDS), "the handler was not cancelled");
            dev.weft.it.support.Await.until(Duration.ofSeconds(10), () -> "connection still open",
                    () -> server.openConnections() == 0);
        } finally {
            server.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void gracefulShutdownClosesWith1001() throws Exception {
        Server server = start(ServerConfig.builder());
        try (HttpClient client = HttpClient.newHttpClient()) {
            JdkWebSocketListener l = new JdkWebSocketListener();
            WebSocket ws = client.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), l).join();
            ws.sendText("before", true).join();
            CompletableFuture<Void> down = CompletableFuture.runAsync(() -> server.shutdown(Duration.ofSeconds(20)));
            assertEquals(CloseCodes.GOING_AWAY, l.closed.get(30, TimeUnit.SECONDS)); // the client answers it itself
            down.get(30, TimeUnit.SECONDS);
            assertEquals(0, server.openConnections());
        }
    }

    @Test
    void webSocketsCountTowardTheConnectionLimit() throws Exception {
        Server server = start(ServerConfig.builder().maxConnections(2));
        try (HttpClient client = HttpClient.newHttpClient()) {
            URI echo = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
            WebSocket first = client.newWebSocketBuilder().buildAsync(echo, new JdkWebSocketListener()).join();
            WebSocket second = client.newWebSocketBuilder().buildAsync(echo, new JdkWebSocketListener()).join();
            assertEquals(2, server.openConnections());
            CompletableFuture<WebSocket> third = client.newWebSocketBuilder().buildAsync(echo, new JdkWebSocketListener());
            assertFalse(third.isDone(), "a third connection was served beyond the limit of two");
            first.sendClose(1000, "").join();
            WebSocket served = third.get(30, TimeUnit.SECONDS); // served once a WebSocket left
            assertEquals(2, server.openConnections());
            second.abort();
            served.abort(); // the client's close() waits for its open WebSockets
        } finally {
            server.shutdown(Duration.ofSeconds(5));
        }
    }
}
