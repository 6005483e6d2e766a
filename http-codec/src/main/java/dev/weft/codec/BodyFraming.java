package dev.weft.codec;

/**
 * How a response body is delimited on the wire (RFC 9112 §6.3), as decided by
 * {@link ResponseEncoder#framing}.
 *
 * <pre>{@code
 * switch (ResponseEncoder.framing(head.version(), status, length, isHead)) {
 *     case NONE -> { }                      // write no body bytes at all
 *     case CONTENT_LENGTH -> writeBody();   // exactly `length` bytes
 *     case CHUNKED -> writeChunks();        // encodeChunkHeader / encodeChunkEnd / encodeLastChunk
 *     case CLOSE_DELIMITED -> { writeBody(); close(); }
 * }
 * }</pre>
 */
public enum BodyFraming {
    /** No body: a response to HEAD, or 1xx, 204 or 304 (RFC 9110 §6.4.1). */
    NONE,
    /** {@code Content-Length: n} and exactly n bytes. */
    CONTENT_LENGTH,
    /** {@code Transfer-Encoding: chunked}. */
    CHUNKED,
    /**
     * Unknown length to an HTTP/1.0 client, which cannot read chunked: the body ends when the
     * server closes the connection (RFC 9112 §6.3 item 8), so the response says
     * {@code Connection: close}.
     */
    CLOSE_DELIMITED
}
