package dev.weft.codec.websocket;

import java.util.Arrays;

/**
 * Puts data frames together into messages (RFC 6455 §5.4), enforcing the rules between frames:
 * <ul>
 *   <li>a continuation frame with no message started, or a text/binary frame while one is
 *       unfinished: 1002;</li>
 *   <li>RSV1 (compressed) on a continuation frame, or on any frame without permessage-deflate:
 *       1002 (RFC 7692 §6.1);</li>
 *   <li>a message larger than {@link WebSocketLimits#maxMessageSize()} (counted after
 *       inflation): 1009, as soon as the limit is passed;</li>
 *   <li>a text message that is not UTF-8: 1007, as soon as the first invalid byte arrives, even
 *       when a character is split across frames.</li>
 * </ul>
 * Control frames are not its business: the caller answers them, and they may arrive between the
 * fragments of a message (§5.4).
 *
 * <pre>{@code
 * Message m = assembler.accept(frame); // null until the message's final frame
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class MessageAssembler {
    private final int maxMessageSize;
    private final PerMessageDeflate deflate;
    private final Utf8Validator utf8 = new Utf8Validator();
    private final PerMessageDeflate.Buffer data = new PerMessageDeflate.Buffer();
    private boolean inMessage;
    private boolean text;
    private boolean compressed;

    /**
     * @param limits  the message size limit
     * @param deflate the negotiated permessage-deflate, or null
     */
    public MessageAssembler(WebSocketLimits limits, PerMessageDeflate deflate) {
        this.maxMessageSize = limits.maxMessageSize();
        this.deflate = deflate;
    }

    /**
     * Takes the next data frame.
     *
     * @return the message when {@code frame} was its last fragment, else null
     * @throws WebSocketException when the frame breaks the rules above
     * @throws IllegalArgumentException for a control frame
     */
    public Message accept(Frame frame) {
        Opcode op = frame.opcode();
        if (op.isControl()) {
            throw new IllegalArgumentException("control frames are answered by the caller");
        }
        if (op == Opcode.CONTINUATION) {
            if (!inMessage) {
                throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "continuation frame without a message");
            }
            if (frame.rsv1()) {
                throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "RSV1 set on a continuation frame");
            }
        } else {
            if (inMessage) {
                throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "new message before the last one finished");
            }
            if (frame.rsv1() && deflate == null) {
                throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "RSV1 set without permessage-deflate");
            }
            inMessage = true;
            text = op == Opcode.TEXT;
            compressed = frame.rsv1();
            data.reset();
            utf8.reset();
        }
        int before = data.size();
        if (compressed) {
            deflate.inflate(frame.payload(), frame.fin(), data, maxMessageSize);
        } else {
            if ((long) data.size() + frame.payload().length > maxMessageSize) {
                throw new WebSocketException(CloseCodes.MESSAGE_TOO_BIG,
                        "message exceeds the limit of " + maxMessageSize + " bytes");
            }
            data.write(frame.payload(), 0, frame.payload().length);
        }
        if (text && !utf8.feed(data.array(), before, data.size() - before)) {
            throw new WebSocketException(CloseCodes.INVALID_PAYLOAD, "text message is not valid UTF-8");
        }
        if (!frame.fin()) {
            return null;
        }
        if (text && !utf8.isComplete()) {
            throw new WebSocketException(CloseCodes.INVALID_PAYLOAD, "text message ends inside a UTF-8 character");
        }
        inMessage = false;
        Message m = new Message(text, Arrays.copyOf(data.array(), data.size()));
        data.reset();
        if (data.array().length > 64 * 1024) {
            // Do not keep one large message's memory for the rest of the connection.
            data.trim();
        }
        return m;
    }
}
