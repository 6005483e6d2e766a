package dev.weft.server.websocket;

import dev.weft.codec.websocket.WebSocketLimits;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How a WebSocket endpoint behaves. Every default is here, once.
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code limits}</td><td>1 MiB frames, 1 MiB messages</td><td>larger: close 1009</td></tr>
 *   <tr><td>{@code pingInterval}</td><td>30 s</td><td>a ping after this long without a frame from the peer; {@code ZERO} turns keep-alive off</td></tr>
 *   <tr><td>{@code pongTimeout}</td><td>30 s</td><td>no frame at all this long after a ping: the peer is gone, the connection closes</td></tr>
 *   <tr><td>{@code closeTimeout}</td><td>5 s</td><td>how long to wait for the peer's close frame, then its FIN</td></tr>
 *   <tr><td>{@code subprotocols}</td><td>none</td><td>supported subprotocols, in the server's order of preference</td></tr>
 *   <tr><td>{@code originPolicy}</td><td>any origin</td><td>false for the {@code Origin} (null when absent): 403</td></tr>
 *   <tr><td>{@code permessageDeflate}</td><td>true</td><td>accept RFC 7692 compression when the client offers it</td></tr>
 *   <tr><td>{@code sendQueueBytes}</td><td>64 KiB</td><td>encoded bytes queued for the peer before senders wait</td></tr>
 * </table>
 *
 * <pre>{@code
 * WebSocketConfig config = WebSocketConfig.defaults()
 *         .withSubprotocols(List.of("chat.v2", "chat.v1"))
 *         .withOriginPolicy(origin -> "https://app.example".equals(origin))
 *         .withLimits(new WebSocketLimits(64 * 1024, 4 * 1024 * 1024));
 * }</pre>
 *
 * @param limits            frame and message size limits
 * @param pingInterval      quiet time before a keep-alive ping, or {@code ZERO} for none
 * @param pongTimeout       time after a ping without any frame before the peer is given up
 * @param closeTimeout      time to wait for the peer's close frame, and then for its FIN
 * @param subprotocols      supported subprotocols, preferred first
 * @param originPolicy      which {@code Origin} values are accepted (null: none was sent)
 * @param permessageDeflate whether compression may be negotiated
 * @param sendQueueBytes    bytes queued for writing before senders wait
 */
public record WebSocketConfig(WebSocketLimits limits, Duration pingInterval, Duration pongTimeout,
                              Duration closeTimeout, List<String> subprotocols, Predicate<String> originPolicy,
                              boolean permessageDeflate, int sendQueueBytes) {

    /** Validates the settings. */
    public WebSocketConfig {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(pongTimeout, "pongTimeout");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        subprotocols = List.copyOf(subprotocols);
        Objects.requireNonNull(originPolicy, "originPolicy");
        if (pingInterval.isNegative() || pongTimeout.isNegative() || pongTimeout.isZero() || closeTimeout.isNegative()
                || closeTimeout.isZero()) {
            throw new IllegalArgumentException("pingInterval must be >= 0, pongTimeout and closeTimeout > 0");
        }
        if (sendQueueBytes < 1) {
            throw new IllegalArgumentException("sendQueueBytes must be >= 1: " + sendQueueBytes);
        }
    }

    /** The defaults in the table above. */
    public static WebSocketConfig defaults() {
        return new WebSocketConfig(WebSocketLimits.defaults(), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(5), List.of(), AnyOrigin.INSTANCE, true, 64 * 1024);
    }

    /** The default policy: any origin, and none. A class, not a lambda: nothing spun at start-up. */
    private static final class AnyOrigin implements Predicate<String> {
        static final AnyOrigin INSTANCE = new AnyOrigin();

        @Override
        public boolean test(String origin) {
            return true;
        }
    }

    /** With other size limits. */
    public WebSocketConfig withLimits(WebSocketLimits limits) {
        return new WebSocketConfig(limits, pingInterval, pongTimeout, closeTimeout, subprotocols, originPolicy,
                permessageDeflate, sendQueueBytes);
    }

    /** With another keep-alive: a ping after {@code interval} of quiet ({@code ZERO}: none), given up after {@code timeout}. */
    public WebSocketConfig withKeepAlive(Duration interval, Duration timeout) {
        return new WebSocketConfig(limits, interval, timeout, closeTimeout, subprotocols, originPolicy,
                permessageDeflate, sendQueueBytes);
    }

    /** With another close timeout. */
    public WebSocketConfig withCloseTimeout(Duration closeTimeout) {
        return new WebSocketConfig(limits, pingInterval, pongTimeout, closeTimeout, subprotocols, originPolicy,
                permessageDeflate, sendQueueBytes);
    }

    /** With these supported subprotocols, preferred first. */
    public WebSocketConfig withSubprotocols(List<String> subprotocols) {
        return new WebSocketConfig(limits, pingInterval, pongTimeout, closeTimeout, subprotocols, originPolicy,
                permessageDeflate, sendQueueBytes);
    }

    /** With an {@code Origin} policy (the argument is null when the request has none). */
    public WebSocketConfig withOriginPolicy(Predicate<String> originPolicy) {
        return new WebSocketConfig(limits, pingInterval, pongTimeout, closeTimeout, subprotocols, originPolicy,
                permessageDeflate, sendQueueBytes);
    }

    /** With permessage-deflate allowed or not. */
    public WebSocketConfig withPermessageDeflate(boolean permessageDeflate) {
        return new WebSocketConfig(limits, pingInterval, pongTimeout, closeTimeout, subprotocols, originPolicy,
                permessageDeflate, sendQueueBytes);
    }

    /** With another send queue size. */
    public WebSocketConfig withSendQueueBytes(int sendQueueBytes) {
        return new WebSocketConfig(limits, pingInterval, pongTimeout, closeTimeout, subprotocols, originPolicy,
                permessageDeflate, sendQueueBytes);
    }
}
