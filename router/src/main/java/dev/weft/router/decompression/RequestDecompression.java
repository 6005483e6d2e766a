package dev.weft.router.decompression;

import dev.weft.http.HttpStatus;

import dev.weft.router.Middleware;
import dev.weft.router.Problem;
import dev.weft.runtime.Async;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.Service;

import java.util.Locale;

/**
 * A layer that decodes request bodies sent with {@code Content-Encoding: gzip} (or
 * {@code x-gzip}) or {@code deflate}, so every body extractor — JSON, forms, text, bytes,
 * multipart and the raw stream — sees the decoded bytes. Decoding streams with the reader's
 * demand; past {@code maxDecodedBytes} (a zip bomb) the body fails with a 413. A coding it does
 * not know is answered {@code 415} with {@code Accept-Encoding: gzip, deflate} (RFC 9110 §15.5.16);
 * a body that is not valid in its coding is a 400.
 *
 * <pre>{@code
 * router.layer(RequestDecompression.layer());                    // decoded bodies up to 16 MiB
 * router.layer(RequestDecompression.layer(1L << 30));            // or a bound of your own
 * }</pre>
 *
 * <p>The decoded request has no {@code Content-Encoding} and no {@code Content-Length}.
 */
public final class RequestDecompression implements Middleware {
    /** The default bound on a decoded body: 16 MiB. */
    public static final long DEFAULT_MAX_DECODED_BYTES = 16L * 1024 * 1024;

    private final long maxDecodedBytes;

    private RequestDecompression(long maxDecodedBytes) {
        if (maxDecodedBytes < 0) {
            throw new IllegalArgumentException("maxDecodedBytes must be >= 0: " + maxDecodedBytes);
        }
        this.maxDecodedBytes = maxDecodedBytes;
    }

    /** The layer, with decoded bodies bounded by {@link #DEFAULT_MAX_DECODED_BYTES}. */
    public static RequestDecompression layer() {
        return new RequestDecompression(DEFAULT_MAX_DECODED_BYTES);
    }

    /** The layer, with decoded bodies bounded by {@code maxDecodedBytes}. */
    public static RequestDecompression layer(long maxDecodedBytes) {
        return new RequestDecompression(maxDecodedBytes);
    }

    @Override
    public Async<Response> handle(Request request, Service next) {
        var all = request.headers().getAll("Content-Encoding");
        if (all.isEmpty()) {
            return next.call(request);
        }
        Decoder.Coding coding = null;
        int codings = 0;
        for (String line : all) {
            for (String element : line.split(",")) {
                String c = element.trim().toLowerCase(Locale.ROOT);
                if (c.isEmpty() || c.equals("identity")) {
                    continue;
                }
                codings++;
                coding = switch (c) {
                    case "gzip", "x-gzip" -> Decoder.Coding.GZIP;
                    case "deflate" -> Decoder.Coding.DEFLATE;
                    default -> null;
                };
                if (coding == null) {
                    return unsupported("Content-Encoding '" + abbreviate(c) + "' is not supported");
                }
            }
        }
        if (codings > 1) {
            return unsupported("more than one Content-Encoding is not supported");
        }
        request.headers().remove("Content-Encoding");
        if (coding == null) {
            return next.call(request);
        }
        request.headers().remove("Content-Length");
        return next.call(request.withBody(new DecodedBody(request.body(), coding, maxDecodedBytes)));
    }

    private static Async<Response> unsupported(String detail) {
        Response r = Problem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE).detail("request body: " + detail).toResponse();
        r.headers().set("Accept-Encoding", "gzip, deflate");
        return Async.ready(r);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
