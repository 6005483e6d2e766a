package dev.weft.server.websocket;

import dev.weft.codec.websocket.PerMessageDeflate;
import dev.weft.http.HttpMethod;
import dev.weft.http.HttpStatus;
import dev.weft.http.HttpVersion;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.ResponseBody;
import dev.weft.server.internal.websocket.Session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The server's opening handshake (RFC 6455 §4.2): checks a request and answers it with the
 * {@code 101 Switching Protocols} that hands the connection to a WebSocket session.
 *
 * <p>Checked, in order, each failure a {@link HandshakeException}:
 * <ul>
 *   <li>{@code GET}, HTTP/1.1 or later, no body: else 400;</li>
 *   <li>an {@code Upgrade} field: absent, 426 (with {@code Upgrade: websocket}); present without
 *       the {@code websocket} token, 400;</li>
 *   <li>{@code Connection} holding the {@code upgrade} token: else 400;</li>
 *   <li>{@code Sec-WebSocket-Version: 13}: else 426 with {@code Sec-WebSocket-Version: 13} (§4.4);</li>
 *   <li>{@code Sec-WebSocket-Key}: one field, the base64 of 16 bytes: else 400;</li>
 *   <li>the {@code Origin} policy: refused, 403.</li>
 * </ul>
 * Then the subprotocol is the first of the server's (in its order) that the client offered, or
 * none; permessage-deflate is agreed when configured and offered in a form the server honours.
 *
 * <pre>{@code
 * Response r = WebSocketHandshake.accept(request, WebSocketConfig.defaults(), ws -> ws.sendAll(ws.messages()));
 * }</pre>
 */
public final class WebSocketHandshake {
    /** The GUID RFC 6455 §1.3 appends to the key. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final Map<String, String> UPGRADE_REQUIRED = Map.of("Upgrade", "websocket",
            "Sec-WebSocket-Version", "13");

    private WebSocketHandshake() {
    }

    /**
     * What the handshake agreed, before the response is made.
     *
     * @param accept      the {@code Sec-WebSocket-Accept} value
     * @param subprotocol the subprotocol, or null
     * @param deflate     the agreed permessage-deflate, or null
     */
    public record Agreement(String accept, String subprotocol, PerMessageDeflate deflate) {
    }

    /**
     * Checks the request and agrees on subprotocol and compression.
     *
     * @throws HandshakeException when the request is not a valid opening handshake
     */
    public static Agreement check(Request request, WebSocketConfig config) {
        if (request.method() != HttpMethod.GET) {
            throw bad("a WebSocket handshake is a GET request, not " + request.method());
        }
        if (request.version() == HttpVersion.HTTP_1_0) {
            throw bad("a WebSocket handshake needs HTTP/1.1");
        }
        var h = request.headers();
        if (h.contains("Content-Length") && !"0".equals(h.get("Content-Length")) || h.contains("Transfer-Encoding")) {
            throw bad("a WebSocket handshake has no body");
        }
        if (!h.contains("Upgrade")) {
            throw new HandshakeException(HttpStatus.UPGRADE_REQUIRED,
                    "this resource speaks WebSocket: send 'Upgrade: websocket'", UPGRADE_REQUIRED);
        }
        if (!h.containsToken("Upgrade", "websocket")) {
            throw bad("header 'Upgrade' must hold 'websocket'");
        }
        if (!h.containsToken("Connection", "upgrade")) {
            throw bad("header 'Connection' must hold 'Upgrade'");
        }
        List<String> versions = h.getAll("Sec-WebSocket-Version");
        if (versions.size() != 1 || !"13".equals(versions.getFirst().trim())) {
            throw new HandshakeException(HttpStatus.UPGRADE_REQUIRED,
                    "header 'Sec-WebSocket-Version' must be 13, the version this server speaks", UPGRADE_REQUIRED);
        }
        List<String> keys = h.getAll("Sec-WebSocket-Key");
        if (keys.size() != 1 || !isValidKey(keys.getFirst().trim())) {
            throw bad("header 'Sec-WebSocket-Key' must be one base64-encoded 16-byte value");
        }
        String origin = h.get("Origin");
        if (!config.originPolicy().test(origin)) {
            throw new HandshakeException(HttpStatus.FORBIDDEN, "origin '" + origin + "' is not allowed", Map.of());
        }
        String subprotocol = chooseSubprotocol(h.getAll("Sec-WebSocket-Protocol"), config.subprotocols());
        PerMessageDeflate deflate = config.permessageDeflate()
                ? PerMessageDeflate.negotiate(h.getAll("Sec-WebSocket-Extensions"), false)
                : null;
        return new Agreement(acceptFor(keys.getFirst().trim()), subprotocol, deflate);
    }

    /**
     * Checks the request and answers with the 101 that starts {@code handler} on the connection.
     *
     * @throws HandshakeException when the request is not a valid opening handshake
     */
    public static Response accept(Request request, WebSocketConfig config, WebSocketHandler handler) {
        return respond(request, check(request, config), config, handler);
    }

    /** The 101 for an agreement from {@link #check}. */
    public static Response respond(Request request, Agreement agreement, WebSocketConfig config, WebSocketHandler handler) {
        Response.Builder b = Response.builder(HttpStatus.SWITCHING_PROTOCOLS)
                .header("Upgrade", "websocket")
                .header("Connection", "Upgrade")
                .header("Sec-WebSocket-Accept", agreement.accept());
        if (agreement.subprotocol() != null) {
            b.header("Sec-WebSocket-Protocol", agreement.subprotocol());
        }
        if (agreement.deflate() != null) {
            b.header("Sec-WebSocket-Extensions", agreement.deflate().responseHeader());
        }
        return b.body(ResponseBody.upgrade(connection ->
                new Session(connection, request, agreement.subprotocol(), agreement.deflate(), config, handler))).build();
    }

    /** {@code Sec-WebSocket-Accept} for a key (RFC 6455 §4.2.2 item 5.4). */
    public static String acceptFor(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    private static boolean isValidKey(String key) {
        if (key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String chooseSubprotocol(List<String> offeredFields, List<String> supported) {
        List<String> offered = new ArrayList<>();
        for (String field : offeredFields) {
            for (String p : field.split(",")) {
                offered.add(p.trim());
            }
        }
        for (String s : supported) {
            if (offered.contains(s)) {
                return s;
            }
        }
        return null;
    }

    private static HandshakeException bad(String detail) {
        return new HandshakeException(HttpStatus.BAD_REQUEST, detail, Map.of());
    }
}
