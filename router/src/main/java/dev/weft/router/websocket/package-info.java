/**
 * WebSocket routes: the {@link dev.weft.router.websocket.WebSockets#webSocket()} extractor checks the
 * opening handshake (a bad one is a 400, 403 or 426 problem+json) after the route's other
 * extractors, and its {@link dev.weft.router.websocket.WebSocketUpgrade} answers with the 101 that
 * starts the session.
 *
 * <pre>{@code
 * import static dev.weft.router.websocket.WebSockets.*;
 *
 * router.get("/echo", webSocket(), ws(socket -> socket.sendAll(socket.messages())))
 *       .get("/rooms/{room}", path("room"), webSocket(), (room, upgrade) -> upgrade.accept(socket -> rooms.join(room, socket)));
 * }</pre>
 */
package dev.weft.router.websocket;
