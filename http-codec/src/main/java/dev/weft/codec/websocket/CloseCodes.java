package dev.weft.codec.websocket;

/**
 * Close status codes (RFC 6455 §7.4) and which of them may travel in a close frame.
 *
 * <pre>{@code
 * if (!CloseCodes.isValidOnWire(code)) throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "bad close code");
 * }</pre>
 */
public final class CloseCodes {
    /** 1000: the purpose of the connection is fulfilled. */
    public static final int NORMAL = 1000;
    /** 1001: the server is going down, or a browser navigated away. */
    public static final int GOING_AWAY = 1001;
    /** 1002: a protocol error. */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1003: a data type the endpoint cannot accept. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** 1005: no code was present (never sent on the wire). */
    public static final int NO_STATUS = 1005;
    /** 1006: the connection closed without a close frame (never sent on the wire). */
    public static final int ABNORMAL = 1006;
    /** 1007: a text message that is not UTF-8, or a payload inconsistent with its type. */
    public static final int INVALID_PAYLOAD = 1007;
    /** 1008: a policy was violated. */
    public static final int POLICY_VIOLATION = 1008;
    /** 1009: a frame or message larger than the endpoint accepts. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** 1010: the client expected an extension the server did not negotiate. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** 1011: the server met an unexpected condition. */
    public static final int INTERNAL_ERROR = 1011;

    private CloseCodes() {
    }

    /**
     * Whether {@code code} may appear in a close frame: 1000–1003, 1007–1011 (and the registered
     * 1012–1014), or 3000–4999 (libraries and applications). 1004, 1005, 1006, 1015 and every
     * other value are refused (RFC 6455 §7.4.1, §7.4.2; the IANA registry).
     */
    public static boolean isValidOnWire(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
