/**
 * Sans-IO WebSocket (RFC 6455) framing and messages: a strict frame decoder and encoder, the
 * message assembler that enforces fragmentation, size and UTF-8 rules, close codes, and
 * permessage-deflate (RFC 7692), all over {@link java.nio.ByteBuffer}s with no thread and no socket.
 *
 * <pre>{@code
 * FrameDecoder frames = new FrameDecoder(WebSocketLimits.defaults(), true);
 * MessageAssembler messages = new MessageAssembler(WebSocketLimits.defaults(), null);
 * Frame f;
 * while ((f = frames.decode(in)) != null) {
 *     MessageAssembler.Event e = messages.accept(f); // a whole message, a control frame, or null
 * }
 * }</pre>
 *
 * <p>Every violation is a {@link dev.weft.codec.websocket.WebSocketException} carrying the close
 * code the peer must be sent (1002 protocol error, 1007 invalid payload, 1009 too big).
 */
package dev.weft.codec.websocket;
