package dev.weft.server.websocket;

/** A message was sent on a WebSocket that is closing or closed. */
public final class WebSocketClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message why the socket no longer sends */
    public WebSocketClosedException(String message) {
        super(message);
    }
}
