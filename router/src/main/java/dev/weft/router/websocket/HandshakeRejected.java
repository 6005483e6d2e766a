package dev.weft.router.websocket;

import dev.weft.router.IntoResponse;
import dev.weft.router.Problem;
import dev.weft.server.Response;
import dev.weft.server.websocket.HandshakeException;

/**
 * A refused opening handshake, answered as problem+json with the headers the refusal must carry
 * ({@code Sec-WebSocket-Version: 13} on a 426). No stack trace: a client causes it.
 */
final class HandshakeRejected extends RuntimeException implements IntoResponse {
    private static final long serialVersionUID = 1L;

    private final transient HandshakeException cause;

    HandshakeRejected(HandshakeException cause) {
        super(cause.getMessage(), null, false, false);
        this.cause = cause;
    }

    @Override
    public Response toResponse() {
        Response r = Problem.of(cause.status()).title("WebSocket handshake refused").detail(cause.getMessage()).toResponse();
        cause.headers().forEach((name, value) -> r.headers().set(name, value));
        return r;
    }
}
