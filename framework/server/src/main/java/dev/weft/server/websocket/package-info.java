/**
 * WebSocket (RFC 6455) on Weft's server: the opening handshake as a {@code 101} response that
 * upgrades the connection, and a {@link dev.weft.server.websocket.WebSocket} session whose
 * messages flow both ways with backpressure, on the connection's own task.
 *
 * <pre>{@code
 * Service echo = request -> Async.ready(
 *         WebSocketHandshake.accept(request, WebSocketConfig.defaults(), ws -> ws.sendAll(ws.messages())));
 * }</pre>
 *
 * <p>The router's {@code dev.weft.router.websocket} turns a failed handshake into a problem+json answer.
 */
package dev.weft.server.websocket;
