package dev.weft.codec;

import static dev.weft.codec.HttpCodecException.Kind.BAD_LINE_ENDING;
import static dev.weft.codec.HttpCodecException.Kind.HEADERS_TOO_LARGE;
import static dev.weft.codec.HttpCodecException.Kind.REQUEST_LINE_TOO_LONG;
import static dev.weft.codec.HttpCodecException.Kind.TOO_MANY_HEADERS;

import dev.weft.codec.internal.HeaderIds;
import dev.weft.codec.internal.HttpAccess;
import dev.weft.codec.internal.Swar;
import dev.weft.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An incremental, strict HTTP/1.1 request parser (RFC 9112), sans-IO: feed it bytes as they
 * arrive and it yields request heads, body bytes and end-of-message events, in order.
 *
 * <pre>{@code
 * RequestDecoder decoder = new RequestDecoder();
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
 * {@link CodecLimits}. A request line is checked as its bytes arrive: a byte that cannot stand
 * where it is (the first byte of a TLS handshake sent to a plaintext port, say) fails the call that
 * brings it, without waiting for the end of the line, and with the same error however the input
 * was split.
 *
 * <p><b>Reuse.</b> By default every request gets a new {@link RequestHead}. A caller that is done
 * with a head (no handler can still see it) may give it back with {@link #recycle(RequestHead)},
 * and a later request reuses its arrays; with that, parsing heads allocates nothing in steady
 * state (a {@code CONTENT} event allocates its one slice; trailers, when present, are copied).
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
        /** Inside a chunked body, before its trailer section: see {@link ChunkedDecoder}. */
        CHUNKED_BODY,
        /** Inside the trailer section of a chunked body. */
        TRAILER_LINE,
        /** The message is complete; the next call reports END. */
        MESSAGE_END,
        /** An error was thrown; the decoder is unusable. */
        FAILED
    }

    /** Heads kept for reuse; beyond this, recycled heads are left to the GC. */
    private static final int POOL_CAPACITY = 64;
    /** The storage of header maps, which the decoder fills in place. */
    private static final HttpAccess.Headers HEADERS = HttpAccess.headers();
    /** The trailers of a message that had none: empty and read-only. */
    private static final HttpHeaders NO_TRAILERS = HEADERS.empty();

    private final CodecLimits limits;
    private final LineReader lines = new LineReader();
    private final RequestLinePrefix prefix = new RequestLinePrefix();
    private final HeadFraming framing = new HeadFraming();
    private final ChunkedDecoder chunks;
    private final HttpHeaders trailerScratch = HEADERS.create(64, 4);
    /** Where the whole-head fast path parses fields before copying them into the head. */
    private final HttpHeaders scratch = HEADERS.create(0, 16);
    private final RequestHead[] pool = new RequestHead[POOL_CAPACITY];
    private int pooled;

    private State state = State.REQUEST_LINE;
    private HttpCodecException failure;
    /** The head being parsed. */
    private RequestHead parsing;
    /** The last head reported. */
    private RequestHead head;
    private HttpHeaders trailers = NO_TRAILERS;
    private ByteBuffer content;

    /** Bytes of the header or trailer section so far, or of empty lines before a request line. */
    private int sectionBytes;
    /** Bytes left in a Content-Length body. */
    private long remaining;
    /** The input buffer {@link #readOnlyView} views. */
    private ByteBuffer viewOf;
    private ByteBuffer readOnlyView;

    /** A decoder with {@link CodecLimits#defaults()}. */
    public RequestDecoder() {
        this(CodecLimits.defaults());
    }

    public RequestDecoder(CodecLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.chunks = new ChunkedDecoder(limits);
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
     * The caller promises that nothing will read {@code head} (or its headers) again — typically
     * the connection calls this once the response to that request is written. Like
     * {@link #decode}, call it only from the thread driving this decoder. Heads from other
     * decoders, or already recycled, are ignored.
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
                    if (parsing == null && in.hasArray() && in.hasRemaining() && wholeHead(in)) return headDone();
                    if (!requestLine(in)) return DecodeEvent.NEED_MORE;
                }
                case HEADER_LINE -> {
                    int r = headerLine(in);
                    if (r == NEED_MORE) return DecodeEvent.NEED_MORE;
                    if (r == SECTION_DONE) return headDone();
                }
                case FIXED_BODY -> {
                    if (!in.hasRemaining()) return DecodeEvent.NEED_MORE;
                    int n = sliceContent(in, remaining);
                    remaining -= n;
                    if (remaining == 0) state = State.MESSAGE_END;
                    return DecodeEvent.CONTENT;
                }
                case CHUNKED_BODY -> {
                    if (chunks.state() == ChunkedDecoder.State.DATA) {
                        if (!in.hasRemaining()) return DecodeEvent.NEED_MORE;
                        chunks.consumed(sliceContent(in, chunks.remaining()));
                        return DecodeEvent.CONTENT;
                    }
                    if (!chunks.advance(in)) return DecodeEvent.NEED_MORE;
                    if (chunks.state() == ChunkedDecoder.State.LAST_CHUNK) {
                        state = State.TRAILER_LINE;
                        sectionBytes = 0;
                        HEADERS.reset(trailerScratch);
                    }
                }
                case TRAILER_LINE -> {
                    int r = trailerLine(in);
                    if (r == NEED_MORE) return DecodeEvent.NEED_MORE;
                    if (r == SECTION_DONE) {
                        trailers = trailerScratch.isEmpty() ? NO_TRAILERS : trailerScratch.copy();
                        HEADERS.reset(trailerScratch);
                        content = null;
                        state = State.REQUEST_LINE;
                        return DecodeEvent.END;
                    }
                }
                case MESSAGE_END -> {
                    trailers = NO_TRAILERS;
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

    /**
     * The fast path for a head that lies wholly in a heap buffer, as pipelined and small requests
     * usually do: lines are found, validated and parsed in place, then the head is copied into
     * its {@link RequestHead} in one piece. If the head is not complete in {@code in} (or a limit
     * is near), nothing is consumed and false is returned: the line-by-line path then takes over,
     * from the same state, and reports any limit error. Grammar errors are thrown here exactly
     * as that path would throw them.
     */
    private boolean wholeHead(ByteBuffer in) {
        byte[] a = in.array();
        int base = in.arrayOffset();
        int start = base + in.position();
        int lim = base + in.limit();
        int lineEnd = Swar.firstFieldControl(a, start, Math.min(lim, start + limits.maxRequestLineLength()));
        if (lineEnd <= start || lineEnd + 1 >= lim || a[lineEnd] != '\r' || a[lineEnd + 1] != '\n'
                || lineEnd + 2 - start > limits.maxRequestLineLength()) {
            return false; // incomplete, empty (skipped by the general path), too long or malformed
        }
        RequestHead h = acquireHead();
        RequestLineParser.parse(h, a, start, lineEnd);
        framing.reset();
        // Fields are parsed into the decoder's scratch map, then copied into the head in arrays
        // of exactly their size.
        HttpHeaders store = scratch;
        HEADERS.reset(store);
        int sectionStart = lineEnd + 2;
        int sectionLimit = Math.min(lim, sectionStart + limits.maxHeaderBytes());
        int p = sectionStart;
        for (;;) {
            int c = Swar.firstFieldControl(a, p, sectionLimit);
            if (c < 0 || c + 1 >= sectionLimit || a[c] != '\r' || a[c + 1] != '\n'
                    || (c > p && store.size() == limits.maxHeaderCount())) {
                release(h);
                return false;
            }
            if (c == p) {
                p = c + 2;
                break;
            }
            int i = FieldLineParser.parse(store, a, p, c, start, store.size() == 0, true);
            int id = HEADERS.id(store, i);
            if (id != HeaderIds.OTHER) {
                framing.onField(id, a, HEADERS.valueOffset(store, i) + start, HEADERS.valueLength(store, i));
            }
            p = c + 2;
        }
        int headLen = p - start;
        HEADERS.adopt(h.headers, a, start, headLen, store, lineEnd + 2 - start);
        h.lineLen = lineEnd - start;
        in.position(p - base);
        parsing = h;
        return true;
    }

    /** Returns a head the fast path could not finish to the pool (or drops it). */
    private void release(RequestHead h) {
        if (pooled < POOL_CAPACITY) {
            h.recycled = true;
            pool[pooled++] = h;
        }
    }

    /**
     * Reads the request line; true when it is parsed (or an empty line was skipped). Bytes of a
     * line that is not yet complete are checked as they come ({@link RequestLinePrefix}), so that
     * input which can never be a request fails at once instead of waiting for a LF.
     */
    private boolean requestLine(ByteBuffer in) {
        if (!in.hasRemaining()) return false;
        RequestHead h = parsing;
        if (h == null) {
            h = parsing = acquireHead();
            sectionBytes = 0;
        }
        HttpHeaders store = h.headers;
        int checked = lines.partial();
        if (checked == 0) prefix.reset();
        int room = limits.maxRequestLineLength();
        int len = lines.read(in, store, room);
        if (len == LineReader.INCOMPLETE) {
            prefix.check(HEADERS.data(store), checked, lines.partial());
            return false;
        }
        if (len == LineReader.TOO_LONG) {
            // A bad byte within the limit is the error, as it is when the bytes come in pieces.
            int pos = in.position();
            prefix.check(in, pos, pos + room - checked);
            throw HttpCodecException.of(REQUEST_LINE_TOO_LONG, "request line exceeds " + room + " bytes");
        }
        byte[] d = HEADERS.data(store);
        // A line ending in a bare LF: a bad byte before it was seen first, and is the error, as
        // it is when the bytes come in pieces. (A line ending in CRLF goes to the parser, which
        // finds the same first bad byte.)
        if (!LineReader.endsWithCrlf(d, 0, len)) prefix.check(d, checked, len - 1);
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
        HEADERS.reserve(store, len);
        RequestLineParser.parse(h);
        framing.reset();
        sectionBytes = 0;
        state = State.HEADER_LINE;
        return true;
    }

    private int headerLine(ByteBuffer in) {
        HttpHeaders store = parsing.headers;
        int start = HEADERS.dataLength(store);
        int len = lines.read(in, store, limits.maxHeaderBytes() - sectionBytes);
        if (len == LineReader.INCOMPLETE) return NEED_MORE;
        if (len == LineReader.TOO_LONG) {
            throw HttpCodecException.of(HEADERS_TOO_LARGE, "header section exceeds " + limits.maxHeaderBytes() + " bytes");
        }
        requireCrlf(HEADERS.data(store), start, len, "header line");
        sectionBytes += len;
        if (len == 2) return SECTION_DONE;
        if (store.size() == limits.maxHeaderCount()) {
            throw HttpCodecException.of(TOO_MANY_HEADERS, "more than " + limits.maxHeaderCount() + " header fields");
        }
        int i = FieldLineParser.parse(store, start, start + len - 2, store.size() == 0, lines.lastLineClean());
        HEADERS.setDataLength(store, start + len);
        framing.onField(store, i);
        return LINE_DONE;
    }

    private DecodeEvent headDone() {
        RequestHead h = parsing;
        framing.apply(h, limits);
        parsing = null;
        head = h;
        content = null;
        if (h.chunked) {
            chunks.start();
            state = State.CHUNKED_BODY;
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
        int start = HEADERS.dataLength(store);
        int len = lines.read(in, store, limits.maxHeaderBytes() - sectionBytes);
        if (len == LineReader.INCOMPLETE) return NEED_MORE;
        if (len == LineReader.TOO_LONG) {
            throw HttpCodecException.of(HEADERS_TOO_LARGE, "trailer section exceeds " + limits.maxHeaderBytes() + " bytes");
        }
        requireCrlf(HEADERS.data(store), start, len, "trailer line");
        sectionBytes += len;
        if (len == 2) return SECTION_DONE;
        if (store.size() == limits.maxHeaderCount()) {
            throw HttpCodecException.of(TOO_MANY_HEADERS, "more than " + limits.maxHeaderCount() + " trailer fields");
        }
        FieldLineParser.parse(store, start, start + len - 2, false, lines.lastLineClean());
        HEADERS.setDataLength(store, start + len);
        return LINE_DONE;
    }

    /** RFC 9112 §2.2: lines end in CRLF; we do not accept a bare LF. */
    private static void requireCrlf(byte[] d, int start, int len, String what) {
        if (!LineReader.endsWithCrlf(d, start, len)) {
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

    /** Points {@link #content} at up to {@code max} bytes of {@code in}; returns how many. */
    private int sliceContent(ByteBuffer in, long max) {
        int pos = in.position();
        int n = (int) Math.min(max, in.remaining());
        // One read-only view per input buffer, re-limited each time, so that a CONTENT event
        // allocates one slice rather than a slice and a view.
        if (in != viewOf) {
            viewOf = in;
            readOnlyView = in.isReadOnly() ? in.duplicate() : in.asReadOnlyBuffer();
        }
        readOnlyView.limit(in.limit());
        content = readOnlyView.slice(pos, n);
        in.position(pos + n);
        return n;
    }

    State state() {
        return state;
    }
}
