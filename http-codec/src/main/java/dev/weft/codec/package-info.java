/**
 * Sans-IO HTTP/1.1 (RFC 9110 semantics, RFC 9112 syntax and framing): an incremental, strict
 * request decoder and a response encoder over {@link java.nio.ByteBuffer}s. No threads, no
 * sockets, no dependencies.
 *
 * <p>The decoder produces, and the encoder consumes, the basic HTTP types of
 * {@link dev.weft.http}: {@link dev.weft.http.HttpMethod}, {@link dev.weft.http.HttpVersion},
 * {@link dev.weft.http.HttpHeaders}, {@link dev.weft.http.HttpStatus}. This package adds what only
 * the wire needs: the decoder and its events, the parsed {@link dev.weft.codec.RequestHead} with
 * its framing facts, limits, errors, body framing and the Date source.
 *
 * <h2>What this package may use</h2>
 *
 * The JDK ({@code java.base}), {@link dev.weft.http}, and this module's non-exported
 * {@code dev.weft.codec.internal} (byte scans, header ids, and the access bridge to the storage
 * of the HTTP types). Nothing else: no server, no runtime, no library — the server builds on the
 * codec, never the reverse.
 *
 * <h2>Serving a connection</h2>
 *
 * <pre>{@code
 * import dev.weft.codec.*; // RequestDecoder, ResponseEncoder, RequestHead, DecodeEvent, ...
 * import dev.weft.http.*;  // HttpHeaders, HeaderName, HeaderValue, HttpMethod, HttpStatus
 *
 * RequestDecoder decoder = new RequestDecoder(CodecLimits.defaults());
 * ResponseEncoder encoder = new ResponseEncoder();
 * ByteBuffer in = ByteBuffer.allocate(16 * 1024).flip();
 * for (;;) {
 *     DecodeEvent event;
 *     try {
 *         event = decoder.decode(in);
 *     } catch (HttpCodecException e) {          // 400, 413, 414, 431, 501 or 505
 *         encoder.encodeError(e, out);          // includes Connection: close
 *         flushAndClose();
 *         return;
 *     }
 *     switch (event) {
 *         case NEED_MORE -> { in.compact(); readFromSocket(in); in.flip(); }
 *         case HEAD -> {
 *             RequestHead head = decoder.head(); // owns its bytes: safe to keep
 *             if (head.expectsContinue()) ResponseEncoder.encodeContinue(out);
 *             startHandler(head);
 *         }
 *         case CONTENT -> feedBody(decoder.content()); // a view of `in`: use before touching `in`
 *         case END -> endBody(decoder.trailers());
 *     }
 * }
 *
 * // Later, answering `head`:
 * HttpHeaders h = new HttpHeaders().set(HeaderName.CONTENT_TYPE, HeaderValue.TEXT_PLAIN);
 * boolean isHead = head.method() == HttpMethod.HEAD;
 * encoder.encodeHead(head.version(), HttpStatus.OK, h, body.length, head.keepAlive(), isHead, out);
 * switch (ResponseEncoder.framing(head.version(), HttpStatus.OK, body.length, isHead)) { ... }
 * // Once nothing refers to `head` any more, it may be reused:
 * decoder.recycle(head);
 * }</pre>
 *
 * <h2>Rules enforced</h2>
 * <ul>
 *   <li>Request line: {@code method SP request-target SP HTTP-version}, single SPs, token
 *       methods, the four target forms (origin, absolute, authority for CONNECT only, asterisk
 *       for OPTIONS only), HTTP/1.0 and 1.1; other 1.x minors are read as 1.1; other majors
 *       get 505 (RFC 9112 §3, RFC 9110 §6.2).</li>
 *   <li>Lines end in CRLF; a bare CR or LF is rejected (RFC 9112 §2.2). Empty lines before the
 *       request line are skipped.</li>
 *   <li>Fields: token names, no whitespace before the colon, no obs-fold, no NUL or other
 *       control bytes in values (RFC 9112 §5, RFC 9110 §5.5).</li>
 *   <li>Exactly one Host on HTTP/1.1, at most one on HTTP/1.0 (RFC 9112 §3.2).</li>
 *   <li>Framing (RFC 9112 §6.3): Content-Length with Transfer-Encoding is rejected; several
 *       Content-Length values must be identical valid numbers; Transfer-Encoding must end in a
 *       single chunked (else 400) and may contain no other coding (501); none on HTTP/1.0.</li>
 *   <li>Chunked (RFC 9112 §7.1): hex sizes without overflow, bounded and ignored extensions,
 *       CRLF after every chunk, trailers delivered separately.</li>
 *   <li>Limits from {@link dev.weft.codec.CodecLimits}: 414, 431, 413, 400.</li>
 * </ul>
 * Every error is an {@link dev.weft.codec.HttpCodecException} after which the connection must be
 * closed.
 */
package dev.weft.codec;
