package dev.weft.codec;

/**
 * A request the codec refuses, with the status to answer it with.
 *
 * <p>Every codec error is fatal to the connection: after one, the byte stream can no longer be
 * split into messages reliably (RFC 9112 §6.3 calls such framing errors unrecoverable), so the
 * server must send the error response (with {@code Connection: close}) and then close the
 * connection. {@link #closesConnection()} is always true; the decoder that threw stays failed.
 *
 * <pre>{@code
 * try {
 *     event = decoder.decode(in);
 * } catch (HttpCodecException e) {
 *     sendError(HttpStatus.of(e.status()), e.getMessage());
 *     close();
 * }
 * }</pre>
 *
 * <p>The kind of error is private; ask with the predicates ({@link #isHeaderTooLarge()}, …), as
 * with hyper's {@code Error}.
 */
public final class HttpCodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong; each kind fixes the status. */
    enum Kind {
        BAD_REQUEST_LINE(400),
        BAD_METHOD(400),
        BAD_TARGET(400),
        BAD_VERSION(400),
        VERSION_NOT_SUPPORTED(505),
        REQUEST_LINE_TOO_LONG(414),
        BAD_HEADER_NAME(400),
        BAD_HEADER_VALUE(400),
        OBS_FOLD(400),
        BAD_LINE_ENDING(400),
        HEADERS_TOO_LARGE(431),
        TOO_MANY_HEADERS(431),
        MISSING_HOST(400),
        DUPLICATE_HOST(400),
        BAD_HOST(400),
        BAD_CONTENT_LENGTH(400),
        CONTENT_LENGTH_WITH_TRANSFER_ENCODING(400),
        BAD_TRANSFER_ENCODING(400),
        UNSUPPORTED_TRANSFER_CODING(501),
        BAD_CHUNK(400),
        CHUNK_EXTENSION_TOO_LONG(400),
        CONTENT_TOO_LARGE(413);

        final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    private final Kind kind;

    HttpCodecException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    static HttpCodecException of(Kind kind, String message) {
        return new HttpCodecException(kind, message);
    }

    /** The response status: 400, 413, 414, 431, 501 or 505. */
    public int status() {
        return kind.status;
    }

    /** Always true: the connection must be closed after the error response. */
    public boolean closesConnection() {
        return true;
    }

    /** The request line was longer than {@link CodecLimits#maxRequestLineLength()} (414). */
    public boolean isRequestLineTooLong() {
        return kind == Kind.REQUEST_LINE_TOO_LONG;
    }

    /** The header section exceeded the byte or field-count limit (431). */
    public boolean isHeaderTooLarge() {
        return kind == Kind.HEADERS_TOO_LARGE || kind == Kind.TOO_MANY_HEADERS;
    }

    /** The header section had more fields than {@link CodecLimits#maxHeaderCount()} (431). */
    public boolean isTooManyHeaders() {
        return kind == Kind.TOO_MANY_HEADERS;
    }

    /** The body is longer than {@link CodecLimits#maxContentLength()} (413). */
    public boolean isContentTooLarge() {
        return kind == Kind.CONTENT_TOO_LARGE;
    }

    /** The request's HTTP version is well-formed but not 1.x (505). */
    public boolean isVersionNotSupported() {
        return kind == Kind.VERSION_NOT_SUPPORTED;
    }

    /** The request uses a transfer coding other than chunked (501, RFC 9112 §6.1). */
    public boolean isUnsupportedTransferCoding() {
        return kind == Kind.UNSUPPORTED_TRANSFER_CODING;
    }

    /** The request line is malformed: method, target, version or separators (400). */
    public boolean isBadRequestLine() {
        return kind == Kind.BAD_REQUEST_LINE || kind == Kind.BAD_METHOD || kind == Kind.BAD_TARGET
                || kind == Kind.BAD_VERSION;
    }

    /** The request-target is malformed or does not fit the method (400, RFC 9112 §3.2). */
    public boolean isBadTarget() {
        return kind == Kind.BAD_TARGET;
    }

    /**
     * A header field is malformed: invalid name, invalid byte in a value, whitespace before the
     * colon, obs-fold, or a line not ending in CRLF (400).
     */
    public boolean isBadHeader() {
        return kind == Kind.BAD_HEADER_NAME || kind == Kind.BAD_HEADER_VALUE || kind == Kind.OBS_FOLD
                || kind == Kind.BAD_LINE_ENDING;
    }

    /** A header line was folded onto the next line (obs-fold, RFC 9112 §5.2) (400). */
    public boolean isObsFold() {
        return kind == Kind.OBS_FOLD;
    }

    /** A line ended without CRLF, or contained a bare CR (RFC 9112 §2.2) (400). */
    public boolean isBadLineEnding() {
        return kind == Kind.BAD_LINE_ENDING;
    }

    /** Host missing on HTTP/1.1, repeated, or invalid (400, RFC 9112 §3.2). */
    public boolean isHostError() {
        return kind == Kind.MISSING_HOST || kind == Kind.DUPLICATE_HOST || kind == Kind.BAD_HOST;
    }

    /**
     * The body framing is invalid or ambiguous: bad or conflicting Content-Length, Content-Length
     * with Transfer-Encoding, a Transfer-Encoding not ending in chunked, or a malformed chunk
     * (RFC 9112 §6, §7).
     */
    public boolean isFraming() {
        return kind == Kind.BAD_CONTENT_LENGTH || kind == Kind.CONTENT_LENGTH_WITH_TRANSFER_ENCODING
                || kind == Kind.BAD_TRANSFER_ENCODING || kind == Kind.UNSUPPORTED_TRANSFER_CODING
                || kind == Kind.BAD_CHUNK || kind == Kind.CHUNK_EXTENSION_TOO_LONG;
    }

    /** Content-Length is malformed or its values differ (RFC 9112 §6.3). */
    public boolean isBadContentLength() {
        return kind == Kind.BAD_CONTENT_LENGTH;
    }

    /** Both Content-Length and Transfer-Encoding were sent (RFC 9112 §6.3, request smuggling). */
    public boolean isContentLengthWithTransferEncoding() {
        return kind == Kind.CONTENT_LENGTH_WITH_TRANSFER_ENCODING;
    }

    /** Transfer-Encoding is malformed, does not end in chunked, or is sent with HTTP/1.0. */
    public boolean isBadTransferEncoding() {
        return kind == Kind.BAD_TRANSFER_ENCODING;
    }

    /** A chunk size line or the CRLF after chunk data is malformed (RFC 9112 §7.1). */
    public boolean isBadChunk() {
        return kind == Kind.BAD_CHUNK || kind == Kind.CHUNK_EXTENSION_TOO_LONG;
    }

    /** A chunk extension was longer than {@link CodecLimits#maxChunkExtensionLength()}. */
    public boolean isChunkExtensionTooLong() {
        return kind == Kind.CHUNK_EXTENSION_TOO_LONG;
    }

    Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return "HttpCodecException[" + kind.status + " " + kind + "]: " + getMessage();
    }
}
