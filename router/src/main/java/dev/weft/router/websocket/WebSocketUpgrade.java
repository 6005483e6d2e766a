package dev.weft.router.websocket;

import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.websocket.WebSocketConfig;
import dev.weft.server.websocket.WebSocketHandler;
import dev.weft.server.websocket.WebSocketHandshake;

/**
 * A checked WebSocket opening handshake, extracted by {@link WebSockets#webSocket()}: return
 * {@link #accept} from the handler to switch the connection. A handler may also refuse (return
 * any other response), say after looking at {@link #subprotocol()} or its other extractors.
 *
 * <pre>{@code
 * router.get("/chat", header("Authorization"), webSocket(), (auth, upgrade) ->
 *         users.check(auth) ? upgrade.accept(socket -> chat.join(socket)) : HttpStatus.FORBIDDEN);
 * }</pre>
 */
public final class WebSocketUpgrade {
    private final Request request;
    private final WebSocketConfig config;
    private final WebSocketHandshake.Agreement agreement;

    WebSocketUpgrade(Request request, WebSocketConfig config, WebSocketHandshake.Agreement agreement) {
        this.request = request;
        this.config = config;
        this.agreement = agreement;
    }

    /** The {@code 101 Switching Protocols} that runs {@code handler} on the connection. */
    public Response accept(WebSocketHandler handler) {
        return WebSocketHandshake.respond(request, agreement, config, handler);
    }

    /** The subprotocol agreed (the first of the configured ones the client offered), or null. */
    public String subprotocol() {
        return agreement.subprotocol();
    }

    /** Whether permessage-deflate will be used. */
    public boolean compressed() {
        return agreement.deflate() != null;
    }

    /** The upgrade request. */
    public Request request() {
        return request;
    }
}
