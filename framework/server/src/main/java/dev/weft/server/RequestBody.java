package dev.weft.server;

import dev.weft.http.HttpHeaders;
import dev.weft.runtime.Async;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;

/**
 * A request body: a single-subscriber {@link Publisher} of buffers whose demand drives socket
 * reads, so a slow consumer pushes back into the client's TCP window. Most handlers want it all
 * at once: {@link #bytes()} and {@link #text()} buffer it, refusing more than {@link #bufferLimit()}
 * bytes with a {@link BodyTooLargeException} (a 413).
 *
 * <pre>{@code
 * Service upper = request -> request.body().text()
 *         .map(s -> Response.text(s.toUpperCase()));
 * }</pre>
 *
 * <p>Buffers handed to {@code onNext} belong to the subscriber only until it returns or requests
 * more: copy what must outlive that.
 */
public interface RequestBody extends Publisher<ByteBuffer> {

    /** The default of {@link #bufferLimit()}: 2 MiB, as in Axum. */
    long DEFAULT_BUFFER_LIMIT = 2L * 1024 * 1024;

    /** The empty body. */
    static RequestBody empty() {
        return new BufferBody(ByteBuffer.allocate(0), DEFAULT_BUFFER_LIMIT);
    }

    /** A body of {@code bytes} (not copied), for tests and in-process clients. */
    static RequestBody of(byte[] bytes) {
        return new BufferBody(ByteBuffer.wrap(bytes), DEFAULT_BUFFER_LIMIT);
    }

    /** A body streamed from {@code publisher}, of {@code length} bytes or -1 when unknown. */
    static RequestBody of(Publisher<ByteBuffer> publisher, long length) {
        return new PublisherBody(publisher, length, DEFAULT_BUFFER_LIMIT);
    }

    /** The length announced by {@code Content-Length}, or -1 when unknown (chunked). */
    long contentLength();

    /** The most bytes {@link #bytes()} and {@link #text()} accept before failing with a 413. */
    long bufferLimit();

    /**
     * The trailer fields that followed a chunked body (RFC 9112 §7.1.2), once the body has been
     * read to its end (after {@code onComplete}, or when {@link #bytes()} or {@link #text()} has
     * completed); empty for a body without trailers, and for bodies with a {@code Content-Length}.
     * Trailers are fields the client could only compute after the body, such as a checksum:
     * <pre>{@code
     * router.post("/upload", request(), r -> r.body().bytes().map(bytes ->
     *         verify(bytes, r.body().trailers().get("Digest"))));
     * }</pre>
     * The fields are as the client sent them: nothing in them was checked beyond the syntax, and
     * none is merged into the request's headers.
     *
     * @throws IllegalStateException if the body has not been read to its end yet
     */
    default HttpHeaders trailers() {
        return HttpHeaders.empty();
    }

    /** True when the request has no body at all. */
    default boolean isEmpty() {
        return contentLength() == 0;
    }

    /** All bytes of the body, up to {@link #bufferLimit()}. */
    default Async<byte[]> bytes() {
        return bytes(bufferLimit());
    }

    /** All bytes of the body, failing with {@link BodyTooLargeException} beyond {@code maxBytes}. */
    default Async<byte[]> bytes(long maxBytes) {
        return new BodyCollector<>(this, maxBytes, b -> b);
    }

    /** The body decoded as UTF-8, up to {@link #bufferLimit()} bytes. */
    default Async<String> text() {
        return new BodyCollector<>(this, bufferLimit(), b -> new String(b, StandardCharsets.UTF_8));
    }

    /**
     * Discards the body. The server drains or closes for bodies nobody read, so this is only
     * needed when a handler wants the bytes gone before it answers.
     */
    default Async<byte[]> discard() {
        return new BodyCollector<>(this, Long.MAX_VALUE, null);
    }

    @Override
    void subscribe(Subscriber<? super ByteBuffer> subscriber);
}
