package dev.weft.codec.websocket;

import java.util.Objects;

/**
 * A whole data message, reassembled from its frames (and inflated, if it was compressed).
 *
 * @param text true for a text message (its data is valid UTF-8), false for binary
 * @param data the payload; owned by the message
 */
public record Message(boolean text, byte[] data) {
    /** Validates the parts. */
    public Message {
        Objects.requireNonNull(data, "data");
    }
}
