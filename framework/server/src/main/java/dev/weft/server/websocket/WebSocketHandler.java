package dev.weft.server.websocket;

import dev.weft.runtime.Async;

/**
 * An application's side of one WebSocket connection. Its value runs on the connection's task
 * (so it must not block); when it completes the server closes the connection with 1000, when
 * it fails with 1011. When the connection ends first (the peer closed, went away or broke the
 * protocol), the value is cancelled.
 *
 * <pre>{@code
 * WebSocketHandler echo = ws -> ws.sendAll(ws.messages());
 * }</pre>
 */
@FunctionalInterface
public interface WebSocketHandler {

    /**
     * Starts the session's work.
     *
     * @param socket the open connection
     * @return what runs for as long as the application wants the connection
     */
    Async<Void> handle(WebSocket socket);
}
