package dev.weft.server.internal;

import dev.weft.codec.BodyFraming;
import dev.weft.codec.RequestHead;
import dev.weft.http.HttpMethod;
import dev.weft.http.HttpVersion;
import dev.weft.runtime.Async;
import dev.weft.server.Request;
import dev.weft.server.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request and its response on a connection, from the parsed head until the last response
 * byte is handed to the socket. A connection keeps its exchanges in request order.
 *
 * <p>Touched only by the connection's task.
 */
final class Exchange {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    /** How far the response has got. */
    enum Writing {
        /** Nothing written yet (the handler may not have answered). */
        HEAD,
        /** The head is queued; the body is being written. */
        BODY,
        /** Every byte of the response is queued. */
        DONE
    }

    /** Null for an answer the server makes up itself (a refused or timed-out head). */
    final RequestHead head;
    /** Null for an answer the server makes up itself. */
    final Request request;
    /** Null when the request has no body. */
    final RequestBodyChannel body;
    final long startNanos;
    final long deadlineNanos;
    final boolean headRequest;

    /** The handler's answer until it is ready; null afterwards. */
    Async<Response> pending;
    Response response;
    boolean requestComplete;
    Writing writing = Writing.HEAD;
    boolean continueSent;
    boolean keepAlive;
    BodyFraming framing;
    /** Set while a streamed body is being written. */
    ResponseBodySubscriber streaming;
    /** A streamed chunk is queued: ask for the next once the socket took it. */
    boolean awaitingFlush;
    long bodyBytes;
    /** Unread body bytes thrown away after the response no longer needed them. */
    long drained;

    Exchange(RequestHead head, Request request, RequestBodyChannel body, long startNanos, long deadlineNanos,
             boolean headRequest) {
        this.head = head;
        this.request = request;
        this.body = body;
        this.startNanos = startNanos;
        this.deadlineNanos = deadlineNanos;
        this.headRequest = headRequest;
    }

    /** An exchange for a request the server answers itself, before or instead of any handler. */
    static Exchange answeredByServer(Response response, long nowNanos) {
        Exchange ex = new Exchange(null, null, null, nowNanos, Long.MAX_VALUE, false);
        ex.requestComplete = true;
        ex.response = response;
        return ex;
    }

    HttpMethod method() {
        return head == null ? HttpMethod.GET : head.method();
    }

    String target() {
        return head == null ? "-" : head.target();
    }

    HttpVersion version() {
        return head == null ? HttpVersion.HTTP_1_1 : head.version();
    }

    boolean requestKeepAlive() {
        return head != null && head.keepAlive();
    }

    boolean expectsContinue() {
        return head != null && head.expectsContinue();
    }

    long contentLength() {
        return head == null ? 0 : head.contentLength();
    }

    /** True while the handler has not produced its response. */
    boolean awaitingResponse() {
        return response == null;
    }

    /** True once any byte of the response (or the whole of it) is queued for writing. */
    boolean responseStarted() {
        return writing != Writing.HEAD;
    }

    /** The handler threw or failed: the client gets the status the failure calls for. */
    void handlerFailed(Throwable failure, Object remote) {
        pending = null;
        if (!ErrorResponses.isClientError(failure)) {
            log.error("handler for {} {} from {} failed", method(), target(), remote, failure);
        }
        response = ErrorResponses.forFailure(failure);
    }

    /** Replaces whatever the handler would answer with the server's own answer. */
    void answerInstead(Response serverResponse) {
        cancelHandler();
        closeUnsentFile();
        response = serverResponse;
    }

    /** Stops everything this exchange still runs: the handler, a streamed response, the body's subscriber. */
    void abort(String why) {
        cancelHandler();
        closeUnsentFile();
        if (streaming != null) {
            streaming.cancel();
        }
        if (body != null) {
            body.fail(new java.io.IOException("the connection closed: " + why));
            body.dispose();
        }
    }

    /** A file body whose head was not written yet never reaches the outbound queue: close its file here. */
    private void closeUnsentFile() {
        if (writing == Writing.HEAD && response != null
                && response.body() instanceof dev.weft.server.ResponseBody.FileRegion f) {
            f.close();
        }
    }

    private void cancelHandler() {
        if (pending != null) {
            try {
                pending.cancel();
            } catch (RuntimeException e) {
                log.warn("cancelling the handler for {} {} failed", method(), target(), e);
            }
            pending = null;
        }
    }
}
