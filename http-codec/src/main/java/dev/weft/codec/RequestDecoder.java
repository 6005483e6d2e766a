package dev.weft.codec;

import static dev.weft.codec.HttpCodecException.Kind.BAD_CHUNK;
import static dev.weft.codec.HttpCodecException.Kind.BAD_LINE_ENDING;
import static dev.weft.codec.HttpCodecException.Kind.CHUNK_EXTENSION_TOO_LONG;
import static dev.weft.codec.HttpCodecException.Kind.CONTENT_TOO_LARGE;
import static dev.weft.codec.HttpCodecException.Kind.HEADERS_TOO_LARGE;
import static dev.weft.codec.HttpCodecException.Kind.REQUEST_LINE_TOO_LONG;
import static dev.weft.codec.HttpCodecException.Kind.TOO_MANY_HEADERS;

import dev.weft.codec.internal.Ascii;
import dev.weft.codec.internal.Bytes;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An incremental, strict HTTP/1.1 request parser (RFC 9112), sans-IO: feed it bytes as they
 * arrive and it yields request heads, body bytes and end-of-message events, in order.
 *
 * <pre>{@code
 * RequestDecoder decoder = new RequestDecoder();
 * loop:
 * for (;;) {
 *     switch (decoder.decode(in)) {
 *         case NEED_MORE -> { in.compact(); read(in); in.flip(); }
 *         case HEAD -> startRequest(decoder.head());
 *         case CONTENT -> body(decoder.content());   // a view of `in`; use before changing `in`
 *         case END -> endRequest(decoder.trailers());
 *     }
 * }
 * }</pre>
 *
 * <p>Bytes may come one at a time or many requests at once (pipelining). The decoder never needs
 * a whole message in memory: head bytes are copied into the {@link RequestHead} as they are
 * parsed, and body bytes are never copied — {@link #content()} is a read-only slice of the input.
 * A request without a body yields {@code HEAD} then {@code END}.
 *
 * <p>Errors throw {@link HttpCodecException} with the status to answer; afterwards the decoder
 * stays failed (every call rethrows) and the connection must be closed. Limits come from
 * {@link CodecLimits}.
 *
 * <p><b>Reuse.</b> By default every request gets a new {@link RequestHead}. A caller that is done
 * with a head (no handler can still see it) may give it back with {@link #recycle(RequestHead)},
 * and a later request reuses its arrays; with that, steady-state parsing allocates nothing.
 *
 * <p>After a successful CONNECT (2xx) or a protocol switch (101), the bytes that follow are no
 * longer HTTP/1.1: the server stops feeding this decoder then.
 *
 * <p>Not thread-safe: one decoder per connection.
 */
public final class RequestDecoder {
    /** The parser's position in the message grammar (RFC 9112 §2.1, §6, §7.1). */
    enum State {
        /** Before or inside the request line (leading empty lines are skipped, RFC 9112 §2.2). */
        REQUEST_LINE,
        /** Inside the header section. */
        HEADER_LINE,
        /** Inside a Content-Length body. */
        FIXED_BODY,
        /** Reading the hex digits of a chunk size. */
        CHUNK_SIZE,
        /** After the chunk size: optional whitespace before ';' or CR. */
        CHUNK_SIZE_WS,
        /** Inside chunk extensions, up to CR. */
        CHUNK_EXT,
        /** Expecting the LF of a chunk-size line. */
        CHUNK_SIZE_LF,
        /** Inside chunk data. */
        CHUNK_DATA,
        /** Expecting the CR after chunk data. */
        CHUNK_DATA_CR,
        /** Expecting the LF after chunk data. */
        CHUNK_DATA_LF,
        /** Inside the trailer section of a chunked body. */
        TRAILER_LINE,
        /** The message is complete; the next call reports END. */
        MESSAGE_END,
        /** An error was thrown; the decoder is unusable. */
        FAILED
    }

    /** Heads kept for reuse; beyond this, recycled heads are left to the GC. */
    private static final int POOL_CAPACITY = 64;

    private final CodecLimits limits;
    private final HeadFraming framing = new HeadFraming();
    private final HttpHeaders trailerScratch = new HttpHeaders(64, 4);
    private final RequestHead[] pool = new RequestHead[POOL_CAPACITY];
    private int pooled;

    private State state = State.REQUEST_LINE;
    private HttpCodecException failure;
    /** The head being parsed. */
    private RequestHead parsing;
    /** The last head reported. */
    private RequestHead head;
    private HttpHeaders trailers = HttpHeaders.EMPTY;
    private ByteBuffer content;

    /** Bytes of the current, still incomplete line already stored. */
    private int partial;
    /** Bytes of the header or trailer section so far, and of empty lines before a request line. */
    private int sectionBytes;
    /** Bytes left in the Content-Length body or in the current chunk. */
    private long remaining;
    private long chunkSize;
    private int chunkDigits;
    private int extensionBytes;
    private long bodyBytes;

    /** A decoder with {@link CodecLimits#defaults()}. */
    public RequestDecoder() {
        this(CodecLimits.defaults());
    }

    public RequestDecoder(CodecLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Consumes bytes from {@code in} (advancing its position) and returns the next event.
     *
     * @return {@link DecodeEvent#NEED_MORE} when everything usable in {@code in} was consumed
     *     without completing an event
     * @throws HttpCodecException if the request is invalid; the connection must then be closed
     */
    public DecodeEvent decode(ByteBuffer in) {
        if (state == State.FAILED) throw failure;
        try {
            return step(in);
        } catch (HttpCodecException e) {
            state = State.FAILED;
            failure = e;
            content = null;
            throw e;
        }
    }

    /** The head reported by the last {@link DecodeEvent#HEAD}, or null before the first. */
    public RequestHead head() {
        return head;
    }

    /**
     * The body bytes of the last {@link DecodeEvent#CONTENT}: a read-only slice of the input,
     * valid until the input buffer is next modified.
     */
    public ByteBuffer content() {
        return content;
    }

    /**
     * The trailer fields of the last completed chunked request (RFC 9112 §7.1.2); empty and
     * read-only when there were none or the body was not chunked.
     */
    public HttpHeaders trailers() {
        return trailers;
    }

    /** The limits in force. */
    public CodecLimits limits() {
        return limits;
    }

    /**
     * Hands back a head this decoder produced, so its arrays can be reused for a later request.
     * The caller promises that nothing will read {@code head} (or its headers) again. Heads from
     * other decoders, or already recycled, are ignored.
     */
    public void recycle(RequestHead head) {
        if (head == null || head.owner != this || head.recycled || head == parsing) return;
        if (pooled == POOL_CAPACITY) return;
        head.recycled = true;
        if (this.head == head) this.head = null;
        pool[pooled++] = head;
    }

    private DecodeEvent step(ByteBuffer in) {
        for (;;) {
            switch (state) {
                case REQUEST_LINE -> {
                    if (!requestLine(in)) return DecodeEvent.NEED_MORE;
                }
                case HEADER_LINE -> {
                    int r = headerLine(in);
                    if (r == NEED_MORE) return DecodeEvent.NEED_MORE;
                    if (r == SECTION_DONE) return headDone();
                }
                case FIXED_BODY -> {
                    if (!in.hasRemaining()) return DecodeEvent.NEED_MORE;
                    sliceContent(in);
                    if (remaining == 0) state = State.MESSAGE_END;
                    return DecodeEvent.CONTENT;
                }
                case CHUNK_SIZE, CHUNK_SIZE_WS, CHUNK_EXT, CHUNK_SIZE_LF, CHUNK_DATA_CR, CHUNK_DATA_LF -> {
                    if (!chunkFraming(in)) return DecodeEvent.NEED_MORE;
                }
                case CHUNK_DATA -> {
                    if (!in.hasRemaining()) return DecodeEvent.NEED_MORE;
                    sliceContent(in);
                    if (remaining == 0) state = State.CHUNK_DATA_CR;
                    return DecodeEvent.CONTENT;
                }
                case TRAILER_LINE -> {
                    int r = trailerLine(in);
                    if (r == NEED_MORE) return DecodeEvent.NEED_MORE;
                    if (r == SECTION_DONE) {
                        trailers = trailerScratch.size == 0 ? HttpHeaders.EMPTY : trailerScratch.copy();
                        trailerScratch.reset();
                        state = State.REQUEST_LINE;
                        return DecodeEvent.END;
                    }
                }
                case MESSAGE_END -> {
                    trailers = HttpHeaders.EMPTY;
                    content = null;
                    state = State.REQUEST_LINE;
                    return DecodeEvent.END;
                }
                case FAILED -> throw failure;
            }
        }
    }

    // ---- head -------------------------------------------------------------------------------

    private static final int NEED_MORE = -1;
    private static final int LINE_DONE = 0;
    private static final int SECTION_DONE = 1;

    /** Reads the request line; true when it is parsed (or an empty line was skipped). */
    private boolean requestLine(ByteBuffer in) {
        if (!in.hasRemaining()) return false;
        RequestHead h = parsing;
        if (h == null) {
            h = parsing = acquireHead();
            sectionBytes = 0;
        }
        HttpHeaders store = h.headers;
        int len = readLine(in, store, limits.maxRequestLineLength() - partial, State.REQUEST_LINE);
        if (len < 0) return false;
        byte[] d = store.data;
        if (len == 2 && d[0] == '\r') {
            // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the
            // request-line. We ignore them up to the request-line limit in total.
            sectionBytes += 2;
            if (sectionBytes > limits.maxRequestLineLength()) {
                throw HttpCodecException.of(REQUEST_LINE_TOO_LONG, "too many empty lines before the request line");
            }
            return true;
        }
        requireCrlf(d, 0, len, "request line");
        h.lineLen = len - 2;
        store.dataLen = len;
        store.reserved = len;
        RequestLineParser.parse(h);
        framing.reset();
        sectionBytes = 0;
        state = State.HEADER_LINE;
        return true;
    }

    private int headerLine(ByteBuffer in) {
        HttpHeaders store = parsing.headers;
        int len = readLine(in, store, limits.maxHeaderBytes() - sectionBytes - partial, State.HEADER_LINE);
        if (len < 0) return NEED_MORE;
        sectionBytes += len;
        int start = store.dataLen;
        requireCrlf(store.data, start, len, "header line");
        if (len == 2) return SECTION_DONE;
        if (store.size == limits.maxHeaderCount()) {
            throw HttpCodecException.of(TOO_MANY_HEADERS, "more than " + limits.maxHeaderCount() + " header fields");
        }
        boolean first = store.size == 0;
        int i = FieldLineParser.parse(store, start, start + len - 2, first);
        store.dataLen = start + len;
        framing.onField(store, i);
        return LINE_DONE;
    }

    private DecodeEvent headDone() {
        RequestHead h = parsing;
        framing.apply(h, limits);
        parsing = null;
        head = h;
        content = null;
        bodyBytes = 0;
        if (h.chunked) {
            startChunkSize();
        } else if (h.contentLength > 0) {
            remaining = h.contentLength;
            state = State.FIXED_BODY;
        } else {
            state = State.MESSAGE_END;
        }
        return DecodeEvent.HEAD;
    }

    private int trailerLine(ByteBuffer in) {
        HttpHeaders store = trailerScratch;
        int len = readLine(in, store, limits.maxHeaderBytes() - sectionBytes - partial, State.TRAILER_LINE);
        if (len < 0) return NEED_MORE;
        sectionBytes += len;
        int start = store.dataLen;
        requireCrlf(store.data, start, len, "trailer line");
        if (len == 2) return SECTION_DONE;
        if (store.size == limits.maxHeaderCount()) {
            throw HttpCodecException.of(TOO_MANY_HEADERS, "more than " + limits.maxHeaderCount() + " trailer fields");
        }
        FieldLineParser.parse(store, start, start + len - 2, false);
        store.dataLen = start + len;
        return LINE_DONE;
    }

    /**
     * Copies bytes of the current line from {@code in} into {@code store} after its data (the
     * line may already be partly there, {@link #partial} bytes). Returns the complete line's
     * length including LF, or -1 when {@code in} ran out first.
     *
     * @param room bytes the line may still take before the limit is exceeded
     */
    private int readLine(ByteBuffer in, HttpHeaders store, int room, State section) {
        int pos = in.position();
        int lim = in.limit();
        int scanEnd = (int) Math.min(lim, (long) pos + Math.max(room, 0));
        int lf = Bytes.indexOf(in, pos, scanEnd, Ascii.LF);
        int end = lf >= 0 ? lf + 1 : scanEnd;
        if (lf < 0 && scanEnd < lim || lf < 0 && end - pos >= room) {
            // Without LF within the limit, the line can only get longer than allowed.
            throw tooLong(section);
        }
        int n = end - pos;
        byte[] d = store.ensureData(partial + n);
        in.get(pos, d, store.dataLen + partial, n);
        in.position(end);
        partial += n;
        if (lf < 0) return -1;
        int len = partial;
        partial = 0;
        return len;
    }

    private HttpCodecException tooLong(State section) {
        return switch (section) {
            case REQUEST_LINE -> HttpCodecException.of(REQUEST_LINE_TOO_LONG,
                    "request line exceeds " + limits.maxRequestLineLength() + " bytes");
            case HEADER_LINE -> HttpCodecException.of(HEADERS_TOO_LARGE,
                    "header section exceeds " + limits.maxHeaderBytes() + " bytes");
            default -> HttpCodecException.of(HEADERS_TOO_LARGE,
                    "trailer section exceeds " + limits.maxHeaderBytes() + " bytes");
        };
    }

    /** RFC 9112 §2.2: lines end in CRLF; we do not accept a bare LF. */
    private static void requireCrlf(byte[] d, int start, int len, String what) {
        if (len < 2 || d[start + len - 2] != '\r') {
            throw HttpCodecException.of(BAD_LINE_ENDING, what + " does not end with CRLF (bare LF)");
        }
    }

    private RequestHead acquireHead() {
        if (pooled > 0) {
            RequestHead h = pool[--pooled];
            pool[pooled] = null;
            h.recycled = false;
            h.reset();
            return h;
        }
        RequestHead h = new RequestHead(this);
        h.reset();
        return h;
    }

    // ---- body -------------------------------------------------------------------------------

    private void sliceContent(ByteBuffer in) {
        int pos = in.position();
        int n = (int) Math.min(remaining, in.remaining());
        content = in.slice(pos, n).asReadOnlyBuffer();
        in.position(pos + n);
        remaining -= n;
    }

    private void startChunkSize() {
        chunkSize = 0;
        chunkDigits = 0;
        extensionBytes = 0;
        state = State.CHUNK_SIZE;
    }

    /**
     * Runs the chunk-size line and chunk-data CRLF states (RFC 9112 §7.1) byte by byte. Returns
     * false when {@code in} ran out; true after moving to CHUNK_DATA or TRAILER_LINE.
     *
     * <pre>
     * chunk      = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
     * chunk-size = 1*HEXDIG
     * chunk-ext  = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
     * </pre>
     */
    private boolean chunkFraming(ByteBuffer in) {
        int pos = in.position();
        int lim = in.limit();
        try {
            while (pos < lim) {
                byte b = in.get(pos++);
                switch (state) {
                    case CHUNK_SIZE -> {
                        int v = Ascii.hexValue(b);
                        if (v >= 0) {
                            if (chunkSize > (Long.MAX_VALUE >> 4)) throw badChunk("chunk size overflows");
                            chunkSize = (chunkSize << 4) | v;
                            chunkDigits++;
                        } else if (chunkDigits == 0) {
                            throw badChunk("chunk size is not a hex number");
                        } else if (b == '\r') {
                            state = State.CHUNK_SIZE_LF;
                        } else if (b == ';') {
                            extension(1);
                            state = State.CHUNK_EXT;
                        } else if (Ascii.isOws(b)) {
                            extension(1);
                            state = State.CHUNK_SIZE_WS;
                        } else {
                            throw badChunk("chunk size is not a hex number");
                        }
                    }
                    case CHUNK_SIZE_WS -> {
                        // BWS before ';' (RFC 9112 §7.1.1); whitespace alone before CRLF is
                        // tolerated, anything else is not an extension.
                        if (b == '\r') {
                            state = State.CHUNK_SIZE_LF;
                        } else if (b == ';') {
                            extension(1);
                            state = State.CHUNK_EXT;
                        } else if (Ascii.isOws(b)) {
                            extension(1);
                        } else {
                            throw badChunk("invalid byte after chunk size");
                        }
                    }
                    case CHUNK_EXT -> {
                        // Extensions are ignored (RFC 9112 §7.1.1), but bounded and free of
                        // control bytes so that no CR or LF can hide in them.
                        if (b == '\r') {
                            state = State.CHUNK_SIZE_LF;
                        } else if (Ascii.isFieldValueByte(b)) {
                            extension(1);
                        } else {
                            throw badChunk(String.format("invalid byte 0x%02x in chunk extension", b & 0xFF));
                        }
                    }
                    case CHUNK_SIZE_LF -> {
                        if (b != '\n') throw badChunk("chunk size line does not end with CRLF");
                        if (chunkSize == 0) {
                            // last-chunk: the trailer section follows (RFC 9112 §7.1.2).
                            state = State.TRAILER_LINE;
                            sectionBytes = 0;
                            trailerScratch.reset();
                            return true;
                        }
                        if (chunkSize > limits.maxContentLength() - bodyBytes) {
                            throw HttpCodecException.of(CONTENT_TOO_LARGE,
                                    "chunked body exceeds the limit of " + limits.maxContentLength() + " bytes");
                        }
                        bodyBytes += chunkSize;
                        remaining = chunkSize;
                        state = State.CHUNK_DATA;
                        return true;
                    }
                    case CHUNK_DATA_CR -> {
                        if (b != '\r') throw badChunk("chunk data is not followed by CRLF");
                        state = State.CHUNK_DATA_LF;
                    }
                    case CHUNK_DATA_LF -> {
                        if (b != '\n') throw badChunk("chunk data is not followed by CRLF");
                        startChunkSize();
                    }
                    default -> throw new IllegalStateException(state.name());
                }
            }
            return false;
        } finally {
            in.position(pos);
        }
    }

    private void extension(int n) {
        extensionBytes += n;
        if (extensionBytes > limits.maxChunkExtensionLength()) {
            throw HttpCodecException.of(CHUNK_EXTENSION_TOO_LONG,
                    "chunk extension exceeds " + limits.maxChunkExtensionLength() + " bytes");
        }
    }

    private static HttpCodecException badChunk(String message) {
        return HttpCodecException.of(BAD_CHUNK, message);
    }

    State state() {
        return state;
    }
}
