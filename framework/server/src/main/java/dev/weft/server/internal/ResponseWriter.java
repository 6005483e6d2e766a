package dev.weft.server.internal;

import dev.weft.codec.BodyFraming;
import dev.weft.codec.ResponseEncoder;
import dev.weft.http.HttpHeaders;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.server.Response;
import dev.weft.server.ResponseBody;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answering half of a connection: polls every handler that has not answered, pumps request
 * bodies to their subscribers, and turns the responses into bytes in {@link Outbound}, strictly in
 * request order: the front exchange's head, then its body (fixed, or streamed one buffer at a
 * time, each asked for only once the previous one is written), then the next exchange.
 *
 * <p>Touched only by the connection's task.
 */
final class ResponseWriter {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    /**
     * The trailers of a streamed body that has them, asked for now that its publisher completed;
     * null when there are none, or when they cannot be sent (the application's bug: logged, and
     * the body ends without them rather than the connection failing).
     */
    private static HttpHeaders trailers(Exchange ex) {
        if (!(ex.response.body() instanceof ResponseBody.Streamed s) || s.trailers() == null) {
            return null;
        }
        try {
            HttpHeaders trailers = s.trailers().get();
            if (trailers != null) {
                ResponseEncoder.requireSendableTrailers(trailers);
            }
            return trailers;
        } catch (RuntimeException e) {
            log.warn("trailers of the response to {} {} not sent: {}", ex.method(), ex.target(), e.toString());
            return null;
        }
    }

    private final ConnectionState c;
    private final Outbound out;

    ResponseWriter(ConnectionState c, Outbound out) {
        this.c = c;
        this.out = out;
    }

    /**
     * Moves every exchange as far as it can go now.
     *
     * @return true when something moved
     */
    boolean respond(Context cx) {
        boolean progress = false;
        // Give every handler a chance to run, not just the first: they were all dispatched.
        for (Exchange ex : c.exchanges) {
            if (ex.pending != null) {
                progress |= pollResponse(ex, cx);
            }
            if (ex.body != null) {
                progress |= ex.body.pump();
            }
        }
        Exchange front;
        while ((front = c.exchanges.peek()) != null) {
            maybeSendContinue(front);
            if (front.response == null) {
                break;
            }
            if (front.writing == Exchange.Writing.HEAD) {
                writeHead(front);
                progress = true;
            }
            if (front.writing == Exchange.Writing.BODY) {
                progress |= writeBody(front);
            }
            if (front.writing != Exchange.Writing.DONE) {
                break;
            }
            if (front.body != null && !out.isEmpty()) {
                // Its request body may be what is queued (echo): finish once it is written.
                break;
            }
            finish(front);
            c.exchanges.poll();
            if (front.head != null) {
                c.counters.responses++;
            }
            progress = true;
        }
        return progress;
    }

    private boolean pollResponse(Exchange ex, Context cx) {
        Poll<Response> p;
        try {
            p = ex.pending.poll(cx);
        } catch (RuntimeException | Error e) {
            ex.handlerFailed(e, c.remote);
            return true;
        }
        if (!p.isReady()) {
            return false;
        }
        ex.pending = null;
        Response r = p.value();
        if (r == null) {
            ex.handlerFailed(new NullPointerException("the service completed with a null response"), c.remote);
        } else {
            ex.response = r;
            if (r.refusal() != null) {
                c.server.counters.requestRefused(r.refusal());
            }
        }
        return true;
    }

    /** RFC 9110 §10.1.1: answer {@code Expect: 100-continue} once the handler wants the body. */
    private void maybeSendContinue(Exchange ex) {
        if (ex.continueSent || ex.responseStarted() || ex.body == null || !ex.expectsContinue()
                || ex.requestComplete || ex.body.received() > 0) {
            return;
        }
        if (ex.body.discarding() || !ex.body.wantsData()) {
            return;
        }
        ex.continueSent = true;
        out.body(ResponseEncoder.continueResponse());
    }

    private void writeHead(Exchange ex) {
        Response r = ex.response;
        if (r.body() instanceof ResponseBody.Upgrade && !upgradeAllowed(ex)) {
            log.error("{} {} from {}: a protocol upgrade answers only a request asking for one, with a 101 and no request body",
                    ex.method(), ex.target(), c.remote);
            r = ErrorResponses.internalError();
            ex.response = r;
        }
        ResponseBody body = r.body();
        long length = body.length();
        // The last response the connection will send says so (Connection: close).
        boolean keepAlive = ex.requestKeepAlive() && !(!c.acceptsRequests() && c.exchanges.size() == 1 && c.decoding == null);
        if (ex.body != null && !ex.requestComplete) {
            // The body is not read yet. Draining a little keeps the connection; more, or an
            // unanswered Expect: 100-continue, is cheaper to refuse by closing.
            long left = ex.contentLength() < 0 ? Long.MAX_VALUE : ex.contentLength() - ex.body.received();
            boolean handlerReads = body instanceof ResponseBody.Streamed s && s.publisher() == ex.request.body();
            if (handlerReads && ex.expectsContinue() && !ex.continueSent && ex.body.received() == 0) {
                // The response streams the request body (echo), which the client holds back until
                // it hears 100 Continue: a final status first would read as "don't send it"
                // (RFC 9110 §10.1.1), so the interim response goes out before the head.
                ex.continueSent = true;
                out.body(ResponseEncoder.continueResponse());
            }
            if (!handlerReads && (left > c.server.config.drainLimit() || (ex.expectsContinue() && !ex.continueSent))) {
                keepAlive = false;
                c.lingerOnClose();
            }
        }
        if (c.server.shuttingDown() && c.exchanges.size() == 1) {
            keepAlive = false;
        }
        ex.framing = ResponseEncoder.framing(ex.version(), r.status(), length, ex.headRequest);
        ex.keepAlive = ResponseEncoder.keepsAlive(ex.version(), r.status(), length, keepAlive, ex.headRequest);
        ByteBuffer buf = out.staging(256);
        // c.now: the poll's clock reading, so the Date value costs no clock read of its own.
        while (!c.server.encoder.encodeHead(ex.version(), r.status(), r.headers(), length, ex.keepAlive,
                ex.headRequest, buf, c.now)) {
            buf = out.grow(buf.capacity() * 2);
        }
        ex.writing = Exchange.Writing.BODY;
        if (!ex.keepAlive) {
            c.noMoreRequests();
        }
        if (ex.framing == BodyFraming.NONE) {
            if (body instanceof ResponseBody.FileRegion f) {
                f.close(); // HEAD, 304: the file is never read
            }
            ex.writing = Exchange.Writing.DONE;
            return;
        }
        // instanceof rather than a pattern switch: the switch's bootstrap generates a class at the first response.
        if (body instanceof ResponseBody.Fixed f) {
            out.body(f.buffer());
            ex.bodyBytes = f.buffer().remaining();
            ex.writing = Exchange.Writing.DONE;
        } else if (body instanceof ResponseBody.Streamed s) {
            ex.streaming = new ResponseBodySubscriber(c.wake);
            s.publisher().subscribe(ex.streaming);
        } else if (body instanceof ResponseBody.FileRegion f) {
            if (out.sendsFiles()) {
                // Zero-copy: the queue owns the channel from here and closes it once sent.
                out.file(f.channel(), f.position(), f.length());
                ex.bodyBytes = f.length();
                ex.writing = Exchange.Writing.DONE;
            } else {
                // The transport must see the bytes (TLS): read on a virtual thread, one chunk per write.
                ex.streaming = new ResponseBodySubscriber(c.wake);
                f.publisher().subscribe(ex.streaming);
            }
        } else { // ResponseBody.Empty (the interface is sealed)
            ex.writing = Exchange.Writing.DONE;
        }
    }

    private boolean writeBody(Exchange ex) {
        ResponseBodySubscriber sub = ex.streaming;
        if (sub == null) {
            return false;
        }
        boolean progress = false;
        if (ex.awaitingFlush) {
            if (!out.isEmpty()) {
                return false;
            }
            ex.awaitingFlush = false;
            sub.requestNext();
            progress = true;
        }
        Throwable failure = sub.failure();
        if (failure != null) {
            // Mid-body there is no way to tell the client but to cut the connection.
            sub.cancel();
            if (ErrorResponses.isClientError(failure)) {
                // The request body broke (the client vanished, or its framing did): nothing the
                // server must hear about at WARN, and no log line a client can multiply.
                if (log.isDebugEnabled()) {
                    log.debug("response body for {} {} to {} ended with its request body: {}", ex.method(),
                            ex.target(), c.remote, failure.toString());
                }
            } else {
                log.warn("response body for {} {} failed after the head was sent", ex.method(), ex.target(), failure);
            }
            throw new UncheckedIOException(new IOException("response body failed", failure));
        }
        ByteBuffer chunk = sub.take();
        if (chunk != null) {
            int n = chunk.remaining();
            if (n > 0) {
                ex.bodyBytes += n;
                // An echoed slice of the read buffer: the queue holds that buffer until written.
                PooledBuffer source = ex.body != null ? ex.body.sourceOf(chunk) : null;
                if (ex.framing == BodyFraming.CHUNKED) {
                    ResponseEncoder.encodeChunkHeader(n, out.staging(16));
                    out.body(chunk, source);
                    ResponseEncoder.encodeChunkEnd(out.staging(2));
                } else {
                    out.body(chunk, source);
                }
            }
            ex.awaitingFlush = true;
            return true;
        }
        if (sub.isComplete()) {
            if (ex.framing == BodyFraming.CHUNKED) {
                HttpHeaders trailers = trailers(ex);
                ResponseEncoder.encodeLastChunk(trailers, out.staging(ResponseEncoder.lastChunkSize(trailers)));
            } else if (ex.framing == BodyFraming.CLOSE_DELIMITED) {
                c.closeAfterWrites();
            }
            long declared = ex.response.body().length();
            if (declared >= 0 && declared != ex.bodyBytes) {
                log.warn("response body for {} {} had {} bytes but declared {}", ex.method(), ex.target(),
                        ex.bodyBytes, declared);
                c.closeAfterWrites();
            }
            ex.writing = Exchange.Writing.DONE;
            return true;
        }
        return progress;
    }

    /** RFC 9110 §7.8: the 101 answers the request that asked, which has no body and is the last in flight. */
    private boolean upgradeAllowed(Exchange ex) {
        return ex == c.upgradeRequest && ex.response.status().code() == 101 && ex.requestComplete
                && c.exchanges.size() == 1;
    }

    private void finish(Exchange ex) {
        if (ex == c.upgradeRequest) {
            c.upgradeRequest = null;
            if (ex.response.body() instanceof ResponseBody.Upgrade u) {
                // The connection switches once this 101 is written: no other request is read.
                c.upgrade = u.upgrade();
                c.noMoreRequests();
            }
        }
        if (ex.body != null) {
            ex.body.responseSent();
            if (!ex.requestComplete) {
                ex.body.abandon();
            }
        }
        if (!ex.keepAlive) {
            c.closeAfterResponses();
            if (c.exchanges.size() == 1) {
                c.closeAfterWrites();
            }
        }
        if (c.server.accessLog) {
            long micros = (System.nanoTime() - ex.startNanos) / 1000;
            // The client behind trusted proxies, not the balancer; the peer for a refused head.
            ServerState.ACCESS_LOG.info("{} \"{} {} {}\" {} {} {}us",
                    ex.request != null ? ex.request.clientAddress().getHostString() : c.remote.getHostString(),
                    ex.method(), ex.target(),
                    ex.version().text(), ex.response.status().code(), ex.bodyBytes, micros);
        }
        c.lastActivityNanos = c.now;
        if (c.headStartedNanos != 0) {
            // A pipelined head began while this request was being answered: its clock starts now.
            c.headStartedNanos = c.now;
        }
    }
}
