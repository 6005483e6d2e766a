package dev.weft.server.internal;

import dev.weft.codec.DecodeEvent;
import dev.weft.codec.HttpCodecException;
import dev.weft.codec.RequestDecoder;
import dev.weft.codec.RequestHead;
import dev.weft.codec.TargetForm;
import dev.weft.http.HeaderName;
import dev.weft.http.HttpMethod;
import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.net.TcpStream;
import dev.weft.server.Request;
import dev.weft.server.RequestBody;
import dev.weft.server.Response;
import dev.weft.server.ServerStats.CloseCause;

import java.nio.ByteBuffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reading half of a connection: reads the socket into the {@link ReadBuffer}, feeds the
 * decoder, and turns what it decodes into exchanges: a head starts one and calls the service, body
 * slices go to the request's {@link RequestBodyChannel}, the end completes it. Request bodies are
 * decoded only while their subscriber can take a slice, so demand, not the socket, sets the pace.
 *
 * <p>Touched only by the connection's task.
 */
final class RequestReader {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    /** What the decoder is given when no byte is buffered. */
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final ConnectionState c;
    private final RequestDecoder decoder;
    private final ReadBuffer buffer;

    /**
     * A read in this poll returned less than it had room for, so the socket is drained: the next
     * read would only say "nothing", and awaiting readiness is cheaper (one system call less).
     */
    private boolean socketDrained;
    /** This poll already asked to be woken for input (and read nothing since): asking again is redundant. */
    private boolean readInterestRegistered;
    /** The last request head announced a body larger than a small buffer. */
    private boolean lastBodyLarge;

    RequestReader(ConnectionState c) {
        this.c = c;
        this.decoder = new RequestDecoder(c.server.config.codecLimits());
        this.buffer = new ReadBuffer(c.server.buffers);
    }

    /** The read buffer, which the PROXY protocol header is read into before any request. */
    ReadBuffer buffer() {
        return buffer;
    }

    /** Called at the start of each poll: what the last poll learnt about the socket is stale. */
    void newPoll() {
        socketDrained = false;
        readInterestRegistered = false;
    }

    /** True when bytes are buffered that the decoder has not consumed. */
    boolean hasUndecoded() {
        return buffer.hasUndecoded();
    }

    /** The socket had no more to give in this poll. */
    boolean socketDrained() {
        return socketDrained;
    }

    /** True while a pooled buffer is held (for leak checks). */
    boolean holdsBuffer() {
        return buffer.holdsBuffer();
    }

    /** Throws away what is buffered and lets go of the buffer (closing or lingering). */
    void release() {
        buffer.discardUndecoded();
        buffer.release();
    }

    /**
     * Moves undecoded bytes into {@code dst} (the connection was upgraded: they belong to the new
     * protocol), letting go of the buffer once it is drained.
     *
     * @return the number of bytes moved
     */
    int takeUndecoded(ByteBuffer dst) {
        ByteBuffer in = buffer.bytes();
        int n = Math.min(in.remaining(), dst.remaining());
        dst.put(in.slice(in.position(), n));
        in.position(in.position() + n);
        buffer.releaseIfIdle();
        return n;
    }

    /** Stops decoding what is buffered (a timeout answered the connection instead). */
    void discardUndecoded() {
        buffer.discardUndecoded();
    }

    /**
     * Decodes everything buffered that may be decoded, then reads more while it may.
     *
     * @return true when something moved
     */
    boolean readAndDecode(Context cx) {
        boolean progress = false;
        for (;;) {
            ByteBuffer in = buffer.bytes();
            if (in == null) {
                // Nothing buffered (the buffer went back to the pool once its bytes were decoded)
                // can still hold an event: the end of a body whose last bytes were decoded.
                in = NOTHING;
            }
            if ((in != NOTHING || c.decoding != null) && mayDecode()) {
                DecodeEvent event;
                try {
                    event = decoder.decode(in);
                } catch (HttpCodecException e) {
                    onCodecError(e);
                    return true;
                }
                if (event != DecodeEvent.NEED_MORE) {
                    switch (event) {
                        case HEAD -> onHead(decoder.head());
                        case CONTENT -> onContent(decoder.content());
                        default -> onEnd();
                    }
                    progress = true;
                    continue;
                }
            } else if (in.hasRemaining() && !bodyBackpressured()) {
                // Bytes are waiting but may not be decoded yet (too many requests in flight, or
                // no more requests are taken). A body waiting for demand still reads (below).
                return progress;
            }
            if (c.eofSeen() && c.decoding != null && !c.decoding.requestComplete) {
                // Every byte before the FIN is decoded and the body is still short: that request
                // can never be whole.
                failTruncatedBody();
                return true;
            }
            if (!mayRead()) {
                buffer.releaseIfIdle();
                return progress;
            }
            if (socketDrained) {
                if (!readInterestRegistered) {
                    c.io.awaitReadable(cx);
                    readInterestRegistered = true;
                }
                buffer.releaseIfIdle();
                return progress;
            }
            int n = buffer.fill(c.io, cx, largeBodyAhead() || (c.decoding == null && lastBodyLarge),
                    bodyBackpressured());
            if (n == TcpStream.PENDING || n == ReadBuffer.FULL) {
                // PENDING: the task is registered for readability. FULL: the buffer holds all a
                // body waiting for demand may hold, and the subscriber's request wakes the task.
                buffer.releaseIfIdle();
                return progress;
            }
            if (n < 0) {
                onEof();
                return true;
            }
            c.counters.bytesRead += n;
            socketDrained = n < buffer.lastRoom();
            readInterestRegistered = false;
            c.lastActivityNanos = c.now;
            if (c.decoding == null && c.headStartedNanos == 0) {
                c.headStartedNanos = c.now;
            }
            progress = true;
        }
    }

    /** Whether the decoder may run: a body slice it produces must have somewhere to go. */
    private boolean mayDecode() {
        if (c.reading == ConnectionState.Reading.NOTHING || c.awaitingUpgradeAnswer()) {
            return false;
        }
        Exchange d = c.decoding;
        if (d != null) {
            RequestBodyChannel body = d.body;
            return body == null || body.discarding() || body.canAcceptSlice();
        }
        return c.reading == ConnectionState.Reading.REQUESTS && c.exchanges.size() < ConnectionState.MAX_PIPELINED;
    }

    /** The body being decoded waits for its subscriber to ask for more. */
    private boolean bodyBackpressured() {
        Exchange d = c.decoding;
        return d != null && d.body != null && !d.body.discarding() && !d.body.canAcceptSlice();
    }

    private boolean mayRead() {
        if (c.input != ConnectionState.Input.OPEN || c.reading == ConnectionState.Reading.NOTHING
                || c.awaitingUpgradeAnswer()) {
            return false;
        }
        Exchange d = c.decoding;
        if (d != null) {
            // A body whose subscriber has not asked for more still reads into the free space of
            // the read buffer (at most one buffer beyond demand: fill stops when it is full), so
            // that a client that resets or closes is noticed while its handler waits.
            return true;
        }
        return c.reading == ConnectionState.Reading.REQUESTS && c.exchanges.size() < ConnectionState.MAX_PIPELINED;
    }

    /** The decoder is in a body with much more than a small buffer still to come. */
    private boolean largeBodyAhead() {
        Exchange d = c.decoding;
        if (d == null || d.body == null || d.body.discarding()) {
            return false;
        }
        long length = d.contentLength();
        return length < 0 || length - d.body.received() > BufferPool.BUFFER_SIZE;
    }

    // ---- decoded events -------------------------------------------------------------------------

    private void onHead(RequestHead head) {
        c.headStartedNanos = 0;
        c.counters.requests++;
        lastBodyLarge = head.hasBody() && (head.contentLength() < 0 || head.contentLength() > BufferPool.BUFFER_SIZE);
        RequestBodyChannel body = head.hasBody()
                ? new RequestBodyChannel(c.wake, head.contentLength(), c.server.config.bodyBufferLimit())
                : null;
        RequestBody requestBody = body != null ? body : EmptyBody.INSTANCE;
        Request request = Request.from(head, requestBody, c.remote, c.local, c.io.tls(), c.server.config.trustedProxies());
        Exchange ex = new Exchange(head, request, body, c.now, c.now + c.server.requestTimeoutNanos,
                head.method() == HttpMethod.HEAD);
        if (!head.keepAlive() || c.server.shuttingDown()) {
            c.noMoreRequests();
        }
        if (!head.hasBody() && head.headers().contains(HeaderName.UPGRADE)) {
            // Bytes after this head may be another protocol's (RFC 9110 §7.8): decode nothing
            // more until the answer says whether the connection switches.
            c.upgradeRequest = ex;
        }
        if (head.targetForm() == TargetForm.ASTERISK) {
            // OPTIONS * asks about the server, not a resource: the server answers, no route does.
            ex.response = ErrorResponses.optionsAsterisk();
            c.decoding = ex;
            c.exchanges.add(ex);
            return;
        }
        try {
            Async<Response> answer = c.server.service.call(request);
            if (answer == null) {
                throw new NullPointerException("the service returned null instead of a response");
            }
            ex.pending = answer;
        } catch (RuntimeException | Error e) {
            ex.handlerFailed(e, c.remote);
        }
        c.decoding = ex;
        c.exchanges.add(ex);
    }

    private void onContent(ByteBuffer slice) {
        Exchange ex = c.decoding;
        RequestBodyChannel body = ex.body;
        if (body.discarding()) {
            ex.drained += slice.remaining();
            if (ex.drained > c.server.config.drainLimit()) {
                // Too much to throw away: close instead of reading it all.
                c.closeAfterResponses();
                c.lingerOnClose();
            }
        }
        body.offer(slice, buffer.lease());
    }

    private void onEnd() {
        Exchange ex = c.decoding;
        c.decoding = null;
        ex.requestComplete = true;
        if (ex.body != null) {
            ex.body.complete(decoder.trailers());
        }
        // Bytes after the end belong to the next head, which has begun to arrive.
        c.headStartedNanos = buffer.hasUndecoded() ? c.now : 0;
    }

    /**
     * The client sent FIN. That is a half-close (RFC 9112 §9.6): the requests it sent, including
     * any still buffered, are answered. A body cut short fails once the bytes before the FIN are
     * all decoded.
     */
    private void onEof() {
        c.eof();
    }

    private void failTruncatedBody() {
        Exchange d = c.decoding;
        c.decoding = null;
        if (d.body != null) {
            d.body.fail(new java.io.EOFException("the client closed the connection in the middle of the body"));
        }
        c.closeAfterResponses();
    }

    private void onCodecError(HttpCodecException e) {
        c.server.counters.codecError(e);
        c.closeCause = CloseCause.BAD_REQUEST;
        c.closeAfterResponses();
        c.lingerOnClose();
        Exchange d = c.decoding;
        if (d != null && !d.requestComplete) {
            // A framing error inside a body. The request is malformed whatever its handler says:
            // if no byte of its response is queued yet, the client gets the codec's 400 (and the
            // connection closes after it, since its framing cannot be trusted); otherwise the
            // response in progress can only be cut short. The handler sees its body fail.
            c.decoding = null;
            if (!d.responseStarted()) {
                d.answerInstead(ErrorResponses.forCodecError(e));
            }
            if (d.body != null) {
                d.body.fail(e);
            }
            return;
        }
        // A bad head: answer it after the requests before it, then close.
        c.exchanges.add(Exchange.answeredByServer(ErrorResponses.forCodecError(e), c.now));
        if (log.isDebugEnabled()) {
            log.debug("refused a request from {}: {} {}", c.remote, e.status(), e.getMessage());
        }
    }

    /** The empty body of requests that have none; shared, since it holds nothing. */
    private static final class EmptyBody {
        static final RequestBody INSTANCE = RequestBody.empty();
    }
}
