package dev.weft.router.websocket;

import dev.weft.router.Extractor;
import dev.weft.router.Handler;
import dev.weft.router.RequestContext;
import dev.weft.server.Response;
import dev.weft.server.websocket.HandshakeException;
import dev.weft.server.websocket.WebSocketConfig;
import dev.weft.server.websocket.WebSocketHandler;
import dev.weft.server.websocket.WebSocketHandshake;

import java.util.Objects;

/**
 * WebSocket routes in one import.
 *
 * <pre>{@code
 * import static dev.weft.router.websocket.WebSockets.*;
 *
 * router.get("/ws", webSocket(), ws(socket -> socket.sendAll(socket.messages())));
 * router.get("/feed/{topic}", path("topic"), webSocket(config),
 *         (topic, upgrade) -> upgrade.accept(socket -> feeds.subscribe(topic, socket)));
 * }</pre>
 *
 * <p>The extractor runs where it is declared, after the extractors before it (authentication,
 * path parameters): a request that fails them never upgrades. A bad handshake is answered with
 * {@code application/problem+json}: 400 for a malformed one, 403 for an origin the
 * {@link WebSocketConfig#originPolicy()} refuses, 426 (with {@code Sec-WebSocket-Version: 13} and
 * {@code Upgrade: websocket}) for a plain request or another protocol version.
 */
public final class WebSockets {
    private WebSockets() {
    }

    /** The handshake, checked with {@link WebSocketConfig#defaults()}. */
    public static Extractor<WebSocketUpgrade> webSocket() {
        return webSocket(WebSocketConfig.defaults());
    }

    /** The handshake, checked with {@code config}, whose limits and keep-alive the session then uses. */
    public static Extractor<WebSocketUpgrade> webSocket(WebSocketConfig config) {
        Objects.requireNonNull(config, "config");
        return new Extractor<>() {
            @Override
            public WebSocketUpgrade extract(RequestContext cx) {
                try {
                    return new WebSocketUpgrade(cx.request(), config, WebSocketHandshake.check(cx.request(), config));
                } catch (HandshakeException e) {
                    throw new HandshakeRejected(e);
                }
            }
        };
    }

    /** A handler that accepts every upgrade with {@code handler}: {@code webSocket(), ws(socket -> ...)}. */
    public static Handler.H1<WebSocketUpgrade> ws(WebSocketHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return new Handler.H1<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public Response handle(WebSocketUpgrade upgrade) {
                return upgrade.accept(handler);
            }
        };
    }
}
