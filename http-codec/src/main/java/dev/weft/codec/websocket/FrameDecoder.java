package dev.weft.codec.websocket;

import java.nio.ByteBuffer;

/**
 * Decodes frames (RFC 6455 §5.2) from bytes as they arrive, one frame per call, strictly: a
 * header is read whole before anything is decided, a payload is copied (and unmasked) as its
 * bytes come, so the caller's buffer may be much smaller than a frame.
 *
 * <p>Refused, with the close code to send (a {@link WebSocketException}):
 * <ul>
 *   <li>RSV2 or RSV3 set, or RSV1 set when no extension gave it a meaning: 1002 (§5.2);</li>
 *   <li>a reserved opcode (3–7, B–F): 1002;</li>
 *   <li>an unmasked frame from a client, or a masked one from a server: 1002 (§5.1);</li>
 *   <li>a control frame longer than 125 bytes or fragmented: 1002 (§5.5);</li>
 *   <li>a 64-bit length with its most significant bit set: 1002 (§5.2);</li>
 *   <li>a payload longer than {@link WebSocketLimits#maxFrameSize()}: 1009, decided from the
 *       header, before any of the payload is buffered.</li>
 * </ul>
 *
 * <pre>{@code
 * FrameDecoder decoder = new FrameDecoder(WebSocketLimits.defaults(), true, false);
 * Frame frame = decoder.decode(in); // null: more bytes are needed
 * }</pre>
 *
 * <p>Not thread-safe; one per connection.
 */
public final class FrameDecoder {
    private enum State { HEADER, PAYLOAD }

    private final int maxFrameSize;
    private final boolean expectMasked;
    private final boolean rsv1Allowed;

    private State state = State.HEADER;
    private final byte[] header = new byte[14];
    private int headerHave;
    private boolean fin;
    private boolean rsv1;
    private Opcode opcode;
    private final byte[] mask = new byte[4];
    private boolean masked;
    private byte[] payload;
    private int payloadHave;

    /**
     * @param limits       the frame size limit (the message limit is the assembler's)
     * @param expectMasked true on a server (client frames must be masked), false on a client
     * @param rsv1Allowed  true when permessage-deflate was negotiated
     */
    public FrameDecoder(WebSocketLimits limits, boolean expectMasked, boolean rsv1Allowed) {
        this.maxFrameSize = limits.maxFrameSize();
        this.expectMasked = expectMasked;
        this.rsv1Allowed = rsv1Allowed;
    }

    /**
     * Consumes bytes of {@code in} up to the end of the next frame.
     *
     * @return the frame, or null when {@code in} ran out first (every byte of it was consumed)
     * @throws WebSocketException when the frame breaks the rules above; the decoder is then unusable
     */
    public Frame decode(ByteBuffer in) {
        if (state == State.HEADER && !readHeader(in)) {
            return null;
        }
        int want = payload.length - payloadHave;
        int n = Math.min(want, in.remaining());
        in.get(payload, payloadHave, n);
        if (masked) {
            for (int i = payloadHave; i < payloadHave + n; i++) {
                payload[i] ^= mask[i & 3];
            }
        }
        payloadHave += n;
        if (payloadHave < payload.length) {
            return null;
        }
        Frame f = new Frame(fin, rsv1, opcode, payload);
        state = State.HEADER;
        headerHave = 0;
        payload = null;
        return f;
    }

    /** Reads the header; true once it is whole and checked, and the payload array is ready. */
    private boolean readHeader(ByteBuffer in) {
        while (headerHave < 2) {
            if (!in.hasRemaining()) {
                return false;
            }
            header[headerHave++] = in.get();
            if (headerHave == 2) {
                checkFirstTwo();
            }
        }
        int b1 = header[1] & 0xFF;
        int len7 = b1 & 0x7F;
        int lengthBytes = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
        int total = 2 + lengthBytes + (masked ? 4 : 0);
        while (headerHave < total) {
            if (!in.hasRemaining()) {
                return false;
            }
            header[headerHave++] = in.get();
        }
        long length = len7;
        if (lengthBytes == 2) {
            length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        } else if (lengthBytes == 8) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (header[i] & 0xFF);
            }
            if (length < 0) {
                throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "frame length has its most significant bit set");
            }
        }
        if (length > maxFrameSize) {
            throw new WebSocketException(CloseCodes.MESSAGE_TOO_BIG,
                    "frame of " + length + " bytes exceeds the limit of " + maxFrameSize);
        }
        if (masked) {
            System.arraycopy(header, 2 + lengthBytes, mask, 0, 4);
        }
        payload = new byte[(int) length];
        payloadHave = 0;
        state = State.PAYLOAD;
        return true;
    }

    private void checkFirstTwo() {
        int b0 = header[0] & 0xFF;
        int b1 = header[1] & 0xFF;
        fin = (b0 & 0x80) != 0;
        rsv1 = (b0 & 0x40) != 0;
        if ((b0 & 0x30) != 0) {
            throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "reserved bits RSV2/RSV3 set");
        }
        if (rsv1 && !rsv1Allowed) {
            throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "reserved bit RSV1 set without an extension");
        }
        opcode = Opcode.of(b0 & 0x0F);
        if (opcode == null) {
            throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "reserved opcode " + (b0 & 0x0F));
        }
        masked = (b1 & 0x80) != 0;
        if (masked != expectMasked) {
            throw new WebSocketException(CloseCodes.PROTOCOL_ERROR,
                    expectMasked ? "client frame is not masked" : "server frame is masked");
        }
        if (opcode.isControl()) {
            if (!fin) {
                throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "fragmented control frame");
            }
            if ((b1 & 0x7F) > 125) {
                throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "control frame longer than 125 bytes");
            }
            if (rsv1) {
                throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "RSV1 set on a control frame");
            }
        }
    }
}
