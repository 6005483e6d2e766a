package dev.weft.server;

import java.io.IOException;
import dev.weft.http.HttpHeaders;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;
import java.util.function.Supplier;

import org.reactivestreams.Publisher;

/**
 * What a response carries: nothing, bytes that are all there, a stream of buffers that the
 * server writes as the socket drains (requesting more only when the previous ones are written),
 * or a region of an open file, which the server sends without copying it through the heap.
 */
public sealed interface ResponseBody
        permits ResponseBody.Empty, ResponseBody.Fixed, ResponseBody.Streamed, ResponseBody.FileRegion,
        ResponseBody.Upgrade {

    /** The empty body. */
    static ResponseBody empty() {
        return Empty.INSTANCE;
    }

    /** A body of {@code bytes}, which must not be modified afterwards (not copied). */
    static ResponseBody of(byte[] bytes) {
        return new Fixed(ByteBuffer.wrap(bytes));
    }

    /**
     * A body of the remaining bytes of {@code buffer}; the server reads a duplicate, so one buffer
     * may serve many responses.
     */
    static ResponseBody of(ByteBuffer buffer) {
        return new Fixed(buffer);
    }

    /**
     * A streamed body. With {@code length >= 0} it is sent with {@code Content-Length} and the
     * publisher must produce exactly that many bytes; with {@code -1} it is sent chunked (or
     * close-delimited to an HTTP/1.0 client).
     */
    static ResponseBody stream(Publisher<ByteBuffer> publisher, long length) {
        return new Streamed(publisher, length);
    }

    /**
     * {@code length} bytes of {@code channel} from {@code position}, sent with
     * {@code Content-Length}. The server takes the channel over and closes it once the response is
     * written or abandoned. On a plain socket the bytes go from the file to the socket in the
     * kernel ({@link FileChannel#transferTo}, sendfile on Linux), as the socket drains; where that
     * is impossible (TLS) they are read in chunks on a virtual thread ({@link FileRegion#publisher()}).
     * <pre>{@code
     * FileChannel ch = FileChannel.open(path);             // on a virtual thread: opening blocks
     * Response r = new Response(HttpStatus.OK, headers, ResponseBody.file(ch, 0, ch.size()));
     * }</pre>
     */
    static ResponseBody file(FileChannel channel, long position, long length) {
        return new FileRegion(channel, position, length);
    }

    /**
     * No body: after this {@code 101 Switching Protocols} response the connection runs
     * {@code upgrade} instead of HTTP (see {@link ConnectionUpgrade}).
     */
    static ResponseBody upgrade(ConnectionUpgrade upgrade) {
        return new Upgrade(upgrade);
    }

    /**
     * A streamed body sent chunked and followed by trailer fields (RFC 9112 §7.1.2), which
     * {@code trailers} computes once the publisher has completed, on the connection's task: for
     * what is only known after the body, such as a checksum. Name them in a {@code Trailer}
     * header. Fields that must not be trailers (RFC 9110 §6.5.1: framing, routing, {@code Host},
     * {@code Content-Type}, {@code Set-Cookie}, …) are refused there: the body then ends without
     * trailers and the refusal is logged. An HTTP/1.0 client gets the body without trailers, as
     * it cannot receive chunked encoding.
     * <pre>{@code
     * MessageDigest sha = MessageDigest.getInstance("SHA-256");
     * Response.builder(HttpStatus.OK).header("Trailer", "Digest")
     *         .body(ResponseBody.stream(digesting(file, sha),
     *                 () -> HttpHeaders.of("Digest", "sha-256=" + base64(sha.digest()))))
     *         .build();
     * }</pre>
     */
    static ResponseBody stream(Publisher<ByteBuffer> publisher, Supplier<HttpHeaders> trailers) {
        return new Streamed(publisher, -1, Objects.requireNonNull(trailers, "trailers"));
    }

    /** The length in bytes, or -1 when not known in advance. */
    long length();

    /** No body. */
    final class Empty implements ResponseBody {
        static final Empty INSTANCE = new Empty();

        private Empty() {
        }

        @Override
        public long length() {
            return 0;
        }

        @Override
        public String toString() {
            return "ResponseBody.Empty";
        }
    }

    /**
     * A body whose bytes are all present.
     *
     * @param buffer the bytes from position to limit; never modified by the server
     */
    record Fixed(ByteBuffer buffer) implements ResponseBody {
        /** Validates the buffer. */
        public Fixed {
            Objects.requireNonNull(buffer, "buffer");
        }

        @Override
        public long length() {
            return buffer.remaining();
        }
    }

    /**
     * A streamed body.
     *
     * @param publisher the bytes; subscribed to once
     * @param length    the exact length, or -1 when unknown
     * @param trailers  the trailer fields, asked for once the publisher completed; null for none
     */
    record Streamed(Publisher<ByteBuffer> publisher, long length, Supplier<HttpHeaders> trailers)
            implements ResponseBody {
        /** Validates the parts. */
        public Streamed {
            Objects.requireNonNull(publisher, "publisher");
            if (length < -1) {
                throw new IllegalArgumentException("length must be >= -1: " + length);
            }
            if (trailers != null && length != -1) {
                throw new IllegalArgumentException("trailers need chunked encoding: the length must be -1");
            }
        }

        /** A streamed body without trailers. */
        public Streamed(Publisher<ByteBuffer> publisher, long length) {
            this(publisher, length, null);
        }
    }

    /**
     * A region of an open file, sent without copying where the connection allows.
     *
     * @param channel  the file, closed by whoever sends the body (the server, or a subscriber to
     *                 {@link #publisher()})
     * @param position where the region starts
     * @param length   how many bytes it has
     */
    record FileRegion(FileChannel channel, long position, long length) implements ResponseBody {
        /** Validates the parts. */
        public FileRegion {
            Objects.requireNonNull(channel, "channel");
            if (position < 0 || length < 0) {
                throw new IllegalArgumentException("position and length must be >= 0: " + position + ", " + length);
            }
        }

        /**
         * The region as a stream of buffers, read on a virtual thread one chunk per request (never
         * on the caller's thread); the channel is closed when the stream ends or is cancelled.
         * For connections that cannot send a file directly (TLS), and for in-process clients.
         */
        public org.reactivestreams.Publisher<ByteBuffer> publisher() {
            return new FileRegionPublisher(this);
        }

        /** Closes the channel, for a response that will never be sent. */
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing a file opened for reading loses nothing.
            }
        }
    }

    /**
     * The body of a {@code 101} response: the protocol the connection switches to.
     *
     * @param upgrade what runs the connection once the response is written
     */
    record Upgrade(ConnectionUpgrade upgrade) implements ResponseBody {
        /** Validates the parts. */
        public Upgrade {
            Objects.requireNonNull(upgrade, "upgrade");
        }

        @Override
        public long length() {
            return 0;
        }
    }
}
