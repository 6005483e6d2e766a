package dev.weft.server.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A WebSocket data message: text or binary. Control frames (ping, pong, close) are the session's
 * business and never appear here.
 *
 * <pre>{@code
 * switch (message) {
 *     case WsMessage.Text t -> ws.send(WsMessage.text(t.text().toUpperCase()));
 *     case WsMessage.Binary b -> ws.send(b);
 * }
 * }</pre>
 */
public sealed interface WsMessage permits WsMessage.Text, WsMessage.Binary {

    /** A text message. */
    static Text text(String text) {
        return new Text(text);
    }

    /** A binary message of {@code data} (not copied: do not modify it afterwards). */
    static Binary binary(byte[] data) {
        return new Binary(data);
    }

    /** The payload as bytes (text as UTF-8). */
    byte[] bytes();

    /**
     * A text message.
     *
     * @param text the text
     */
    record Text(String text) implements WsMessage {
        /** Validates the text. */
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public byte[] bytes() {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * A binary message.
     *
     * @param data the bytes, owned by the message
     */
    record Binary(byte[] data) implements WsMessage {
        /** Validates the data. */
        public Binary {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public byte[] bytes() {
            return data;
        }
    }
}
