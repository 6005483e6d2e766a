package dev.weft.codec;

import dev.weft.codec.internal.HttpAccess;
import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpMethod;
import dev.weft.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * A parsed request line and header section, with the framing facts the server needs.
 *
 * <pre>{@code
 * RequestHead head = decoder.head();
 * if (head.method() == HttpMethod.GET && "/hello".equals(head.path())) { ... }
 * if (head.expectsContinue()) write(ResponseEncoder.continueResponse());
 * boolean reuse = head.keepAlive();
 * }</pre>
 *
 * <p>A head owns copies of its bytes: it stays valid however the input buffer is reused. Strings
 * ({@link #target()}, {@link #path()}, {@link #query()}) are built on first use and cached. A
 * head is not thread-safe, but it is never touched by the decoder again unless the caller hands it
 * back with {@link RequestDecoder#recycle(RequestHead)}.
 */
public final class RequestHead {
    /** The storage of {@link #headers}, which holds the whole head. */
    private static final HttpAccess.Headers HEADERS = HttpAccess.headers();

    // The request line, without CRLF, is kept at the start of headers.data (as "reserved" bytes),
    // so one array holds the whole head. Offsets below index into it.
    int lineLen;
    int methodLen;
    int targetOff;
    int targetLen;
    int pathOff;
    int pathLen;
    /** -1 when there is no '?'. */
    int queryOff;
    int queryLen;
    int authorityOff;
    int authorityLen;

    HttpMethod method;
    HttpVersion version;
    TargetForm targetForm;
    final HttpHeaders headers;
    long contentLength = -1;
    boolean chunked;
    boolean keepAlive;
    boolean expectsContinue;

    private String target;
    private String path;
    private String query;

    /** The decoder that made this head and may reuse it; null for {@link #of}. */
    final RequestDecoder owner;
    /** True while the head sits in its decoder's pool. */
    boolean recycled;

    RequestHead(RequestDecoder owner) {
        this.owner = owner;
        // Sized when filled: the fast path gives it exact arrays, the line-by-line path grows them.
        this.headers = HEADERS.create(0, 0);
    }

    /**
     * A request head built from parts, as if it had been received — for tests and in-process
     * clients. The framing facts ({@link #contentLength()}, {@link #chunked()}, …) follow from the
     * headers exactly as for a parsed request.
     *
     * <pre>{@code
     * RequestHead h = RequestHead.of(HttpMethod.POST, "/items", HttpVersion.HTTP_1_1,
     *         HttpHeaders.of("Host", "example.com", "Content-Length", "2"));
     * }</pre>
     *
     * @throws HttpCodecException if the result is not a valid request head (e.g. no Host on
     *     HTTP/1.1)
     */
    public static RequestHead of(HttpMethod method, String target, HttpVersion version, HttpHeaders headers) {
        StringBuilder sb = new StringBuilder(64);
        sb.append(method.name()).append(' ').append(target).append(' ').append(version.text()).append("\r\n");
        for (int i = 0; i < headers.size(); i++) sb.append(headers.name(i)).append(": ").append(headers.value(i)).append("\r\n");
        sb.append("\r\n");
        for (int i = 0; i < sb.length(); i++) {
            if (sb.charAt(i) > 0xFF) throw new IllegalArgumentException("request-target must be ASCII: " + target);
        }
        RequestDecoder d = new RequestDecoder();
        DecodeEvent e = d.decode(java.nio.ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.ISO_8859_1)));
        if (e != DecodeEvent.HEAD) throw new IllegalStateException("incomplete head: " + e);
        return d.head();
    }

    /** The request method. */
    public HttpMethod method() {
        return method;
    }

    /** The request-target exactly as received (RFC 9112 §3.2). */
    public String target() {
        String s = target;
        if (s == null) target = s = ascii(targetOff, targetLen);
        return s;
    }

    /** The form of {@link #target()}. */
    public TargetForm targetForm() {
        return targetForm;
    }

    /**
     * The path, raw (percent-encoding kept): the part of the target before '?'. For absolute-form
     * the path component of the URI ({@code "/"} when empty, RFC 9110 §4.2.3); for asterisk-form
     * {@code "*"}; for authority-form (CONNECT) {@code ""}.
     */
    public String path() {
        String s = path;
        if (s == null) {
            if (targetForm == TargetForm.ABSOLUTE && pathLen == 0) s = "/";
            else if (pathOff == targetOff && pathLen == targetLen) s = target(); // no query: one string for both
            else s = ascii(pathOff, pathLen);
            path = s;
        }
        return s;
    }

    /** The raw query after '?', without the '?' (maybe empty), or null when there is no '?'. */
    public String query() {
        if (queryOff < 0) return null;
        String s = query;
        if (s == null) query = s = ascii(queryOff, queryLen);
        return s;
    }

    /**
     * The authority ({@code host[:port]}) of an absolute-form or authority-form target, or null.
     * For absolute-form the server must use it instead of Host (RFC 9112 §3.2.2).
     */
    public String authority() {
        return authorityOff < 0 ? null : ascii(authorityOff, authorityLen);
    }

    /** The protocol version of the request. */
    public HttpVersion version() {
        return version;
    }

    /** The header fields, in order, as received. */
    public HttpHeaders headers() {
        return headers;
    }

    /**
     * Whether the connection may carry another request after this one (RFC 9112 §9.3): not when
     * Connection has "close"; otherwise yes for HTTP/1.1, and for HTTP/1.0 only with
     * "Connection: keep-alive".
     */
    public boolean keepAlive() {
        return keepAlive;
    }

    /**
     * True if the client sent {@code Expect: 100-continue} on HTTP/1.1 and waits for a 100
     * (Continue) before sending the body (RFC 9110 §10.1.1). HTTP/1.0 expectations are ignored, as
     * that section requires.
     */
    public boolean expectsContinue() {
        return expectsContinue;
    }

    /** The Content-Length, or -1 when there is none or the body is chunked. */
    public long contentLength() {
        return contentLength;
    }

    /** True if the body uses the chunked transfer coding. */
    public boolean chunked() {
        return chunked;
    }

    /** True if a body follows: chunked, or Content-Length above zero (RFC 9112 §6.3). */
    public boolean hasBody() {
        return chunked || contentLength > 0;
    }

    @Override
    public String toString() {
        return ascii(0, lineLen) + " " + headers;
    }

    /** Clears parse results so a pooled head can be filled again. */
    void reset() {
        lineLen = 0;
        methodLen = 0;
        targetOff = targetLen = pathOff = pathLen = 0;
        queryOff = -1;
        queryLen = 0;
        authorityOff = -1;
        authorityLen = 0;
        method = null;
        version = null;
        targetForm = null;
        HEADERS.reset(headers);
        contentLength = -1;
        chunked = keepAlive = expectsContinue = false;
        target = path = query = null;
    }

    private String ascii(int off, int len) {
        return new String(HEADERS.data(headers), off, len, StandardCharsets.ISO_8859_1);
    }
}
