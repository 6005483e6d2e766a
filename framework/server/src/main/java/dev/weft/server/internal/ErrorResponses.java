package dev.weft.server.internal;

import dev.weft.codec.HttpCodecException;
import dev.weft.http.HttpStatus;
import dev.weft.runtime.CancelledException;
import dev.weft.runtime.TaskFailedException;
import dev.weft.server.BodyReadException;
import dev.weft.server.BodyTooLargeException;
import dev.weft.server.Response;

/**
 * The responses the server makes up itself, mostly from what went wrong. Client errors carry a message that
 * says what was wrong; server errors say nothing about the server's insides.
 */
final class ErrorResponses {
    private ErrorResponses() {
    }

    /** The response for a request the codec refused. */
    static Response forCodecError(HttpCodecException e) {
        return Response.text(HttpStatus.of(e.status()), e.getMessage() + "\n");
    }

    /** Whether {@code failure} is the client's fault (and so not worth an error log). */
    static boolean isClientError(Throwable failure) {
        Throwable t = unwrap(failure);
        return t instanceof HttpCodecException || t instanceof BodyTooLargeException || t instanceof BodyReadException;
    }

    /** The response for a handler that failed with {@code failure}. */
    static Response forFailure(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof HttpCodecException e) {
            return forCodecError(e);
        }
        if (t instanceof BodyTooLargeException e) {
            return Response.text(HttpStatus.CONTENT_TOO_LARGE, e.getMessage() + "\n");
        }
        if (t instanceof BodyReadException e) {
            return Response.text(HttpStatus.BAD_REQUEST, e.getMessage() + "\n");
        }
        if (t instanceof CancelledException) {
            return Response.text(HttpStatus.SERVICE_UNAVAILABLE, "the request was cancelled\n");
        }
        return internalError();
    }

    static Response internalError() {
        return Response.text(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error\n");
    }

    static Response requestTimeout() {
        return Response.text(HttpStatus.SERVICE_UNAVAILABLE, "the request took too long to answer\n");
    }

    /**
     * The server's answer to {@code OPTIONS *} (RFC 9110 §9.3.7): a question about the server as a
     * whole, never a path to route. The methods are those the server carries to a service.
     */
    static Response optionsAsterisk() {
        dev.weft.http.HttpHeaders headers = new dev.weft.http.HttpHeaders();
        headers.add(dev.weft.http.HeaderName.ALLOW, "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        return new Response(HttpStatus.OK, headers, dev.weft.server.ResponseBody.empty());
    }

    static Response headerTimeout() {
        return Response.text(HttpStatus.REQUEST_TIMEOUT, "the request head was not received in time\n");
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof TaskFailedException || t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
