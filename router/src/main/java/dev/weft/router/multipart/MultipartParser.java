package dev.weft.router.multipart;

import dev.weft.http.HttpStatus;

import dev.weft.http.HttpHeaders;
import dev.weft.router.Rejection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A sans-IO {@code multipart/*} parser (RFC 2046 §5.1, RFC 7578): feed bytes with {@link #offer},
 * take events with {@link #next}. No threads, no I/O, and memory bounded by one buffer: a body
 * streams through it however large, and a delimiter split across two offers is still found.
 *
 * <p>The stream is read as if it began with CRLF, so the first delimiter needs no special case:
 * everything before it is preamble, everything after the close delimiter is epilogue, both ignored.
 *
 * <p>Not thread-safe: one owner at a time.
 */
final class MultipartParser {
    /** What {@link #next} found. */
    enum Event {
        /** More bytes are needed ({@link #offer}), or {@link #finish} if there are none. */
        NEED_INPUT,
        /** A part begins: its headers are in {@link #headers()}. */
        PART,
        /** Body bytes of the current part: {@link #data()}, valid until the next call. */
        DATA,
        /** The current part's body ended. */
        PART_END,
        /** The close delimiter was read: no more parts. */
        END
    }

    private enum State { PREAMBLE, AFTER_DELIMITER, HEADERS, BODY, EPILOGUE }

    /** Transport padding allowed after a delimiter (RFC 2046 §5.1.1), before its CRLF. */
    private static final int MAX_PADDING = 64;

    private final byte[] delimiter;
    private final int maxHeaderBytes;
    private final byte[] buf;
    private int start;
    private int end;
    private State state = State.PREAMBLE;
    private boolean finished;
    private HttpHeaders headers;
    private final ByteBuffer data;

    /**
     * @param boundary       the boundary parameter of the Content-Type
     * @param maxHeaderBytes the most bytes one part's header block may take
     * @param bufferSize     the working buffer; body bytes pass through it in pieces of at most this
     */
    MultipartParser(String boundary, int maxHeaderBytes, int bufferSize) {
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.maxHeaderBytes = maxHeaderBytes;
        this.buf = new byte[Math.max(bufferSize, maxHeaderBytes + delimiter.length + MAX_PADDING + 8)];
        this.data = ByteBuffer.wrap(buf).asReadOnlyBuffer();
        buf[0] = '\r';
        buf[1] = '\n';
        end = 2;
    }

    /** Copies as much of {@code in} as there is room for; returns how many bytes were taken. */
    int offer(ByteBuffer in) {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        int n = Math.min(in.remaining(), buf.length - end);
        in.get(buf, end, n);
        end += n;
        if (state == State.EPILOGUE) {
            start = end; // ignored
        }
        return n;
    }

    /** There will be no more input: the next {@link #next} either finishes or fails. */
    void finish() {
        finished = true;
    }

    /** The current part's headers, after {@link Event#PART}. */
    HttpHeaders headers() {
        return headers;
    }

    /** The body bytes of a {@link Event#DATA}: a read-only view, valid until the next call. */
    ByteBuffer data() {
        return data;
    }

    /**
     * The next event.
     *
     * @throws Rejection (400) when the body is not well-formed multipart, (413) when a part's
     *                   headers pass the limit
     */
    Event next() {
        for (;;) {
            switch (state) {
                case PREAMBLE -> {
                    int i = indexOf(delimiter, start);
                    if (i < 0) {
                        start = Math.max(start, end - delimiter.length + 1);
                        return needInput("no boundary delimiter found");
                    }
                    start = i + delimiter.length;
                    state = State.AFTER_DELIMITER;
                }
                case AFTER_DELIMITER -> {
                    if (end - start < 2) {
                        return needInput("it ended after a boundary delimiter");
                    }
                    if (buf[start] == '-' && buf[start + 1] == '-') {
                        state = State.EPILOGUE;
                        start = end;
                        return Event.END;
                    }
                    int p = start;
                    while (p < end && (buf[p] == ' ' || buf[p] == '\t')) {
                        p++;
                    }
                    if (p - start > MAX_PADDING) {
                        throw malformed("too much padding after a boundary delimiter");
                    }
                    if (end - p < 2) {
                        return needInput("it ended after a boundary delimiter");
                    }
                    if (buf[p] != '\r' || buf[p + 1] != '\n') {
                        throw malformed("a boundary delimiter is not followed by CRLF");
                    }
                    start = p + 2;
                    state = State.HEADERS;
                }
                case HEADERS -> {
                    int blockEnd;
                    if (end - start >= 2 && buf[start] == '\r' && buf[start + 1] == '\n') {
                        blockEnd = start; // no headers at all
                    } else {
                        blockEnd = indexOf(CRLF_CRLF, start);
                        if (blockEnd >= 0) {
                            blockEnd += 2;
                        }
                    }
                    if ((blockEnd < 0 ? end : blockEnd) - start > maxHeaderBytes) {
                        throw Rejection.of(HttpStatus.CONTENT_TOO_LARGE, "multipart body", "a part's headers are larger than the limit of "
                                + maxHeaderBytes + " bytes");
                    }
                    if (blockEnd < 0) {
                        return needInput("it ended inside a part's headers");
                    }
                    headers = PartHeaders.parse(buf, start, blockEnd);
                    start = blockEnd + 2;
                    state = State.BODY;
                    return Event.PART;
                }
                case BODY -> {
                    int i = indexOf(delimiter, start);
                    if (i == start) {
                        start += delimiter.length;
                        state = State.AFTER_DELIMITER;
                        return Event.PART_END;
                    }
                    // Without a delimiter, the last delimiter.length - 1 bytes may be the start of one.
                    int safe = i >= 0 ? i : Math.max(start, end - delimiter.length + 1);
                    if (safe > start) {
                        data.limit(safe).position(start);
                        start = safe;
                        return Event.DATA;
                    }
                    return needInput("it ended inside a part");
                }
                case EPILOGUE -> {
                    start = end;
                    return Event.END;
                }
                default -> throw new IllegalStateException(String.valueOf(state));
            }
        }
    }

    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};

    private Event needInput(String whyEndedIsWrong) {
        if (finished) {
            throw malformed(whyEndedIsWrong);
        }
        return Event.NEED_INPUT;
    }

    static Rejection malformed(String reason) {
        return Rejection.invalid("multipart body", reason);
    }

    /** The first index of {@code needle} in {@code buf[from, end)}, or -1. */
    private int indexOf(byte[] needle, int from) {
        byte first = needle[0];
        int last = end - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (buf[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
