package dev.weft.router.internal;

import dev.weft.http.HeaderName;
import dev.weft.http.HeaderValue;
import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpStatus;
import dev.weft.router.HttpException;
import dev.weft.router.IntoResponse;
import dev.weft.router.JsonResponse;
import dev.weft.router.Problem;
import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.server.Response;
import dev.weft.server.ResponseBody;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.reactivestreams.Publisher;

/**
 * Turns what a handler returned into a {@link Response}. The rules, checked in this order:
 * {@code null} is an empty 200; a {@code Response} is sent as is; an {@link IntoResponse} (SSE,
 * problems, user types) answers for itself; a {@code String} is UTF-8 text; a {@code byte[]} is
 * {@code application/octet-stream}; an {@code HttpStatus} is an empty response with that status;
 * an empty {@code Optional} is a 404 and a full one is its content; a {@code Publisher} is a
 * streamed octet-stream; a {@code ResponseBody} is a 200 with that body; anything else is JSON.
 * An {@link Async} (or a {@code CompletionStage}, such as a {@code CompletableFuture}) is awaited
 * and its value converted by the same rules. JSON (records, problems, {@link JsonResponse}) is
 * written with the router's {@link Json}.
 */
public final class Responses {

    private static final HeaderValue TEXT = HeaderValue.TEXT_PLAIN_UTF8;
    /** The media type of JSON responses. */
    public static final String JSON = "application/json";

    private Responses() {
    }

    /** Converts a handler result that is not an {@link Async}. */
    @SuppressWarnings("unchecked")
    public static Response convert(Object out, Json json) {
        // An instanceof chain rather than a pattern switch: the JIT folds it to a few class
        // checks, most frequent first, where a type switch goes through a bootstrap per call site.
        if (out instanceof String s) {
            return withType(TEXT, ResponseBody.of(s.getBytes(StandardCharsets.UTF_8)));
        }
        if (out instanceof Response r) {
            return r;
        }
        if (out instanceof Problem p) {
            return p.toResponse(json.mapper());
        }
        if (out instanceof JsonResponse j) {
            return j.toResponse(json.mapper());
        }
        if (out instanceof HttpException e) {
            return e.problem().toResponse(json.mapper());
        }
        if (out instanceof IntoResponse r) {
            return r.toResponse();
        }
        if (out == null) {
            return Response.of(HttpStatus.OK);
        }
        if (out instanceof byte[] b) {
            return withType(HeaderValue.APPLICATION_OCTET_STREAM, ResponseBody.of(b));
        }
        if (out instanceof HttpStatus s) {
            return Response.of(s);
        }
        if (out instanceof Optional<?> o) {
            return o.isPresent() ? convert(o.get(), json)
                    : Problem.of(HttpStatus.NOT_FOUND).detail("no such resource").toResponse(json.mapper());
        }
        if (out instanceof Publisher<?> p) {
            return withType(HeaderValue.APPLICATION_OCTET_STREAM, ResponseBody.stream((Publisher<ByteBuffer>) p, -1));
        }
        if (out instanceof ResponseBody body) {
            return new Response(HttpStatus.OK, new HttpHeaders(), body);
        }
        if (out instanceof Async<?>) {
            throw new IllegalStateException("an Async must be awaited, not converted");
        }
        return withType(HeaderValue.APPLICATION_JSON, ResponseBody.of(json.write(out)));
    }

    /** A 200 with a pre-encoded Content-Type: no header validation or encoding per response. */
    private static Response withType(HeaderValue type, ResponseBody body) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HeaderName.CONTENT_TYPE, type);
        return new Response(HttpStatus.OK, headers, body);
    }

    /** An already-available response. */
    public static Async<Response> ready(Response response) {
        return new Ready(response);
    }

    /**
     * The response for a handler result: ready when it is a plain value, awaited when it is an
     * {@link Async}. Failures go through {@code errors}.
     */
    public static Async<Response> of(Object out, ErrorMapper errors, Object request) {
        if (out instanceof Async<?> a) {
            return new Await(a, errors, request);
        }
        if (out instanceof CompletionStage<?> stage) {
            return new Await(Async.fromFuture(stage.toCompletableFuture()), errors, request);
        }
        return new Ready(convert(out, errors.json()));
    }

    /** Maps a failure to a response; see {@link Errors}. */
    public interface ErrorMapper {
        /** The response for {@code failure}, which happened handling {@code request}. */
        Response toResponse(Throwable failure, Object request);

        /** The router's JSON, for converting what a handler returns. */
        Json json();
    }

    private record Ready(Response response) implements Async<Response> {
        @Override
        public Poll<Response> poll(Context cx) {
            return Poll.ready(response);
        }
    }

    /** Awaits a handler's async result, then converts it (awaiting again if it was itself async). */
    private static final class Await implements Async<Response> {
        private Async<?> inner;
        private final ErrorMapper errors;
        private final Object request;

        Await(Async<?> inner, ErrorMapper errors, Object request) {
            this.inner = inner;
            this.errors = errors;
            this.request = request;
        }

        @Override
        public Poll<Response> poll(Context cx) {
            try {
                while (true) {
                    Poll<?> p = inner.poll(cx);
                    if (!p.isReady()) {
                        return Poll.pending();
                    }
                    Object v = p.value();
                    if (v instanceof Async<?> next) {
                        inner = next;
                        continue;
                    }
                    if (v instanceof CompletionStage<?> stage) {
                        inner = Async.fromFuture(stage.toCompletableFuture());
                        continue;
                    }
                    return Poll.ready(convert(v, errors.json()));
                }
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable t) {
                return Poll.ready(errors.toResponse(t, request));
            }
        }

        @Override
        public void cancel() {
            inner.cancel();
        }
    }
}
