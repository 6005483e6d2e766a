/**
 * Sans-IO HTTP/1.1 (RFC 9110, RFC 9112): an incremental, strict request decoder and a response
 * encoder over {@link java.nio.ByteBuffer}s. No threads, no sockets, no dependencies.
 */
module dev.weft.codec {
    exports dev.weft.codec;
}
