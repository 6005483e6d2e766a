package dev.weft.router.multipart;

import dev.weft.http.HttpStatus;

import dev.weft.router.BodyExtractor;
import dev.weft.router.Rejection;
import dev.weft.router.RequestContext;
import dev.weft.router.internal.BodyLimit;
import dev.weft.router.internal.Json;
import dev.weft.runtime.Async;
import dev.weft.server.RequestBody;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import tools.jackson.core.JacksonException;

/**
 * A {@code multipart/form-data} request body (RFC 7578) as a stream of {@link Part}s, read as the
 * handler asks: {@link #next()} gives the next part once the previous one's body has been read
 * or skipped, and each part's body is a {@code Publisher<ByteBuffer>} whose demand drives reading
 * the request, so an upload of any size goes to disk with bounded memory.
 *
 * <pre>{@code
 * router.post("/upload", multipart(), parts -> saveAll(parts, 0));
 *
 * static Async<Integer> saveAll(Multipart parts, int saved) {
 *     return parts.next().flatMap(part -> part == null
 *             ? Async.ready(saved)
 *             : part.saveTo(dir.resolve(UUID.randomUUID().toString())).flatMap(n -> saveAll(parts, saved + 1)));
 * }
 * }</pre>
 *
 * <p>Failures are problems: a request that is not {@code multipart/form-data} is a 415, a missing
 * or invalid boundary or a malformed body a 400, and passing a {@link MultipartLimits limit} a 413
 * (raised from {@code next()} or the part body that was being read).
 *
 * <p>For small forms, {@link #form(Class)} reads every part into a record.
 */
public final class Multipart {
    private final MultipartStream stream;

    private Multipart(MultipartStream stream) {
        this.stream = stream;
    }

    /** The multipart body under the {@linkplain MultipartLimits#defaults() default limits}. */
    public static BodyExtractor<Multipart> multipart() {
        return multipart(MultipartLimits.defaults());
    }

    /** The multipart body under {@code limits}. */
    public static BodyExtractor<Multipart> multipart(MultipartLimits limits) {
        return BodyExtractor.of(new Opening(limits));
    }

    /** Opens the stream of parts. A class, not a lambda: a route defined at start-up spins nothing. */
    private record Opening(MultipartLimits limits) implements java.util.function.Function<RequestContext, Async<Multipart>> {
        @Override
        public Async<Multipart> apply(RequestContext cx) {
            return Async.ready(open(cx, limits));
        }
    }

    /**
     * The whole form into record {@code type}, by field name: a text field into a component of a
     * type Jackson converts a string to ({@code String}, numbers, booleans, enums), a file into
     * an {@link UploadedFile} component. Every part is read into memory (each up to the limits'
     * {@code maxBufferedPartBytes}), so this is for small forms; a missing or unconvertible field
     * is a 400 naming it.
     *
     * <pre>{@code
     * record Profile(String name, int age, UploadedFile avatar) {}
     * router.post("/profile", Multipart.form(Profile.class), profile -> ...);
     * }</pre>
     */
    public static <R extends Record> BodyExtractor<R> form(Class<R> type) {
        return form(type, MultipartLimits.defaults());
    }

    /** {@link #form(Class)} under {@code limits}. */
    public static <R extends Record> BodyExtractor<R> form(Class<R> type, MultipartLimits limits) {
        return BodyExtractor.of(cx -> {
            Multipart parts = open(cx, limits);
            return Async.fromFuture(parts.collect(new LinkedHashMap<>(), new CompletableFuture<>()))
                    .map(fields -> bind(fields, type));
        });
    }

    /**
     * The next part, or null after the last. What is left unread of the previous part is skipped
     * (a subscriber still reading it gets an error). One call at a time.
     */
    public Async<Part> next() {
        return Async.fromFuture(stream.next());
    }

    private CompletableFuture<Map<String, Object>> collect(Map<String, Object> fields,
                                                          CompletableFuture<Map<String, Object>> done) {
        stream.next().whenComplete((part, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else if (part == null) {
                done.complete(fields);
            } else {
                part.readAll(part.body().bufferLimit()).whenComplete((b, e) -> {
                    if (e != null) {
                        done.completeExceptionally(e);
                        return;
                    }
                    fields.putIfAbsent(part.name(), part.filename().isPresent()
                            ? new UploadedFile(part.filename().get(), part.contentType(), b)
                            : new String(b, StandardCharsets.UTF_8));
                    collect(fields, done);
                });
            }
        });
        return done;
    }

    private static <R> R bind(Map<String, Object> fields, Class<R> type) {
        try {
            return Json.defaults().mapper().convertValue(fields, type);
        } catch (JacksonException e) {
            String msg = e.getOriginalMessage();
            int nl = msg == null ? -1 : msg.indexOf('\n');
            throw Rejection.invalid("multipart form", msg == null ? "does not fit " + type.getSimpleName()
                    : nl < 0 ? msg : msg.substring(0, nl));
        }
    }

    private static Multipart open(RequestContext cx, MultipartLimits limits) {
        String ct = cx.request().headers().get("Content-Type");
        if (ct == null || !ct.trim().toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw Rejection.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "request body", "expected Content-Type multipart/form-data"
                    + (ct == null ? ", but there is none" : ", got '" + PartHeaders.abbreviate(ct) + "'"));
        }
        String boundary = boundary(ct);
        RequestBody body = cx.request().body();
        long limit = cx.request().extension(BodyLimit.class).map(BodyLimit::bytes).orElse(limits.maxTotalBytes());
        MultipartLimits effective = limits.maxTotalBytes(Math.min(limit, limits.maxTotalBytes()));
        if (body.contentLength() > effective.maxTotalBytes()) {
            throw Rejection.of(HttpStatus.CONTENT_TOO_LARGE, "multipart body", "larger than the limit of " + effective.maxTotalBytes() + " bytes");
        }
        return new Multipart(new MultipartStream(body, boundary, effective));
    }

    /** The boundary parameter: 1 to 70 characters (RFC 2046 §5.1.1), quoted or not. */
    static String boundary(String contentType) {
        ContentDisposition params;
        try {
            params = ContentDisposition.parse(contentType);
        } catch (Rejection e) {
            throw Rejection.invalid("header 'Content-Type'", "its parameters are malformed");
        }
        String b = params.params().get("boundary");
        if (b == null || b.isEmpty() || b.length() > 70) {
            throw Rejection.invalid("header 'Content-Type'", b == null ? "no boundary parameter"
                    : "the boundary must have 1 to 70 characters");
        }
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw Rejection.invalid("header 'Content-Type'", "the boundary has a character outside printable ASCII");
            }
        }
        return b;
    }
}
