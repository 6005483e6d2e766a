package dev.weft.codec;

/**
 * What {@link RequestDecoder#decode(java.nio.ByteBuffer)} produced.
 *
 * <p>A request yields {@code HEAD}, then zero or more {@code CONTENT}, then {@code END};
 * {@code NEED_MORE} may come anywhere in between when the input runs out.
 */
public enum DecodeEvent {
    /** The input was used up; call again with more bytes. */
    NEED_MORE,
    /** A request head is complete: see {@link RequestDecoder#head()}. */
    HEAD,
    /** Body bytes: see {@link RequestDecoder#content()}. */
    CONTENT,
    /** The request is complete: see {@link RequestDecoder#trailers()}. */
    END
}
