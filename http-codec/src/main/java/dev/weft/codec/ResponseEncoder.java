package dev.weft.codec;

import dev.weft.codec.internal.HeaderIds;
import dev.weft.codec.internal.HttpAccess;
import dev.weft.http.HeaderName;
import dev.weft.http.HeaderValue;
import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpMethod;
import dev.weft.http.HttpStatus;
import dev.weft.http.HttpVersion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Encodes response heads and chunk framing into caller-provided buffers (RFC 9112 §4, §6, §7),
 * sans-IO: every method writes all of its output or, when {@code out} has too little room, writes
 * nothing and returns false, so the caller can flush or grow and retry.
 *
 * <pre>{@code
 * ResponseEncoder enc = new ResponseEncoder();
 * HttpHeaders h = new HttpHeaders().set(HeaderName.CONTENT_TYPE, HeaderValue.TEXT_PLAIN);
 * if (!enc.encodeHead(req.version(), HttpStatus.OK, h, body.length, req.keepAlive(),
 *         req.method() == HttpMethod.HEAD, out)) {
 *     out = grow(out); // and retry
 * }
 * }</pre>
 *
 * <p>What the encoder adds to the user's headers:
 * <ul>
 *   <li>{@code Date} (from {@link HttpDate}, refreshed once a second), unless the user set one,
 *       on every final response (RFC 9110 §6.6.1);</li>
 *   <li>the framing header chosen by {@link #framing}: {@code Content-Length: n},
 *       {@code Transfer-Encoding: chunked} or none — any Content-Length or Transfer-Encoding in
 *       the user's headers is dropped, since framing is the codec's job;</li>
 *   <li>{@code Connection: close} when the connection will close, or
 *       {@code Connection: keep-alive} for a persistent HTTP/1.0 connection (RFC 9112 §9.3);
 *       the user's own Connection field is dropped on final responses.</li>
 * </ul>
 * The status line is always {@code HTTP/1.1} (RFC 9110 §6.2: a server sends its highest
 * conformant version). Interim (1xx) responses carry only the status line and user headers.
 *
 * <p>Stateless apart from the shared date source, so one instance may serve many connections.
 */
public final class ResponseEncoder {
    /** The storage of the header maps written out, read in place. */
    private static final HttpAccess.Headers HEADERS = HttpAccess.headers();
    /** The pre-encoded status lines. */
    private static final HttpAccess.Statuses STATUSES = HttpAccess.statuses();
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] COLON_SP = {':', ' '};
    private static final byte[] DATE = ascii("Date: ");
    private static final byte[] CONTENT_LENGTH = ascii("Content-Length: ");
    private static final byte[] CHUNKED = ascii("Transfer-Encoding: chunked\r\n");
    private static final byte[] CLOSE = ascii("Connection: close\r\n");
    private static final byte[] KEEP_ALIVE = ascii("Connection: keep-alive\r\n");
    private static final byte[] LAST_CHUNK = ascii("0\r\n");
    private static final byte[] CONTINUE = ascii("HTTP/1.1 100 Continue\r\n\r\n");
    private static final ByteBuffer CONTINUE_BUFFER = ByteBuffer.wrap(CONTINUE).asReadOnlyBuffer();

    private final HttpDate date;

    /** An encoder using {@link HttpDate#system()}. */
    public ResponseEncoder() {
        this(HttpDate.system());
    }

    /** An encoder taking Date values from {@code date} (e.g. a fixed clock in tests). */
    public ResponseEncoder(HttpDate date) {
        this.date = Objects.requireNonNull(date, "date");
    }

    /**
     * Encodes a response head.
     *
     * @param requestVersion the version of the request being answered
     * @param status the status
     * @param headers the user's headers (may be null for none)
     * @param contentLength the body length, or -1 when unknown (chunked for HTTP/1.1, close-delimited
     *     for HTTP/1.0); for HEAD and 304 the length a GET would have had, or -1
     * @param keepAlive whether the server wants to keep the connection (usually
     *     {@link RequestHead#keepAlive()}); see {@link #keepsAlive} for the final decision
     * @param headRequest true when answering HEAD: no body follows (RFC 9110 §9.3.2)
     * @param out where to write
     * @return false, having written nothing, if {@code out} lacks room
     */
    public boolean encodeHead(HttpVersion requestVersion, HttpStatus status, HttpHeaders headers, long contentLength,
            boolean keepAlive, boolean headRequest, ByteBuffer out) {
        return encodeHead(requestVersion, status, headers, contentLength, keepAlive, headRequest, out, false, 0);
    }

    /**
     * As {@link #encodeHead(HttpVersion, HttpStatus, HttpHeaders, long, boolean, boolean, ByteBuffer)},
     * for a caller that has just read {@link System#nanoTime()}: the {@code Date} value is then
     * read from the clock only when a new second may have begun, not for every response.
     *
     * <pre>{@code
     * long now = System.nanoTime(); // once per batch of responses
     * encoder.encodeHead(HttpVersion.HTTP_1_1, HttpStatus.OK, headers, 5, true, false, out, now);
     * }</pre>
     *
     * @param nowNanos a {@link System#nanoTime()} reading taken shortly before
     */
    public boolean encodeHead(HttpVersion requestVersion, HttpStatus status, HttpHeaders headers, long contentLength,
            boolean keepAlive, boolean headRequest, ByteBuffer out, long nowNanos) {
        return encodeHead(requestVersion, status, headers, contentLength, keepAlive, headRequest, out, true, nowNanos);
    }

    private boolean encodeHead(HttpVersion requestVersion, HttpStatus status, HttpHeaders headers, long contentLength,
            boolean keepAlive, boolean headRequest, ByteBuffer out, boolean timed, long nowNanos) {
        if (contentLength < -1) throw new IllegalArgumentException("contentLength must be >= -1: " + contentLength);
        boolean interim = status.isInformational();
        int userCount = headers == null ? 0 : headers.size();
        byte[] statusLine = STATUSES.statusLine(status);

        // Pass 1: decide and measure, so that nothing is written when there is no room.
        long need = statusLine.length + 2L;
        boolean userDate = false;
        for (int i = 0; i < userCount; i++) {
            int id = HEADERS.id(headers, i);
            if (!interim && dropped(id)) continue;
            if (id == HeaderIds.DATE) userDate = true;
            need += HEADERS.nameLength(headers, i) + HEADERS.valueLength(headers, i) + 4L;
        }
        BodyFraming framing = interim ? BodyFraming.NONE : framing(requestVersion, status, contentLength, headRequest);
        boolean lengthHeader = !interim && contentLength >= 0 && writesContentLength(status, framing);
        boolean alive = keepsAlive(requestVersion, status, contentLength, keepAlive, headRequest);
        byte[] dateBytes = null;
        if (!interim) {
            if (!userDate) {
                dateBytes = timed ? date.bytes(nowNanos) : date.bytes();
                need += DATE.length + dateBytes.length + 2;
            }
            if (lengthHeader) need += CONTENT_LENGTH.length + decimalDigits(contentLength) + 2;
            if (framing == BodyFraming.CHUNKED) need += CHUNKED.length;
            if (!alive) need += CLOSE.length;
            else if (requestVersion == HttpVersion.HTTP_1_0) need += KEEP_ALIVE.length;
        }
        if (out.remaining() < need) return false;

        // Pass 2: write, straight into the buffer's array (the server's staging buffers are heap
        // buffers): one position update instead of a checked put per piece.
        int n = (int) need;
        byte[] a;
        int start;
        if (out.hasArray()) {
            a = out.array();
            start = out.arrayOffset() + out.position();
        } else {
            a = new byte[n];
            start = 0;
        }
        int p = copy(statusLine, a, start);
        byte[] fields = userCount == 0 ? null : HEADERS.data(headers);
        for (int i = 0; i < userCount; i++) {
            if (!interim && dropped(HEADERS.id(headers, i))) continue;
            int nameLen = HEADERS.nameLength(headers, i);
            System.arraycopy(fields, HEADERS.nameOffset(headers, i), a, p, nameLen);
            p += nameLen;
            a[p++] = ':';
            a[p++] = ' ';
            int valueLen = HEADERS.valueLength(headers, i);
            System.arraycopy(fields, HEADERS.valueOffset(headers, i), a, p, valueLen);
            p += valueLen;
            a[p++] = '\r';
            a[p++] = '\n';
        }
        if (!interim) {
            if (dateBytes != null) {
                p = copy(DATE, a, p);
                p = copy(dateBytes, a, p);
                a[p++] = '\r';
                a[p++] = '\n';
            }
            if (lengthHeader) {
                p = copy(CONTENT_LENGTH, a, p);
                p = putDecimal(contentLength, a, p);
                a[p++] = '\r';
                a[p++] = '\n';
            }
            if (framing == BodyFraming.CHUNKED) p = copy(CHUNKED, a, p);
            if (!alive) p = copy(CLOSE, a, p);
            else if (requestVersion == HttpVersion.HTTP_1_0) p = copy(KEEP_ALIVE, a, p);
        }
        a[p++] = '\r';
        a[p++] = '\n';
        if (p - start != n) throw new IllegalStateException("encoded " + (p - start) + " bytes of a head measured as " + n);
        if (out.hasArray()) {
            out.position(out.position() + n);
        } else {
            out.put(a, 0, n);
        }
        return true;
    }

    private static int copy(byte[] src, byte[] dst, int at) {
        System.arraycopy(src, 0, dst, at, src.length);
        return at + src.length;
    }

    /**
     * Encodes the head of the response to {@code request}: its version, its keep-alive wish and
     * whether it was a HEAD request decide framing and the Connection field.
     *
     * <pre>{@code
     * encoder.encodeHead(head, HttpStatus.OK, headers, body.length, out);
     * }</pre>
     *
     * @return false, having written nothing, if {@code out} lacks room
     */
    public boolean encodeHead(RequestHead request, HttpStatus status, HttpHeaders headers, long contentLength,
            ByteBuffer out) {
        return encodeHead(request.version(), status, headers, contentLength, request.keepAlive(),
                request.method() == HttpMethod.HEAD, out);
    }

    /**
     * Encodes a complete error response for a request the decoder rejected: the exception's status,
     * a plain-text body with its message, and {@code Connection: close} (the connection must be
     * closed after it, see {@link HttpCodecException}).
     *
     * <pre>{@code
     * } catch (HttpCodecException e) {
     *     encoder.encodeError(e, out); // then flush and close
     * }
     * }</pre>
     *
     * @return false, having written nothing, if {@code out} lacks room
     */
    public boolean encodeError(HttpCodecException error, ByteBuffer out) {
        byte[] body = (error.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        HttpHeaders h = new HttpHeaders().add(HeaderName.CONTENT_TYPE, HeaderValue.TEXT_PLAIN_UTF8);
        int start = out.position();
        if (!encodeHead(HttpVersion.HTTP_1_1, HttpStatus.of(error.status()), h, body.length, false, false, out)) return false;
        if (out.remaining() < body.length) {
            out.position(start);
            return false;
        }
        out.put(body);
        return true;
    }

    /**
     * How the body of this response is delimited.
     * <ul>
     *   <li>HEAD, 1xx, 204, 304: {@link BodyFraming#NONE} (RFC 9110 §6.4.1, RFC 9112 §6.3 item 1);</li>
     *   <li>a known length: {@link BodyFraming#CONTENT_LENGTH};</li>
     *   <li>an unknown length: {@link BodyFraming#CHUNKED} if {@link #canChunk} the request's
     *       version, else {@link BodyFraming#CLOSE_DELIMITED}.</li>
     * </ul>
     */
    public static BodyFraming framing(HttpVersion requestVersion, HttpStatus status, long contentLength,
            boolean headRequest) {
        int code = status.code();
        if (headRequest || code < 200 || code == 204 || code == 304) return BodyFraming.NONE;
        if (contentLength >= 0) return BodyFraming.CONTENT_LENGTH;
        return canChunk(requestVersion) ? BodyFraming.CHUNKED : BodyFraming.CLOSE_DELIMITED;
    }

    /**
     * Whether chunked encoding may be used in a response to this version: only HTTP/1.1 clients
     * understand it (RFC 9112 §7: a server MUST NOT send chunked to an HTTP/1.0 request).
     */
    public static boolean canChunk(HttpVersion requestVersion) {
        return requestVersion == HttpVersion.HTTP_1_1;
    }

    /**
     * Whether the connection stays open after this response: the caller's wish, unless the body
     * can only be delimited by closing (HTTP/1.0 with unknown length).
     */
    public static boolean keepsAlive(HttpVersion requestVersion, HttpStatus status, long contentLength,
            boolean keepAlive, boolean headRequest) {
        return keepAlive && framing(requestVersion, status, contentLength, headRequest) != BodyFraming.CLOSE_DELIMITED;
    }

    /** RFC 9110 §8.6: never in 1xx or 204; in 304 and HEAD only as the length GET would have had. */
    private static boolean writesContentLength(HttpStatus status, BodyFraming framing) {
        int code = status.code();
        if (code < 200 || code == 204) return false;
        return framing == BodyFraming.CONTENT_LENGTH || framing == BodyFraming.NONE;
    }

    /** User fields the encoder replaces with its own decision on final responses. */
    private static boolean dropped(int id) {
        return id == HeaderIds.CONTENT_LENGTH || id == HeaderIds.TRANSFER_ENCODING || id == HeaderIds.CONNECTION;
    }

    /**
     * Writes a chunk-size line ({@code hex CRLF}, RFC 9112 §7.1) for a chunk of {@code size} bytes;
     * the caller then writes the data and {@link #encodeChunkEnd}.
     *
     * @throws IllegalArgumentException if {@code size <= 0} (size 0 is the last chunk: use
     *     {@link #encodeLastChunk})
     */
    public static boolean encodeChunkHeader(int size, ByteBuffer out) {
        if (size <= 0) throw new IllegalArgumentException("chunk size must be > 0: " + size);
        int digits = (35 - Integer.numberOfLeadingZeros(size)) / 4;
        if (out.remaining() < digits + 2) return false;
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.put((byte) Character.forDigit((size >>> shift) & 0xF, 16));
        }
        out.put(CRLF);
        return true;
    }

    /** Writes the CRLF that ends chunk data. */
    public static boolean encodeChunkEnd(ByteBuffer out) {
        if (out.remaining() < 2) return false;
        out.put(CRLF);
        return true;
    }

    /**
     * Fields a sender must not put in a trailer section (RFC 9110 §6.5.1): those that frame or
     * route the message, that a recipient needs before the content to process it, and those whose
     * meaning a late arrival would change. Lower case.
     */
    private static final java.util.Set<String> NOT_TRAILERS = java.util.Set.of(
            "transfer-encoding", "content-length", "trailer", "host", "te", "connection", "keep-alive",
            "upgrade", "content-type", "content-encoding", "content-range", "cache-control", "expires",
            "date", "age", "location", "retry-after", "vary", "set-cookie", "authorization",
            "www-authenticate", "proxy-authenticate");

    /**
     * The bytes {@link #encodeLastChunk} needs for {@code trailers} (null or empty for none), so a
     * caller can reserve them.
     */
    public static int lastChunkSize(HttpHeaders trailers) {
        int n = trailers == null ? 0 : trailers.size();
        long need = LAST_CHUNK.length + 2L;
        for (int i = 0; i < n; i++) need += HEADERS.nameLength(trailers, i) + HEADERS.valueLength(trailers, i) + 4L;
        return (int) Math.min(Integer.MAX_VALUE, need);
    }

    /**
     * Checks that {@code trailers} may be sent as a trailer section.
     *
     * @throws IllegalArgumentException naming the first field that must not be a trailer
     *     (RFC 9110 §6.5.1: framing, routing, content processing, response control)
     */
    public static void requireSendableTrailers(HttpHeaders trailers) {
        for (int i = 0; i < trailers.size(); i++) {
            String name = trailers.name(i).toLowerCase(java.util.Locale.ROOT);
            if (NOT_TRAILERS.contains(name)) {
                throw new IllegalArgumentException("'" + trailers.name(i) + "' must not be sent as a trailer "
                        + "(RFC 9110 section 6.5.1)");
            }
        }
    }

    /**
     * Writes the last chunk, the trailer fields (may be null or empty) and the final CRLF
     * (RFC 9112 §7.1.2). Check the fields with {@link #requireSendableTrailers} first.
     */
    public static boolean encodeLastChunk(HttpHeaders trailers, ByteBuffer out) {
        int n = trailers == null ? 0 : trailers.size();
        long need = LAST_CHUNK.length + 2L;
        for (int i = 0; i < n; i++) need += HEADERS.nameLength(trailers, i) + HEADERS.valueLength(trailers, i) + 4L;
        if (out.remaining() < need) return false;
        out.put(LAST_CHUNK);
        byte[] fields = n == 0 ? null : HEADERS.data(trailers);
        for (int i = 0; i < n; i++) {
            out.put(fields, HEADERS.nameOffset(trailers, i), HEADERS.nameLength(trailers, i));
            out.put(COLON_SP);
            out.put(fields, HEADERS.valueOffset(trailers, i), HEADERS.valueLength(trailers, i));
            out.put(CRLF);
        }
        out.put(CRLF);
        return true;
    }

    /** Writes the interim {@code HTTP/1.1 100 Continue} response (RFC 9110 §15.2.1). */
    public static boolean encodeContinue(ByteBuffer out) {
        if (out.remaining() < CONTINUE.length) return false;
        out.put(CONTINUE);
        return true;
    }

    /** A read-only buffer holding {@code HTTP/1.1 100 Continue\r\n\r\n}, positioned at 0. */
    public static ByteBuffer continueResponse() {
        return CONTINUE_BUFFER.duplicate();
    }

    static int decimalDigits(long v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    /** Writes {@code v} in decimal at {@code at}; returns the index after it. */
    private static int putDecimal(long v, byte[] a, int at) {
        int end = at + decimalDigits(v);
        for (int i = end - 1; i >= at; i--) {
            a[i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        return end;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
