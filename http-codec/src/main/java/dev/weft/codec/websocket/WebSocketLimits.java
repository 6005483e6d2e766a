package dev.weft.codec.websocket;

/**
 * How much one WebSocket peer may send.
 *
 * <table>
 *   <caption>Limits and defaults</caption>
 *   <tr><th>limit</th><th>default</th><th>when exceeded</th></tr>
 *   <tr><td>{@code maxFrameSize}</td><td>1 MiB</td><td>close 1009</td></tr>
 *   <tr><td>{@code maxMessageSize}</td><td>1 MiB (after inflation)</td><td>close 1009</td></tr>
 * </table>
 *
 * <pre>{@code
 * WebSocketLimits limits = new WebSocketLimits(64 * 1024, 16 * 1024 * 1024);
 * }</pre>
 *
 * @param maxFrameSize   the largest frame payload accepted, in bytes (&ge; 125)
 * @param maxMessageSize the largest message accepted, in bytes after decompression (&ge; 1)
 */
public record WebSocketLimits(int maxFrameSize, int maxMessageSize) {
    /** The default for both limits: 1 MiB. */
    public static final int DEFAULT_SIZE = 1024 * 1024;

    /** Validates the limits. */
    public WebSocketLimits {
        if (maxFrameSize < 125) {
            throw new IllegalArgumentException("maxFrameSize must be >= 125 (a control frame's size): " + maxFrameSize);
        }
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("maxMessageSize must be >= 1: " + maxMessageSize);
        }
    }

    /** 1 MiB frames and messages. */
    public static WebSocketLimits defaults() {
        return new WebSocketLimits(DEFAULT_SIZE, DEFAULT_SIZE);
    }
}
