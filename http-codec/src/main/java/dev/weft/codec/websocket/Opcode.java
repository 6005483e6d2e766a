package dev.weft.codec.websocket;

/** The frame opcodes RFC 6455 §5.2 defines; every other value is reserved and refused. */
public enum Opcode {
    CONTINUATION(0x0),
    TEXT(0x1),
    BINARY(0x2),
    CLOSE(0x8),
    PING(0x9),
    PONG(0xA);

    /** The 4-bit value on the wire. */
    public final int code;

    Opcode(int code) {
        this.code = code;
    }

    /** True for close, ping and pong (RFC 6455 §5.5): at most 125 bytes, never fragmented. */
    public boolean isControl() {
        return code >= 0x8;
    }

    /** The opcode for a wire value, or null when it is reserved. */
    static Opcode of(int code) {
        return switch (code) {
            case 0x0 -> CONTINUATION;
            case 0x1 -> TEXT;
            case 0x2 -> BINARY;
            case 0x8 -> CLOSE;
            case 0x9 -> PING;
            case 0xA -> PONG;
            default -> null;
        };
    }
}
