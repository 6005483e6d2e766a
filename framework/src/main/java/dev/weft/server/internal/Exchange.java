package dev.weft.server.internal;

import dev.weft.codec.BodyFraming;
import dev.weft.codec.HttpMethod;
import dev.weft.codec.HttpVersion;
import dev.weft.codec.RequestHead;
import dev.weft.http.Request;
import dev.weft.http.Response;
import dev.weft.runtime.Async;

/**
 * One request and its response on a connection, from the parsed head until the last response
 * byte is handed to the socket. A connection keeps its exchanges in request order.
 */
final class Exchange {
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
    boolean headWritten;
    boolean continueSent;
    boolean keepAlive;
    BodyFraming framing;
    /** Set while a streamed body is being written. */
    ResponseBodySubscriber streaming;
    /** A streamed chunk is staged: ask for the next once the socket took it. */
    boolean awaitingFlush;
    long bodyBytes;
    /** Unread body bytes thrown away after the response no longer needed them. */
    long drained;
    boolean finished;

    Exchange(RequestHead head, Request request, RequestBodyChannel body, long startNanos, long deadlineNanos,
             boolean headRequest) {
        this.head = head;
        this.request = request;
        this.body = body;
        this.startNanos = startNanos;
        this.deadlineNanos = deadlineNanos;
        this.headRequest = headRequest;
    }

    /** An exchange for a request the server refuses before it has a head: the answer closes the connection. */
    static Exchange refusal(Response response, long nowNanos) {
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
}
