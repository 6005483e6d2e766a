package dev.weft.codec;

/**
 * Size limits the {@link RequestDecoder} enforces, so that a peer cannot make it buffer without
 * bound. Immutable; build with {@link #builder()}.
 *
 * <table>
 *   <caption>Limits, defaults and the status a violation maps to</caption>
 *   <tr><th>limit</th><th>default</th><th>status when exceeded</th></tr>
 *   <tr><td>{@link #maxRequestLineLength()}: bytes of the request line, CRLF included</td>
 *       <td>8 KiB (8192)</td><td>414 URI Too Long</td></tr>
 *   <tr><td>{@link #maxHeaderBytes()}: bytes of all header lines (and of all trailer lines),
 *       CRLFs and the final empty line included</td><td>16 KiB (16384)</td>
 *       <td>431 Request Header Fields Too Large</td></tr>
 *   <tr><td>{@link #maxHeaderCount()}: header fields (and trailer fields) per message</td>
 *       <td>100</td><td>431 Request Header Fields Too Large</td></tr>
 *   <tr><td>{@link #maxChunkExtensionLength()}: bytes of one chunk's extensions
 *       (RFC 9112 §7.1.1)</td><td>1 KiB (1024)</td><td>400 Bad Request</td></tr>
 *   <tr><td>{@link #maxContentLength()}: body bytes; checked up front against Content-Length
 *       and while counting chunked data</td><td>no limit ({@link Long#MAX_VALUE}) — the decoder
 *       streams bodies, so the server limits bodies where it buffers them</td>
 *       <td>413 Content Too Large</td></tr>
 * </table>
 *
 * <pre>{@code
 * CodecLimits limits = CodecLimits.builder()
 *         .maxHeaderBytes(32 * 1024)
 *         .maxContentLength(10 * 1024 * 1024)
 *         .build();
 * RequestDecoder decoder = new RequestDecoder(limits);
 * }</pre>
 */
public final class CodecLimits {
    static final int DEFAULT_MAX_REQUEST_LINE_LENGTH = 8 * 1024;
    static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    static final int DEFAULT_MAX_HEADER_COUNT = 100;
    static final int DEFAULT_MAX_CHUNK_EXTENSION_LENGTH = 1024;
    static final long DEFAULT_MAX_CONTENT_LENGTH = Long.MAX_VALUE;

    private static final CodecLimits DEFAULTS = builder().build();

    private final int maxRequestLineLength;
    private final int maxHeaderBytes;
    private final int maxHeaderCount;
    private final int maxChunkExtensionLength;
    private final long maxContentLength;

    private CodecLimits(Builder b) {
        this.maxRequestLineLength = b.maxRequestLineLength;
        this.maxHeaderBytes = b.maxHeaderBytes;
        this.maxHeaderCount = b.maxHeaderCount;
        this.maxChunkExtensionLength = b.maxChunkExtensionLength;
        this.maxContentLength = b.maxContentLength;
    }

    /** The default limits (see the table above). */
    public static CodecLimits defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Maximum request-line bytes, CRLF included; default 8192; exceeding it gives 414. */
    public int maxRequestLineLength() {
        return maxRequestLineLength;
    }

    /** Maximum bytes of the header (or trailer) section; default 16384; exceeding it gives 431. */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /** Maximum header (or trailer) fields; default 100; exceeding it gives 431. */
    public int maxHeaderCount() {
        return maxHeaderCount;
    }

    /** Maximum bytes of one chunk's extensions; default 1024; exceeding it gives 400. */
    public int maxChunkExtensionLength() {
        return maxChunkExtensionLength;
    }

    /** Maximum body bytes; default {@link Long#MAX_VALUE} (no limit); exceeding it gives 413. */
    public long maxContentLength() {
        return maxContentLength;
    }

    @Override
    public String toString() {
        return "CodecLimits[maxRequestLineLength=" + maxRequestLineLength + ", maxHeaderBytes=" + maxHeaderBytes
                + ", maxHeaderCount=" + maxHeaderCount + ", maxChunkExtensionLength=" + maxChunkExtensionLength
                + ", maxContentLength=" + maxContentLength + "]";
    }

    /** Builds {@link CodecLimits}; every setter rejects values that would make parsing impossible. */
    public static final class Builder {
        private int maxRequestLineLength = DEFAULT_MAX_REQUEST_LINE_LENGTH;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private int maxHeaderCount = DEFAULT_MAX_HEADER_COUNT;
        private int maxChunkExtensionLength = DEFAULT_MAX_CHUNK_EXTENSION_LENGTH;
        private long maxContentLength = DEFAULT_MAX_CONTENT_LENGTH;

        private Builder() {}

        /**
         * @param bytes at least 16, the shortest useful request line ("GET / HTTP/1.1\r\n")
         */
        public Builder maxRequestLineLength(int bytes) {
            this.maxRequestLineLength = atLeast("maxRequestLineLength", bytes, 16);
            return this;
        }

        /** @param bytes at least 2, room for the empty line that ends the section */
        public Builder maxHeaderBytes(int bytes) {
            this.maxHeaderBytes = atLeast("maxHeaderBytes", bytes, 2);
            return this;
        }

        /** @param count at least 1, room for Host */
        public Builder maxHeaderCount(int count) {
            this.maxHeaderCount = atLeast("maxHeaderCount", count, 1);
            return this;
        }

        /** @param bytes zero or more; zero rejects every chunk extension */
        public Builder maxChunkExtensionLength(int bytes) {
            this.maxChunkExtensionLength = atLeast("maxChunkExtensionLength", bytes, 0);
            return this;
        }

        /** @param bytes zero or more; {@link Long#MAX_VALUE} means no limit */
        public Builder maxContentLength(long bytes) {
            if (bytes < 0) throw new IllegalArgumentException("maxContentLength must be >= 0: " + bytes);
            this.maxContentLength = bytes;
            return this;
        }

        public CodecLimits build() {
            return new CodecLimits(this);
        }

        private static int atLeast(String name, int value, int min) {
            if (value < min) throw new IllegalArgumentException(name + " must be >= " + min + ": " + value);
            return value;
        }
    }
}
