package dev.weft.router.websocket;

import static dev.weft.router.extract.Extractors.path;
import static dev.weft.router.websocket.WebSockets.webSocket;
import static dev.weft.router.websocket.WebSockets.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpMethod;
import dev.weft.http.HttpStatus;
import dev.weft.router.Router;
import dev.weft.router.test.TestClient;
import dev.weft.router.test.TestRequest;
import dev.weft.router.test.TestResponse;
import dev.weft.runtime.Async;
import dev.weft.server.websocket.WebSocketConfig;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The handshake through the router, in process: what is accepted, what is refused and how. */
class WebSocketsTest {
    private static final WebSocketConfig CONFIG = WebSocketConfig.defaults()
            .withSubprotocols(List.of("b", "a"))
            .withOriginPolicy(origin -> origin == null || origin.startsWith("https://ok."));

    private static final TestClient CLIENT = TestClient.of(Router.create()
            .get("/ws", webSocket(CONFIG), ws(socket -> Async.ready(null)))
            .get("/ws/{n}", path("n", int.class), webSocket(),
                    (n, upgrade) -> n > 0 ? upgrade.accept(socket -> Async.ready(null)) : HttpStatus.FORBIDDEN));

    private static TestRequest handshake(String path) {
        return CLIENT.request(HttpMethod.GET, path)
                .header("Upgrade", "websocket")
                .header("Connection", "keep-alive, Upgrade")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .header("Sec-WebSocket-Version", "13");
    }

    @Test
    void validHandshakeIs101WithTheAcceptKey() {
        TestResponse r = handshake("/ws").send();
        assertEquals(101, r.status());
        assertEquals("websocket", r.header("Upgrade"));
        assertEquals("Upgrade", r.header("Connection"));
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", r.header("Sec-WebSocket-Accept")); // RFC 6455 §1.3
        assertNull(r.header("Sec-WebSocket-Protocol"));
    }

    @Test
    void subprotocolIsTheServersFirstChoiceAmongTheOffered() {
        assertEquals("b", handshake("/ws").header("Sec-WebSocket-Protocol", "a, b").send().header("Sec-WebSocket-Protocol"));
        assertEquals("a", handshake("/ws").header("Sec-WebSocket-Protocol", "a").send().header("Sec-WebSocket-Protocol"));
        assertNull(handshake("/ws").header("Sec-WebSocket-Protocol", "c").send().header("Sec-WebSocket-Protocol"));
    }

    @Test
    void permessageDeflateIsAgreedWhenOffered() {
        TestResponse r = handshake("/ws").header("Sec-WebSocket-Extensions",
                "permessage-deflate; client_max_window_bits; server_no_context_takeover").send();
        assertEquals("permessage-deflate; server_no_context_takeover", r.header("Sec-WebSocket-Extensions"));
        TestResponse off = TestClient.of(Router.create()
                        .get("/ws", webSocket(CONFIG.withPermessageDeflate(false)), ws(socket -> Async.ready(null))))
                .request(HttpMethod.GET, "/ws").header("Upgrade", "websocket").header("Connection", "Upgrade")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").header("Sec-WebSocket-Version", "13")
                .header("Sec-WebSocket-Extensions", "permessage-deflate").send();
        assertNull(off.header("Sec-WebSocket-Extensions"));
    }

    @Test
    void plainGetIs426ProblemNamingTheProtocol() {
        TestResponse r = CLIENT.get("/ws");
        assertEquals(426, r.status());
        assertEquals("application/problem+json", r.header("Content-Type"));
        assertEquals("websocket", r.header("Upgrade"));
        assertEquals("13", r.header("Sec-WebSocket-Version"));
    }

    @Test
    void eachMalformedPartIsA400NamingIt() {
        assertRefused(handshake("/ws").header("Sec-WebSocket-Version", "12"), 426, "Sec-WebSocket-Version");
        assertRefused(CLIENT.request(HttpMethod.GET, "/ws").header("Upgrade", "h2c").header("Connection", "Upgrade"),
                400, "'Upgrade'");
        assertRefused(CLIENT.request(HttpMethod.GET, "/ws").header("Upgrade", "websocket").header("Connection", "close")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").header("Sec-WebSocket-Version", "13"),
                400, "'Connection'");
        assertRefused(CLIENT.request(HttpMethod.GET, "/ws").header("Upgrade", "websocket").header("Connection", "Upgrade")
                .header("Sec-WebSocket-Version", "13"), 400, "Sec-WebSocket-Key");
        assertRefused(CLIENT.request(HttpMethod.GET, "/ws").header("Upgrade", "websocket").header("Connection", "Upgrade")
                .header("Sec-WebSocket-Key", "AAAAAAAAAAAAAAAAAAAAAAAAAAAA").header("Sec-WebSocket-Version", "13"),
                400, "Sec-WebSocket-Key");
    }

    @Test
    void refusedOriginIs403() {
        assertRefused(handshake("/ws").header("Origin", "https://evil.example"), 403, "https://evil.example");
        assertEquals(101, handshake("/ws").header("Origin", "https://ok.example").send().status());
    }

    @Test
    void extractorsBeforeItRunFirstAndTheHandlerMayRefuse() {
        TestResponse bad = handshake("/ws/abc").send();
        assertEquals(400, bad.status());
        assertTrue(bad.text().contains("path parameter 'n'"), bad.text());
        assertEquals(403, handshake("/ws/0").send().status());
        assertEquals(101, handshake("/ws/1").send().status());
    }

    private static void assertRefused(TestRequest request, int status, String named) {
        TestResponse r = request.send();
        assertEquals(status, r.status(), r.text());
        assertEquals("application/problem+json", r.header("Content-Type"));
        assertTrue(r.text().contains(named), r.text());
    }
}
