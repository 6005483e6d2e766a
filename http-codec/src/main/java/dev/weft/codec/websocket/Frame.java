package dev.weft.codec.websocket;

import java.util.Objects;

/**
 * One decoded frame: its flags, opcode and unmasked payload.
 *
 * @param fin     the final fragment of its message
 * @param rsv1    the first reserved bit (permessage-deflate's "compressed" flag on a message's first frame)
 * @param opcode  the opcode
 * @param payload the payload, unmasked; owned by the frame
 */
public record Frame(boolean fin, boolean rsv1, Opcode opcode, byte[] payload) {
    /** Validates the parts. */
    public Frame {
        Objects.requireNonNull(opcode, "opcode");
        Objects.requireNonNull(payload, "payload");
    }
}
