/**
 * HTTP for Weft, JDK only: the basic HTTP types, and a sans-IO HTTP/1.1 codec (RFC 9110,
 * RFC 9112) that reads and writes them over {@link java.nio.ByteBuffer}s. No threads, no sockets,
 * no dependencies.
 *
 * <ul>
 *   <li>{@link dev.weft.http} — what every application imports: {@link dev.weft.http.HttpMethod},
 *       {@link dev.weft.http.HttpStatus}, {@link dev.weft.http.HttpVersion},
 *       {@link dev.weft.http.HttpHeaders}, {@link dev.weft.http.HeaderName} and
 *       {@link dev.weft.http.HeaderValue}.</li>
 *   <li>{@link dev.weft.codec} — the wire: an incremental, strict request decoder
 *       ({@link dev.weft.codec.RequestDecoder}) and a response encoder
 *       ({@link dev.weft.codec.ResponseEncoder}), for servers and tests.</li>
 *   <li>{@link dev.weft.codec.websocket} — WebSocket (RFC 6455) frames and messages, and
 *       permessage-deflate (RFC 7692), sans-IO in the same way.</li>
 * </ul>
 *
 * <p>A third package, {@code dev.weft.codec.internal}, is not exported: it holds byte-level
 * helpers and the bridge through which the codec reaches the storage of the HTTP types, which is
 * not their API.
 */
module dev.weft.codec {
    exports dev.weft.http;
    exports dev.weft.codec;
    exports dev.weft.codec.websocket;
}
