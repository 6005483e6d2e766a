package dev.weft.codec.websocket;

/**
 * The peer broke RFC 6455 (or a configured limit): the connection must be closed with
 * {@link #closeCode()} (RFC 6455 §7.4.1), whose reason is this exception's message.
 */
public final class WebSocketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int closeCode;

    /**
     * @param closeCode the close code to send: {@link CloseCodes#PROTOCOL_ERROR},
     *                  {@link CloseCodes#INVALID_PAYLOAD} or {@link CloseCodes#MESSAGE_TOO_BIG}
     * @param message   what was wrong, short enough for a close reason (at most 123 bytes)
     */
    public WebSocketException(int closeCode, String message) {
        super(message, null, false, false);
        this.closeCode = closeCode;
    }

    /** The close code the peer is sent. */
    public int closeCode() {
        return closeCode;
    }
}
