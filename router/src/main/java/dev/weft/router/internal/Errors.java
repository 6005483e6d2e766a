package dev.weft.router.internal;

import dev.weft.http.HttpStatus;

import dev.weft.router.HttpException;
import dev.weft.router.IntoResponse;
import dev.weft.router.Problem;
import dev.weft.router.Rejection;
import dev.weft.server.BodyReadException;
import dev.weft.server.BodyTooLargeException;
import dev.weft.server.Response;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps handler failures to responses: typed errors ({@link IntoResponse}) answer for themselves,
 * the application's mappers come next, body failures are 4xx, and anything else is a 500 whose
 * body carries an error id that is logged, once, with the stack trace.
 */
public final class Errors implements Responses.ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger("dev.weft.router");

    /** An application mapper from an exception type to a handler-style result. */
    public record Mapper(Class<? extends Throwable> type, Function<Throwable, Object> map) {
    }

    private final List<Mapper> mappers;
    private final Json json;

    /** Errors with the application's mappers, tried in order, written with {@code json}. */
    public Errors(List<Mapper> mappers, Json json) {
        this.mappers = List.copyOf(mappers);
        this.json = json;
    }

    @Override
    public Json json() {
        return json;
    }

    @Override
    public Response toResponse(Throwable failure, Object request) {
        Throwable t = unwrap(failure);
        try {
            if (t instanceof HttpException e) {
                return e.problem().toResponse(json.mapper());
            }
            if (t instanceof Rejection r) {
                return r.problem().toResponse(json.mapper());
            }
            if (t instanceof IntoResponse r) {
                return r.toResponse();
            }
            for (Mapper m : mappers) {
                if (m.type().isInstance(t)) {
                    return Responses.convert(m.map().apply(t), json);
                }
            }
        } catch (RuntimeException mappingFailed) {
            mappingFailed.addSuppressed(t);
            return internalError(mappingFailed, request, json);
        }
        if (t instanceof BodyTooLargeException e) {
            return Problem.of(HttpStatus.CONTENT_TOO_LARGE).detail("request body: " + e.getMessage()).toResponse(json.mapper());
        }
        if (t instanceof BodyReadException) {
            return Problem.of(HttpStatus.BAD_REQUEST).detail("request body: could not be read").toResponse(json.mapper());
        }
        return internalError(t, request, json);
    }

    /** A 500 with a fresh error id, written with Jackson's defaults; see {@link #internalError(Throwable, Object, Json)}. */
    public static Response internalError(Throwable t, Object request) {
        return internalError(t, request, Json.defaults());
    }

    /** A 500 with a fresh error id, logged once with the stack trace. */
    public static Response internalError(Throwable t, Object request, Json json) {
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        LOG.error("request {} failed [error id {}]", request, id, t);
        return Problem.of(HttpStatus.INTERNAL_SERVER_ERROR).detail("internal error; error id " + id).with("errorId", id).toResponse(json.mapper());
    }

    /** Strips the wrappers that async plumbing puts around a handler's own exception. */
    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException
                || t instanceof HandlerFailure
                || t instanceof dev.weft.runtime.TaskFailedException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
