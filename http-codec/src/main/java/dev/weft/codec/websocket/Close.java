package dev.weft.codec.websocket;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * A close frame's content (RFC 6455 §5.5.1): a code and a UTF-8 reason, or neither.
 *
 * <pre>{@code
 * Close c = Close.parse(frame.payload()); // 1002 for a bad code, 1007 for a reason that is not UTF-8
 * }</pre>
 *
 * @param code   the code, or {@link CloseCodes#NO_STATUS} when the frame had none
 * @param reason the reason, possibly empty
 */
public record Close(int code, String reason) {

    /**
     * Parses and checks a received close payload: empty, or a valid code with a UTF-8 reason.
     *
     * @throws WebSocketException 1002 for a one-byte payload or a code that may not be sent,
     *                            1007 for a reason that is not UTF-8
     */
    public static Close parse(byte[] payload) {
        if (payload.length == 0) {
            return new Close(CloseCodes.NO_STATUS, "");
        }
        if (payload.length == 1) {
            throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "close payload of one byte");
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (!CloseCodes.isValidOnWire(code)) {
            throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "invalid close code " + code);
        }
        try {
            String reason = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload, 2, payload.length - 2))
                    .toString();
            return new Close(code, reason);
        } catch (CharacterCodingException e) {
            throw new WebSocketException(CloseCodes.INVALID_PAYLOAD, "close reason is not UTF-8");
        }
    }
}
