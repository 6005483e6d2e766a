package dev.weft.router.extract;

import dev.weft.http.HttpStatus;

import dev.weft.router.BodyExtractor;
import dev.weft.router.Rejection;
import dev.weft.router.RequestContext;
import dev.weft.router.internal.BodyLimit;
import dev.weft.router.internal.Mapped;
import dev.weft.runtime.Async;
import dev.weft.server.RequestBody;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.ValueInstantiationException;

/** The body extractors: buffer the body (within the limit), check the media type, then decode. */
final class BodyReaders {
    private BodyReaders() {
    }

    /** Buffers the body, up to the body-limit layer's limit or the body's own. */
    static Async<byte[]> buffer(RequestContext cx) {
        RequestBody body = cx.request().body();
        long limit = cx.request().extension(BodyLimit.class).map(BodyLimit::bytes).orElse(body.bufferLimit());
        if (body.contentLength() > limit) {
            throw tooLarge(limit);
        }
        return body.bytes(limit);
    }

    static Rejection tooLarge(long limit) {
        return Rejection.of(HttpStatus.CONTENT_TOO_LARGE, "request body", "larger than the limit of " + limit + " bytes");
    }

    static <T> BodyExtractor<T> bytesThen(String mediaType, String mediaName, Function<byte[], T> decode) {
        return BodyExtractor.of(cx -> {
            if (mediaType != null) {
                requireType(cx, mediaType, mediaName);
            }
            return Mapped.map(buffer(cx), decode);
        });
    }

    static void requireType(RequestContext cx, String mediaType, String mediaName) {
        String ct = cx.request().headers().get("Content-Type");
        if (ct == null || !matches(ct, mediaType)) {
            throw Rejection.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "request body", "expected Content-Type " + mediaName
                    + (ct == null ? ", but there is none" : ", got '" + ct + "'"));
        }
    }

    /** True when {@code contentType} (parameters ignored) is {@code type}, or {@code +json} for JSON. */
    private static boolean matches(String contentType, String type) {
        int semi = contentType.indexOf(';');
        String base = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return base.equals(type) || (type.equals("application/json") && base.startsWith("application/")
                && base.endsWith("+json"));
    }

    /** Decodes {@code bytes} with {@code reader}, turning Jackson's errors into rejections. */
    static <T> T readJson(ObjectReader reader, byte[] bytes) {
            try {
                return reader.readValue(bytes);
            } catch (ValueInstantiationException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw Rejection.of(HttpStatus.UNPROCESSABLE_CONTENT, "request body", String.valueOf(cause.getMessage()));
            } catch (JacksonException e) {
                String field = jsonPath(e);
                throw Rejection.invalid(field.isEmpty() ? "request body" : "request body field '" + field + "'",
                        firstLine(e.getOriginalMessage()));
            }
    }

    private static String jsonPath(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Jackson's message without location lines or configuration hints meant for the server's author. */
    private static String firstLine(String s) {
        if (s == null) {
            return "not valid JSON";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        int hint = line.indexOf(" (set `");
        return hint < 0 ? line : line.substring(0, hint);
    }

    static <R> BodyExtractor<R> form(RecordBinder<R> binder) {
        return bytesThen("application/x-www-form-urlencoded", "application/x-www-form-urlencoded",
                bytes -> binder.bind(Pairs.parse(new String(bytes, StandardCharsets.UTF_8), "form"), "form field"));
    }

    static BodyExtractor<String> text() {
        return BodyExtractor.of(cx -> Mapped.map(buffer(cx), b -> new String(b, StandardCharsets.UTF_8)));
    }

    static BodyExtractor<byte[]> bytes() {
        return BUFFERED;
    }

    /**
     * The whole body as bytes. A class rather than {@code BodyExtractor.of(BodyReaders::buffer)}:
     * routes are declared at startup, where each method reference costs a class spun at first use.
     */
    private static final BodyExtractor<byte[]> BUFFERED = new BodyExtractor<>() {
        @Override
        public Async<byte[]> extract(RequestContext cx) {
            return buffer(cx);
        }
    };
}
