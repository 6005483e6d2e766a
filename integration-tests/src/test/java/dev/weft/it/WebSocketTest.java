package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.codec.websocket.Close;
import dev.weft.codec.websocket.CloseCodes;
import dev.weft.codec.websocket.Frame;
import dev.weft.codec.websocket.FrameEncoder;
import dev.weft.codec.websocket.Opcode;
import dev.weft.examples.Main;
import dev.weft.it.support.Await;
import dev.weft.it.support.JdkWebSocketListener;
import dev.weft.it.support.RawWebSocket;
import dev.weft.it.support.Wire;
import dev.weft.server.Server;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The echo example's {@code GET /ws}, through the JDK's {@code java.net.http.WebSocket} and a raw
 * socket that breaks the rules on purpose (Autobahn's cases as the reference: framing 1.x,
 * control frames 2.x, reserved bits 3.x, opcodes 4.x, fragmentation 5.x, UTF-8 6.x, close 7.x,
 * limits 9.x).
 */
@Timeout(120)
class WebSocketTest {
    private static final int LIMIT = 1024 * 1024;
    private static Server server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = Main.start("--host", "127.0.0.1", "--port", "0");
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdown(Duration.ofSeconds(5));
    }

    private static URI uri() {
        return URI.create("ws://127.0.0.1:" + server.port() + "/ws");
    }

    private static WebSocket connect(JdkWebSocketListener c) {
        return client.newWebSocketBuilder().buildAsync(uri(), c).join();
    }

    @Test
    void jdkClientEchoesTextAndBinary() throws Exception {
        JdkWebSocketListener c = new JdkWebSocketListener();
        WebSocket ws = connect(c);
        ws.sendText("Hello, WebSocket", true).join();
        assertEquals("Hello, WebSocket", c.next());
        ws.sendText("κόσμε €", true).join();
        assertEquals("κόσμε €", c.next());
        byte[] bin = {0, 1, 2, (byte) 0xFF};
        ws.sendBinary(ByteBuffer.wrap(bin), true).join();
        assertArrayEquals(bin, (byte[]) c.next());
        ws.sendClose(1000, "bye").join();
        assertEquals(1000, c.closed.get(30, TimeUnit.SECONDS));
    }

    @Test
    void jdkClientFragmentedMessage() throws Exception {
        JdkWebSocketListener c = new JdkWebSocketListener();
        WebSocket ws = connect(c);
        ws.sendText("frag", false).join();
        ws.sendText("men", false).join();
        ws.sendText("ted", true).join();
        assertEquals("fragmented", c.next());
        ws.sendClose(1000, "").join();
        assertEquals(1000, c.closed.get(30, TimeUnit.SECONDS));
    }

    @Test
    void jdkClientMessageAtTheLimitIsEchoedAndOneByteMoreCloses1009() throws Exception {
        JdkWebSocketListener c = new JdkWebSocketListener();
        WebSocket ws = connect(c);
        byte[] big = new byte[LIMIT];
        new Random(1).nextBytes(big);
        ws.sendBinary(ByteBuffer.wrap(big), true).join();
        assertArrayEquals(big, (byte[]) c.next());
        ws.sendBinary(ByteBuffer.wrap(new byte[LIMIT + 1]), true).join();
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, c.closed.get(30, TimeUnit.SECONDS));
    }

    @Test
    void jdkClientPingIsAnsweredWithPong() throws Exception {
        CompletableFuture<ByteBuffer> pong = new CompletableFuture<>();
        JdkWebSocketListener c = new JdkWebSocketListener() {
            @Override
            public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
                pong.complete(message);
                ws.request(1);
                return null;
            }
        };
        WebSocket ws = connect(c);
        ws.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8))).join();
        assertEquals("are you there", StandardCharsets.UTF_8.decode(pong.get(30, TimeUnit.SECONDS)).toString());
        ws.sendClose(1000, "").join();
        c.closed.get(30, TimeUnit.SECONDS);
    }

    // ---- raw socket: what a well-behaved client never sends --------------------------------

    private static Close expectClose(RawWebSocket ws) throws Exception {
        Frame f;
        do {
            f = ws.read();
            assertTrue(f != null, "the server closed without a close frame");
        } while (f.opcode() != Opcode.CLOSE);
        Close close = Close.parse(f.payload());
        assertNull(ws.read(), "the server closes the TCP connection after its close frame");
        return close;
    }

    @Test
    void unmaskedClientFrameIsClosedWith1002() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/ws")) {
            ws.sendUnmasked(Opcode.TEXT, "naked".getBytes(StandardCharsets.UTF_8));
            assertEquals(CloseCodes.PROTOCOL_ERROR, expectClose(ws).code());
        }
    }

    @Test
    void invalidUtf8IsClosedWith1007EvenAcrossFragments() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/ws")) {
            ws.send(Opcode.TEXT, false, "κόσμε".getBytes(StandardCharsets.UTF_8));
            ws.send(Opcode.CONTINUATION, true, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
            assertEquals(CloseCodes.INVALID_PAYLOAD, expectClose(ws).code());
        }
    }

    @Test
    void reservedBitsAndOpcodesAreClosedWith1002() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/ws")) {
            ByteBuffer f = FrameEncoder.frame(Opcode.TEXT, true, false, new byte[1], new byte[] {1, 2, 3, 4});
            f.put(0, (byte) (0x80 | 0x20 | 1)); // RSV2
            ws.write(f);
            assertEquals(CloseCodes.PROTOCOL_ERROR, expectClose(ws).code());
        }
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/ws")) {
            ByteBuffer f = FrameEncoder.frame(Opcode.TEXT, true, false, new byte[1], new byte[] {1, 2, 3, 4});
            f.put(0, (byte) (0x80 | 0xB)); // reserved control opcode
            ws.write(f);
            assertEquals(CloseCodes.PROTOCOL_ERROR, expectClose(ws).code());
        }
    }

    @Test
    void pingBetweenFragmentsIsAnsweredAndTheMessageStillArrives() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/ws")) {
            ws.send(Opcode.TEXT, false, "one ".getBytes(StandardCharsets.UTF_8));
            ws.send(Opcode.PING, true, "p".getBytes(StandardCharsets.UTF_8));
            ws.send(Opcode.CONTINUATION, true, "two".getBytes(StandardCharsets.UTF_8));
            Frame pong = ws.read();
            assertEquals(Opcode.PONG, pong.opcode());
            assertArrayEquals("p".getBytes(StandardCharsets.UTF_8), pong.payload());
            Frame echo = ws.read();
            assertEquals(Opcode.TEXT, echo.opcode());
            assertEquals("one two", new String(echo.payload(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void closeCodesAreEchoedAndInvalidOnesRefused() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/ws")) {
            ws.send(Opcode.CLOSE, true, FrameEncoder.closePayload(4001, "app reason"));
            assertEquals(4001, expectClose(ws).code());
        }
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/ws")) {
            ws.send(Opcode.CLOSE, true, new byte[0]);
            assertEquals(CloseCodes.NORMAL, expectClose(ws).code());
        }
        for (int bad : new int[] {999, 1005, 1006, 1015, 2999, 5000}) {
            try (RawWebSocket ws = RawWebSocket.open(server.port(), "/ws")) {
                ws.send(Opcode.CLOSE, true, FrameEncoder.closePayload(bad, ""));
                assertEquals(CloseCodes.PROTOCOL_ERROR, expectClose(ws).code(), "code " + bad);
            }
        }
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/ws")) {
            ws.send(Opcode.CLOSE, true, new byte[] {0x03, (byte) 0xE8, (byte) 0xFF});
            assertEquals(CloseCodes.INVALID_PAYLOAD, expectClose(ws).code());
        }
    }

    @Test
    void framesSentWithTheUpgradeRequestBelongToTheWebSocket() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            ByteBuffer frame = FrameEncoder.frame(Opcode.TEXT, true, false, "early".getBytes(StandardCharsets.UTF_8),
                    new byte[] {9, 8, 7, 6});
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            all.writeBytes(frame.array());
            s.getOutputStream().write(all.toByteArray()); // one write: the frame arrives with the head
            String head = Wire.readHead(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            assertTrue(head.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), head);
            byte[] echo = s.getInputStream().readNBytes(2 + 5);
            assertEquals(0x81, echo[0] & 0xFF);
            assertEquals("early", new String(echo, 2, 5, StandardCharsets.UTF_8));
        }
    }

    @Test
    void abruptDisconnectFreesTheConnection() throws Exception {
        // A server of its own: the shared one may still be closing another test's connection (the
        // JDK client reports a close handshake done before the server has let go of the socket),
        // and a count taken then is one too high.
        try (Server own = Main.start("--host", "127.0.0.1", "--port", "0")) {
            RawWebSocket ws = RawWebSocket.open(own.port(), "/ws");
            ws.send(Opcode.TEXT, false, "half a mess".getBytes(StandardCharsets.UTF_8));
            Await.until(Duration.ofSeconds(10), () -> own.openConnections() + " connections open, 1 expected",
                    () -> own.openConnections() == 1);
            ws.socket.setSoLinger(true, 0); // a reset, not a FIN
            ws.close();
            Await.until(Duration.ofSeconds(10), () -> own.openConnections() + " connections open, 0 expected",
                    () -> own.openConnections() == 0);
        }
    }

    // ---- the handshake -----------------------------------------------------------------------

    private static Wire.RawResponse handshake(String headers) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            Wire.send(s, "GET /ws HTTP/1.1\r\nHost: x\r\n" + headers + "Connection: close\r\n\r\n");
            return Wire.readResponse(s.getInputStream());
        }
    }

    @Test
    void plainGetIsAnswered426NamingTheProtocol() throws Exception {
        Wire.RawResponse r = handshake("");
        assertEquals(426, r.status());
        assertTrue(r.head().contains("Upgrade: websocket"), r.head());
        assertTrue(r.head().contains("Sec-WebSocket-Version: 13"), r.head());
        assertTrue(r.head().contains("application/problem+json"), r.head());
    }

    @Test
    void wrongVersionIs426WithTheSupportedVersion() throws Exception {
        Wire.RawResponse r = handshake("Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n");
        assertEquals(426, r.status());
        assertTrue(r.head().contains("Sec-WebSocket-Version: 13"), r.head());
        assertTrue(r.text().contains("Sec-WebSocket-Version"), r.text());
    }

    @Test
    void badKeyIs400ProblemNamingTheHeader() throws Exception {
        Wire.RawResponse r = handshake("Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n");
        assertEquals(400, r.status());
        assertTrue(r.text().contains("Sec-WebSocket-Key"), r.text());
    }

    @Test
    void refusedUpgradeLeavesTheConnectionSpeakingHttp() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            Wire.send(s, "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n\r\n"
                    + "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(400, Wire.readResponse(s.getInputStream()).status());
            Wire.RawResponse next = Wire.readResponse(s.getInputStream());
            assertEquals(200, next.status());
            assertEquals("Hello, World!", next.text());
        }
    }
}
