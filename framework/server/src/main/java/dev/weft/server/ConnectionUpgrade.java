package dev.weft.server;

import dev.weft.runtime.Async;

/**
 * What a connection becomes after a {@code 101 Switching Protocols} response (RFC 9110 §15.2.2):
 * the response carries it as its body ({@link ResponseBody#upgrade}); once the 101 is written, the
 * connection's task stops speaking HTTP and polls the value this returns, which owns the socket
 * from then on. The connection closes when that value completes, fails or is cancelled (the
 * client vanished, the shutdown deadline passed).
 *
 * <pre>{@code
 * Response switching = Response.builder(HttpStatus.SWITCHING_PROTOCOLS)
 *         .header("Upgrade", "my-protocol")
 *         .header("Connection", "Upgrade")
 *         .body(ResponseBody.upgrade(connection -> new MyProtocolSession(connection)))
 *         .build();
 * }</pre>
 *
 * <p>The server honours it only for a request that asked to upgrade ({@code Upgrade} header) and
 * has no body; any other response carrying it is answered 500 instead. The WebSocket support
 * ({@code dev.weft.server.websocket}) is built on this.
 */
@FunctionalInterface
public interface ConnectionUpgrade {

    /**
     * Called on the connection's task once the 101 response has been written.
     *
     * @param connection the socket, with the bytes the client sent after its request head
     * @return the new protocol's session, polled by the connection's task until it completes
     */
    Async<Void> start(UpgradedConnection connection);
}
