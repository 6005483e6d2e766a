package dev.weft.codec;

import static dev.weft.codec.HttpCodecException.Kind.BAD_CONTENT_LENGTH;
import static dev.weft.codec.HttpCodecException.Kind.BAD_HOST;
import static dev.weft.codec.HttpCodecException.Kind.BAD_TRANSFER_ENCODING;
import static dev.weft.codec.HttpCodecException.Kind.CONTENT_LENGTH_WITH_TRANSFER_ENCODING;
import static dev.weft.codec.HttpCodecException.Kind.CONTENT_TOO_LARGE;
import static dev.weft.codec.HttpCodecException.Kind.DUPLICATE_HOST;
import static dev.weft.codec.HttpCodecException.Kind.MISSING_HOST;
import static dev.weft.codec.HttpCodecException.Kind.UNSUPPORTED_TRANSFER_CODING;

import dev.weft.codec.internal.Ascii;
import dev.weft.codec.internal.HeaderIds;
import dev.weft.codec.internal.HttpAccess;
import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpVersion;

/**
 * Collects, while headers are parsed, the fields that decide framing and connection handling
 * (Content-Length, Transfer-Encoding, Host, Connection, Expect), then applies RFC 9112 §6.3 to
 * the finished head. One instance per decoder, reset per request.
 */
final class HeadFraming {
    /** The storage of the parsed header map whose fields are looked at. */
    private static final HttpAccess.Headers HEADERS = HttpAccess.headers();
    private static final byte[] CHUNKED = Ascii.latin1("chunked");
    private static final byte[] CLOSE = Ascii.latin1("close");
    private static final byte[] KEEP_ALIVE = Ascii.latin1("keep-alive");
    private static final byte[] CONTINUE = Ascii.latin1("100-continue");

    private long contentLength;
    private boolean transferEncoding;
    private boolean chunkedLast;
    private boolean chunkedSeen;
    private boolean otherCoding;
    private int hostCount;
    private boolean connectionClose;
    private boolean connectionKeepAlive;
    private boolean expectContinue;

    void reset() {
        contentLength = -1;
        transferEncoding = chunkedLast = chunkedSeen = otherCoding = false;
        hostCount = 0;
        connectionClose = connectionKeepAlive = expectContinue = false;
    }

    /** Looks at field {@code i} if its name is one that matters. */
    void onField(HttpHeaders h, int i) {
        onField(HEADERS.id(h, i), HEADERS.data(h), HEADERS.valueOffset(h, i), HEADERS.valueLength(h, i));
    }

    /** Looks at a field with special-name {@code id} whose value is {@code d[off, off+len)}. */
    void onField(int id, byte[] d, int off, int len) {
        switch (id) {
            case HeaderIds.CONTENT_LENGTH -> contentLength(d, off, len);
            case HeaderIds.TRANSFER_ENCODING -> transferEncoding(d, off, len);
            case HeaderIds.HOST -> host(d, off, len);
            case HeaderIds.CONNECTION -> connection(d, off, len);
            case HeaderIds.EXPECT -> expectContinue |= Ascii.equalsLowerCase(d, off, len, CONTINUE);
            default -> { }
        }
    }

    /**
     * Content-Length = 1*DIGIT (RFC 9110 §8.6). RFC 9112 §6.3 item 5: a list of identical valid
     * values (in one line or several) counts as that value; anything else is unrecoverable.
     */
    private void contentLength(byte[] d, int off, int len) {
        int end = off + len;
        int p = off;
        boolean any = false;
        while (p <= end) {
            int s = p;
            while (p < end && d[p] != ',') p++;
            int a = s;
            int b = p;
            while (a < b && Ascii.isOws(d[a])) a++;
            while (b > a && Ascii.isOws(d[b - 1])) b--;
            if (a == b) throw HttpCodecException.of(BAD_CONTENT_LENGTH, "empty Content-Length value");
            long value = 0;
            for (int k = a; k < b; k++) {
                int c = d[k] - '0';
                if (c < 0 || c > 9) throw HttpCodecException.of(BAD_CONTENT_LENGTH, "Content-Length is not a decimal number");
                if (value > (Long.MAX_VALUE - c) / 10) throw HttpCodecException.of(BAD_CONTENT_LENGTH, "Content-Length overflows");
                value = value * 10 + c;
            }
            if (contentLength >= 0 && contentLength != value) {
                throw HttpCodecException.of(BAD_CONTENT_LENGTH, "differing Content-Length values");
            }
            contentLength = value;
            any = true;
            p++; // skip ','
        }
        if (!any) throw HttpCodecException.of(BAD_CONTENT_LENGTH, "empty Content-Length value");
    }

    /**
     * Transfer-Encoding = #transfer-coding (RFC 9112 §6.1). Only the final coding decides
     * framing, so the order of codings across lines is tracked.
     */
    private void transferEncoding(byte[] d, int off, int len) {
        transferEncoding = true;
        int end = off + len;
        int p = off;
        boolean any = false;
        while (p < end) {
            while (p < end && (d[p] == ',' || Ascii.isOws(d[p]))) p++;
            if (p == end) break;
            int s = p;
            while (p < end && Ascii.isTchar(d[p])) p++;
            int e = p;
            if (e == s) throw HttpCodecException.of(BAD_TRANSFER_ENCODING, "malformed Transfer-Encoding");
            while (p < end && Ascii.isOws(d[p])) p++;
            boolean parameters = p < end && d[p] == ';';
            if (p < end && d[p] != ',' && !parameters) {
                throw HttpCodecException.of(BAD_TRANSFER_ENCODING, "malformed Transfer-Encoding");
            }
            // Skip transfer-parameters; only the coding name matters for framing.
            while (p < end && d[p] != ',') p++;
            any = true;
            if (Ascii.equalsLowerCase(d, s, e - s, CHUNKED)) {
                // RFC 9112 §7: chunked defines no parameters; their presence SHOULD be an error.
                if (parameters) throw HttpCodecException.of(BAD_TRANSFER_ENCODING, "parameters on chunked");
                // RFC 9112 §6.1: a sender MUST NOT apply chunked more than once.
                if (chunkedSeen) throw HttpCodecException.of(BAD_TRANSFER_ENCODING, "chunked applied more than once");
                chunkedSeen = true;
                chunkedLast = true;
            } else {
                otherCoding = true;
                chunkedLast = false;
            }
        }
        if (!any) throw HttpCodecException.of(BAD_TRANSFER_ENCODING, "empty Transfer-Encoding");
    }

    /**
     * RFC 9112 §3.2: at most one Host line, and a 400 for an invalid value: Host is
     * uri-host [":" port] (RFC 9110 §7.2), possibly empty, checked as {@link Authority} says.
     */
    private void host(byte[] d, int off, int len) {
        if (++hostCount > 1) throw HttpCodecException.of(DUPLICATE_HOST, "more than one Host header");
        String problem = Authority.problem(d, off, off + len, false);
        if (problem != null) throw HttpCodecException.of(BAD_HOST, "Host header " + problem);
    }

    private void connection(byte[] d, int off, int len) {
        int end = off + len;
        int p = off;
        while (p < end) {
            while (p < end && (d[p] == ',' || Ascii.isOws(d[p]))) p++;
            int s = p;
            while (p < end && d[p] != ',') p++;
            int e = p;
            while (e > s && Ascii.isOws(d[e - 1])) e--;
            if (Ascii.equalsLowerCase(d, s, e - s, CLOSE)) connectionClose = true;
            else if (Ascii.equalsLowerCase(d, s, e - s, KEEP_ALIVE)) connectionKeepAlive = true;
        }
    }

    /** Validates the finished head and stores its framing in it (RFC 9112 §6.3). */
    void apply(RequestHead head, CodecLimits limits) {
        boolean http11 = head.version == HttpVersion.HTTP_1_1;
        if (http11 && hostCount == 0) {
            throw HttpCodecException.of(MISSING_HOST, "HTTP/1.1 request without Host header");
        }
        if (transferEncoding) {
            // RFC 9112 §6.3 item 3: both present may be a smuggling attempt; we reject it.
            if (contentLength >= 0) {
                throw HttpCodecException.of(CONTENT_LENGTH_WITH_TRANSFER_ENCODING,
                        "request has both Content-Length and Transfer-Encoding");
            }
            // RFC 9112 §6.1: Transfer-Encoding in an HTTP/1.0 message means faulty framing.
            if (!http11) throw HttpCodecException.of(BAD_TRANSFER_ENCODING, "Transfer-Encoding in an HTTP/1.0 request");
            // RFC 9112 §6.3 item 4: in a request, chunked must be the final coding, else 400.
            if (!chunkedLast) throw HttpCodecException.of(BAD_TRANSFER_ENCODING, "Transfer-Encoding does not end with chunked");
            // RFC 9112 §6.1: a coding we do not understand gets 501.
            if (otherCoding) {
                throw HttpCodecException.of(UNSUPPORTED_TRANSFER_CODING, "only the chunked transfer coding is supported");
            }
            head.chunked = true;
            head.contentLength = -1;
        } else {
            if (contentLength > limits.maxContentLength()) {
                throw HttpCodecException.of(CONTENT_TOO_LARGE, "Content-Length " + contentLength
                        + " exceeds the limit of " + limits.maxContentLength() + " bytes");
            }
            head.chunked = false;
            head.contentLength = contentLength; // -1: no body (RFC 9112 §6.3 item 7)
        }
        // RFC 9112 §9.3: "close" ends the connection; HTTP/1.1 persists by default; HTTP/1.0
        // persists only with "keep-alive".
        head.keepAlive = !connectionClose && (http11 || connectionKeepAlive);
        // RFC 9110 §10.1.1: an HTTP/1.0 100-continue expectation is ignored.
        head.expectsContinue = http11 && expectContinue;
    }
}
