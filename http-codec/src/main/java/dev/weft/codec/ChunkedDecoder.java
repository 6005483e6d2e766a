package dev.weft.codec;

import static dev.weft.codec.HttpCodecException.Kind.BAD_CHUNK;
import static dev.weft.codec.HttpCodecException.Kind.CHUNK_EXTENSION_TOO_LONG;
import static dev.weft.codec.HttpCodecException.Kind.CONTENT_TOO_LARGE;

import dev.weft.codec.internal.Ascii;
import java.nio.ByteBuffer;

/**
 * The framing of the chunked transfer coding (RFC 9112 §7.1), byte by byte: chunk-size lines,
 * ignored extensions, and the CRLF after each chunk's data. The data itself is sliced by the
 * {@link RequestDecoder}; the trailer section is parsed there too, as field lines.
 *
 * <pre>
 * chunked-body = *chunk last-chunk trailer-section CRLF
 * chunk        = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
 * chunk-size   = 1*HEXDIG
 * last-chunk   = 1*("0") [ chunk-ext ] CRLF
 * chunk-ext    = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
 * </pre>
 */
final class ChunkedDecoder {
    enum State {
        /** Reading the hex digits of a chunk size. */
        SIZE,
        /** After the size: whitespace before ';' or CR. */
        SIZE_WS,
        /** Inside chunk extensions, up to CR. */
        EXTENSION,
        /** Expecting the LF of the size line. */
        SIZE_LF,
        /** Inside chunk data: the decoder slices {@link #remaining()} bytes. */
        DATA,
        /** Expecting the CR after chunk data. */
        DATA_CR,
        /** Expecting the LF after chunk data. */
        DATA_LF,
        /** The last chunk was read: the trailer section follows. */
        LAST_CHUNK
    }

    private final CodecLimits limits;
    private State state;
    private long size;
    private int digits;
    private int extensionBytes;
    private long remaining;
    private long total;

    ChunkedDecoder(CodecLimits limits) {
        this.limits = limits;
    }

    /** Starts a new chunked body. */
    void start() {
        total = 0;
        nextChunk();
    }

    State state() {
        return state;
    }

    /** Bytes of chunk data still to come in the current chunk. */
    long remaining() {
        return remaining;
    }

    /** Records that {@code n} bytes of chunk data were delivered. */
    void consumed(int n) {
        remaining -= n;
        if (remaining == 0) state = State.DATA_CR;
    }

    private void nextChunk() {
        size = 0;
        digits = 0;
        extensionBytes = 0;
        state = State.SIZE;
    }

    /**
     * Consumes framing bytes until chunk data or the trailer section is next ({@link State#DATA}
     * or {@link State#LAST_CHUNK}); false if {@code in} ran out first.
     */
    boolean advance(ByteBuffer in) {
        // The loop keeps the parser's fields in locals (written back in finally), and reads heap
        // buffers through their array: this runs once per byte of every chunk-size line.
        byte[] a = in.hasArray() ? in.array() : null;
        int base = a != null ? in.arrayOffset() : 0;
        int pos = in.position();
        int lim = in.limit();
        State st = state;
        long sz = size;
        int dg = digits;
        int ext = extensionBytes;
        int maxExt = limits.maxChunkExtensionLength();
        try {
            while (pos < lim) {
                byte b = a != null ? a[base + pos] : in.get(pos);
                pos++;
                switch (st) {
                    case SIZE -> {
                        int v = Ascii.hexValue(b);
                        if (v >= 0) {
                            if (sz > (Long.MAX_VALUE >> 4)) throw bad("chunk size overflows");
                            sz = (sz << 4) | v;
                            dg++;
                        } else if (dg == 0) {
                            throw bad("chunk size is not a hex number");
                        } else if (b == '\r') {
                            st = State.SIZE_LF;
                        } else if (b == ';') {
                            ext = extension(ext, maxExt);
                            st = State.EXTENSION;
                        } else if (Ascii.isOws(b)) {
                            ext = extension(ext, maxExt);
                            st = State.SIZE_WS;
                        } else {
                            throw bad("chunk size is not a hex number");
                        }
                    }
                    case SIZE_WS -> {
                        // BWS before ';' (RFC 9112 §7.1.1). Whitespace alone before the CRLF is
                        // tolerated; anything else is not an extension.
                        if (b == '\r') {
                            st = State.SIZE_LF;
                        } else if (b == ';') {
                            ext = extension(ext, maxExt);
                            st = State.EXTENSION;
                        } else if (Ascii.isOws(b)) {
                            ext = extension(ext, maxExt);
                        } else {
                            throw bad("invalid byte after chunk size");
                        }
                    }
                    case EXTENSION -> {
                        // Extensions are ignored (RFC 9112 §7.1.1), but bounded and free of
                        // control bytes, so no CR or LF can hide in them.
                        if (b == '\r') st = State.SIZE_LF;
                        else if (Ascii.isFieldValueByte(b)) ext = extension(ext, maxExt);
                        else throw bad(String.format("invalid byte 0x%02x in chunk extension", b & 0xFF));
                    }
                    case SIZE_LF -> {
                        if (b != '\n') throw bad("chunk size line does not end with CRLF");
                        size = sz;
                        st = sizeLineDone();
                        return true;
                    }
                    case DATA_CR -> {
                        if (b != '\r') throw bad("chunk data is not followed by CRLF");
                        st = State.DATA_LF;
                    }
                    case DATA_LF -> {
                        if (b != '\n') throw bad("chunk data is not followed by CRLF");
                        st = State.SIZE;
                        sz = 0;
                        dg = 0;
                        ext = 0;
                    }
                    case DATA, LAST_CHUNK -> throw new IllegalStateException(st.name());
                }
            }
            return false;
        } finally {
            in.position(pos);
            state = st;
            size = sz;
            digits = dg;
            extensionBytes = ext;
        }
    }

    /** After a size line: the next state, having checked the body limit (RFC 9112 §7.1). */
    private State sizeLineDone() {
        if (size == 0) return State.LAST_CHUNK; // RFC 9112 §7.1.2: the trailer section follows
        if (size > limits.maxContentLength() - total) {
            throw HttpCodecException.of(CONTENT_TOO_LARGE,
                    "chunked body exceeds the limit of " + limits.maxContentLength() + " bytes");
        }
        total += size;
        remaining = size;
        return State.DATA;
    }

    /** One more extension byte, within the limit (RFC 9112 §7.1.1). */
    private static int extension(int bytes, int max) {
        if (bytes >= max) {
            throw HttpCodecException.of(CHUNK_EXTENSION_TOO_LONG, "chunk extension exceeds " + max + " bytes");
        }
        return bytes + 1;
    }

    private static HttpCodecException bad(String message) {
        return HttpCodecException.of(BAD_CHUNK, message);
    }
}
