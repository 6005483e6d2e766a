package dev.weft.router.middleware;

import dev.weft.router.Middleware;
import dev.weft.runtime.Async;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.ResponseBody;
import dev.weft.server.Service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/** See {@link Layers#compression}. */
final class CompressionLayer implements Middleware {
    private final int minBytes;

    CompressionLayer(int minBytes) {
        if (minBytes < 0) {
            throw new IllegalArgumentException("minimum size must be >= 0: " + minBytes);
        }
        this.minBytes = minBytes;
    }

    @Override
    public Async<Response> handle(Request request, Service next) {
        if (!acceptsGzip(request.headers().getAll("Accept-Encoding"))) {
            return next.call(request);
        }
        return next.call(request).map(this::compress);
    }

    private Response compress(Response response) {
        Response varied = Headers.add(response, "Vary", "Accept-Encoding");
        if (response.headers().contains("Content-Encoding")
                || !compressible(response.headers().get("Content-Type"))) {
            return varied;
        }
        if (response.body() instanceof ResponseBody.Streamed streamed
                && (streamed.length() < 0 || streamed.length() >= minBytes)) {
            // Trailers survive compression: they follow the compressed chunks.
            Response compressed = varied.withBody(new ResponseBody.Streamed(new GzipBody(streamed.publisher()), -1,
                    streamed.trailers()));
            return Headers.set(compressed, "Content-Encoding", "gzip");
        }
        if (!(response.body() instanceof ResponseBody.Fixed fixed) || fixed.length() < minBytes) {
            return varied;
        }
        ByteBuffer in = fixed.buffer().duplicate();
        byte[] plain = new byte[in.remaining()];
        in.get(plain);
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 3 + 32);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Response compressed = varied.withBody(ResponseBody.of(out.toByteArray()));
        return Headers.set(compressed, "Content-Encoding", "gzip");
    }

    /** True when some {@code Accept-Encoding} element is gzip (or *) with a non-zero q-value (RFC 9110 12.5.3). */
    static boolean acceptsGzip(java.util.List<String> values) {
        for (String line : values) {
            for (String element : line.split(",")) {
                String[] parts = element.trim().split(";");
                String coding = parts[0].trim().toLowerCase(Locale.ROOT);
                if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("*")) {
                    continue;
                }
                double q = 1;
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i].trim();
                    if (p.startsWith("q=")) {
                        try {
                            q = Double.parseDouble(p.substring(2));
                        } catch (NumberFormatException e) {
                            q = 0;
                        }
                    }
                }
                if (q > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean compressible(String contentType) {
        if (contentType == null) {
            return false;
        }
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/") && !t.startsWith("text/event-stream")
                || t.startsWith("application/json") || t.startsWith("application/problem+json")
                || t.contains("+json") || t.contains("xml") || t.contains("javascript") || t.startsWith("image/svg");
    }
}
