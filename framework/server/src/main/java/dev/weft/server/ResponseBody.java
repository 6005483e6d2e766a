package dev.weft.server;

import java.nio.ByteBuffer;
import java.util.Objects;

import org.reactivestreams.Publisher;

/**
 * What a response carries: nothing, bytes that are all there, or a stream of buffers that the
 * server writes as the socket drains (requesting more only when the previous ones are written).
 */
public sealed interface ResponseBody permits ResponseBody.Empty, ResponseBody.Fixed, ResponseBody.Streamed,
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
     * No body: after this {@code 101 Switching Protocols} response the connection runs
     * {@code upgrade} instead of HTTP (see {@link ConnectionUpgrade}).
     */
    static ResponseBody upgrade(ConnectionUpgrade upgrade) {
        return new Upgrade(upgrade);
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
     */
    record Streamed(Publisher<ByteBuffer> publisher, long length) implements ResponseBody {
        /** Validates the parts. */
        public Streamed {
            Objects.requireNonNull(publisher, "publisher");
            if (length < -1) {
                throw new IllegalArgumentException("length must be >= -1: " + length);
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
