package dev.weft.codec.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes frames (RFC 6455 §5.2): a server's frames unmasked, a client's masked with the key it
 * is given. Lengths always use the shortest form.
 *
 * <pre>{@code
 * ByteBuffer out = ByteBuffer.allocate(FrameEncoder.headerSize(payload.length, false) + payload.length);
 * FrameEncoder.encode(Opcode.TEXT, true, false, payload, null, out);
 * }</pre>
 */
public final class FrameEncoder {
    private FrameEncoder() {
    }

    /** The size of a frame header for a payload of {@code length} bytes. */
    public static int headerSize(int length, boolean masked) {
        int n = length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10;
        return masked ? n + 4 : n;
    }

    /**
     * Writes one frame into {@code out}, which must have {@link #headerSize} plus the payload's
     * length of room.
     *
     * @param maskKey null for a server frame; four bytes for a client frame
     */
    public static void encode(Opcode opcode, boolean fin, boolean rsv1, byte[] payload, byte[] maskKey, ByteBuffer out) {
        int b0 = (fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode.code;
        out.put((byte) b0);
        int maskBit = maskKey != null ? 0x80 : 0;
        int len = payload.length;
        if (len <= 125) {
            out.put((byte) (maskBit | len));
        } else if (len <= 0xFFFF) {
            out.put((byte) (maskBit | 126));
            out.putShort((short) len);
        } else {
            out.put((byte) (maskBit | 127));
            out.putLong(len);
        }
        if (maskKey == null) {
            out.put(payload);
            return;
        }
        out.put(maskKey, 0, 4);
        for (int i = 0; i < len; i++) {
            out.put((byte) (payload[i] ^ maskKey[i & 3]));
        }
    }

    /** A whole frame in a new buffer, ready to read. */
    public static ByteBuffer frame(Opcode opcode, boolean fin, boolean rsv1, byte[] payload, byte[] maskKey) {
        ByteBuffer out = ByteBuffer.allocate(headerSize(payload.length, maskKey != null) + payload.length);
        encode(opcode, fin, rsv1, payload, maskKey, out);
        return out.flip();
    }

    /**
     * A close frame's payload: the code and a UTF-8 reason cut to fit the 125-byte limit at a
     * character boundary (RFC 6455 §5.5.1).
     */
    public static byte[] closePayload(int code, String reason) {
        byte[] r = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(r.length, 123);
        while (n > 0 && n < r.length && (r[n] & 0xC0) == 0x80) {
            n--; // do not cut a character in two
        }
        byte[] p = new byte[2 + n];
        p[0] = (byte) (code >> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, n);
        return p;
    }
}
