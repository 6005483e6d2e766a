package dev.weft.server.internal;

import dev.weft.codec.BodyFraming;
import dev.weft.codec.DecodeEvent;
import dev.weft.codec.HttpCodecException;
import dev.weft.codec.HttpMethod;
import dev.weft.codec.RequestDecoder;
import dev.weft.codec.RequestHead;
import dev.weft.codec.ResponseEncoder;
import dev.weft.http.Request;
import dev.weft.http.RequestBody;
import dev.weft.http.Response;
import dev.weft.http.ResponseBody;
import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;
import dev.weft.runtime.net.TcpStream;
import dev.weft.runtime.time.Time;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection as one task: read, decode, dispatch each request to the service, and
 * write the responses in request order — hyper's HTTP/1 dispatcher, as a poll-based state machine.
 *
 * <p>Each poll loops until nothing moves: decode everything already buffered (pipelined requests
 * are dispatched together), poll the pending responses, stage every response that is ready in
 * order, and flush them with one gathering write. The handler's response values are polled with
 * this task's context, so a handler that completes later wakes this connection.
 *
 * <p>Shutdown of a connection, in order of preference: after the last response when the client
 * or the server asked for {@code Connection: close}; when the client half-closes and every
 * request it sent is answered; at once when the client resets or a write fails (then every
 * pending handler and body stream is cancelled).
 */
final class Connection implements Async<Void> {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    /** Requests in flight before the connection stops reading more: bounds one client's memory. */
    static final int MAX_PIPELINED = 32;
    /** Output beyond this is written at once rather than batched further: bounds what a connection holds. */
    static final int EAGER_FLUSH_BYTES = 64 * 1024;

    private final ServerState server;
    private final TcpStream stream;
    private final RequestDecoder decoder;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final ArrayDeque<Exchange> exchanges = new ArrayDeque<>();
    private final Outbound out = new Outbound();
    /** What bodies call to ask for another poll; one per connection, not one per request. */
    private final Runnable wakeCallback = new Runnable() {
        @Override
        public void run() {
            wakeFromAnyThread();
        }
    };

    /** Read mode: position is the next byte to decode; null when nothing is buffered. */
    private ByteBuffer in;
    /** The exchange whose body the decoder is in, from its head to its end. */
    private Exchange decoding;
    private boolean inputClosed;
    private boolean noMoreRequests;
    private boolean closeAfterWrites;
    private boolean closed;
    /** The client's FIN was read: nothing more will come. */
    private boolean eofSeen;
    /** The server stops reading while the client may still be sending: close by lingering. */
    private boolean lingerOnClose;
    /** Set once output is shut down and input is being discarded until EOF or the deadline. */
    private LingeringClose lingering;

    /**
     * A read in this poll returned less than it had room for, so the socket is drained: the next
     * read would only say "nothing", and awaiting readiness is cheaper (one system call less).
     */
    private boolean socketDrained;
    /** This poll already asked to be woken for input (and read nothing since): asking again is redundant. */
    private boolean readInterestRegistered;
    /** The last request head announced a body larger than a small buffer. */
    private boolean lastBodyLarge;

    private volatile Waker waker;
    /**
     * The thread inside {@link #poll}, or null. Plain on purpose: only the equality check in
     * {@link #wakeFromAnyThread} reads it, and a thread always sees its own last write (the null
     * it stored when its poll ended) or a later one by another thread, never a stale self.
     */
    private Thread pollingThread;
    private boolean wokenWhilePolling;
    private volatile boolean abortRequested;

    private long lastActivityNanos;
    /**
     * The clock read once at the start of each poll. Deadlines are seconds long and a poll lasts
     * microseconds, so activity and timer checks in one poll share it: one clock read per poll
     * instead of one per event.
     */
    private long now;
    /**
     * When the first byte of the request head being received arrived; 0 when no head is in
     * progress. The decoder consumes a partial head as it goes, so the read buffer cannot tell.
     */
    private long headStartedNanos;
    private Async<Void> timer;
    private long timerDeadline;

    Connection(ServerState server, TcpStream stream) {
        this.server = server;
        this.stream = stream;
        this.decoder = new RequestDecoder(server.config.codecLimits());
        this.remote = stream.remoteAddress();
        this.local = stream.localAddress();
        this.lastActivityNanos = System.nanoTime();
    }

    // ---- waking -----------------------------------------------------------------------------

    /**
     * Asks for another poll. From inside this connection's own poll it only notes the wish (the
     * poll loop looks again), which saves a trip through the scheduler.
     */
    void wakeFromAnyThread() {
        if (pollingThread == Thread.currentThread()) {
            wokenWhilePolling = true;
            return;
        }
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }

    /** Gathering writes issued so far (for tests). */
    long writeCalls() {
        return out.writeCalls;
    }

    /** Closes the connection at its next poll, cancelling its work (shutdown deadline passed). */
    void abort() {
        abortRequested = true;
        wakeFromAnyThread();
    }

    // ---- the poll loop ----------------------------------------------------------------------

    @Override
    public Poll<Void> poll(Context cx) {
        if (closed) {
            return Poll.ready(null);
        }
        Waker w = cx.waker();
        if (waker != w) {
            waker = w;
        }
        pollingThread = Thread.currentThread();
        now = System.nanoTime();
        try {
            if (abortRequested) {
                terminate("server shutdown deadline passed");
                return Poll.ready(null);
            }
            if (lingering != null) {
                return linger(cx);
            }
            socketDrained = false;
            readInterestRegistered = false;
            boolean progress;
            do {
                wokenWhilePolling = false;
                progress = readAndDecode(cx);
                progress |= respond(cx);
                // Write when nothing else moves (or much is queued): everything produced by one
                // batch of input leaves in one gathering write, as Netty flushes on read-complete.
                // An echo's head and its first body bytes then share a write.
                if (!progress || out.pendingBytes() >= EAGER_FLUSH_BYTES || allAnsweredAndInputDrained()) {
                    progress |= flush(cx);
                }
                if (server.shuttingDown() && isIdle()) {
                    // Shutdown closes idle connections; one whose next request has begun to
                    // arrive (or was already readable, see readAndDecode) is answered first.
                    noMoreRequests = true;
                }
                if (isDone()) {
                    if (lingerOnClose && !eofSeen) {
                        return startLinger(cx);
                    }
                    close();
                    return Poll.ready(null);
                }
            } while (progress || wokenWhilePolling);
            if (checkTimers(cx)) {
                return Poll.ready(null);
            }
            return Poll.pending();
        } catch (UncheckedIOException e) {
            // The peer reset the connection or a write failed: nobody is listening any more.
            terminate(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            return Poll.ready(null);
        } catch (RuntimeException | Error e) {
            log.error("connection from {} failed unexpectedly", remote, e);
            terminate("internal error");
            return Poll.ready(null);
        } finally {
            pollingThread = null;
        }
    }

    @Override
    public void cancel() {
        terminate("connection task cancelled");
    }

    /**
     * Every request read so far is answered, nothing is left to decode and the socket had no more
     * to give: another pass could only find nothing, so the batch may be written now.
     */
    private boolean allAnsweredAndInputDrained() {
        return socketDrained && exchanges.isEmpty() && decoding == null && (in == null || !in.hasRemaining());
    }

    /** No request in progress and no byte of the next one received. */
    private boolean isIdle() {
        return exchanges.isEmpty() && decoding == null && headStartedNanos == 0
                && (in == null || !in.hasRemaining()) && out.isEmpty();
    }

    private boolean isDone() {
        if (!exchanges.isEmpty() || !out.isEmpty()) {
            return false;
        }
        if (closeAfterWrites) {
            return true;
        }
        return noMoreRequests || inputClosed;
    }

    // ---- reading and decoding ---------------------------------------------------------------

    private boolean readAndDecode(Context cx) {
        boolean progress = false;
        for (;;) {
            DecodeEvent event = DecodeEvent.NEED_MORE;
            if (in != null && mayDecode()) {
                try {
                    event = decoder.decode(in);
                } catch (HttpCodecException e) {
                    onCodecError(e);
                    return true;
                }
                switch (event) {
                    case HEAD -> {
                        onHead(decoder.head());
                        progress = true;
                        continue;
                    }
                    case CONTENT -> {
                        onContent(decoder.content());
                        progress = true;
                        continue;
                    }
                    case END -> {
                        onEnd();
                        progress = true;
                        continue;
                    }
                    case NEED_MORE -> {
                        // fall through to reading
                    }
                }
            } else if (in != null && in.hasRemaining() && !(bodyBackpressured() && in.limit() < in.capacity())) {
                // Bytes are waiting but may not be decoded yet (no demand, or too many in flight).
                // A body waiting for demand still reads into the buffer's free space (below).
                releaseIdleBuffer();
                return progress;
            }
            if (eofSeen && decoding != null && !decoding.requestComplete) {
                // Every byte before the FIN is decoded and the body is still short: that request
                // can never be whole.
                failTruncatedBody();
                return true;
            }
            if (!mayRead()) {
                releaseIdleBuffer();
                return progress;
            }
            if (socketDrained) {
                if (!readInterestRegistered) {
                    stream.awaitReadable(cx);
                    readInterestRegistered = true;
                }
                releaseIdleBuffer();
                return progress;
            }
            int n = readSome(cx);
            if (n == TcpStream.PENDING) {
                releaseIdleBuffer();
                return progress;
            }
            if (n < 0) {
                onEof();
                return true;
            }
            progress = true;
        }
    }

    /** Whether the decoder may run: a body slice it produces must have somewhere to go. */
    private boolean mayDecode() {
        if (closeAfterWrites) {
            return false;
        }
        Exchange d = decoding;
        if (d != null) {
            RequestBodyChannel body = d.body;
            return body == null || body.discarding() || body.canAcceptSlice();
        }
        return !noMoreRequests && exchanges.size() < MAX_PIPELINED;
    }

    /** The body being decoded waits for its subscriber to ask for more. */
    private boolean bodyBackpressured() {
        Exchange d = decoding;
        return d != null && d.body != null && !d.body.discarding() && !d.body.canAcceptSlice();
    }

    private boolean mayRead() {
        if (inputClosed || closeAfterWrites) {
            return false;
        }
        Exchange d = decoding;
        // A body whose subscriber has not asked for more still reads into the free space of the
        // read buffer (at most one buffer beyond demand; readSome stops when it is full), so that
        // a client that resets or closes is noticed while its handler waits.
        if (d == null && noMoreRequests) {
            return false;
        }
        return exchanges.size() < MAX_PIPELINED || d != null;
    }

    /** Reads into the free space after the buffered bytes; returns bytes read, -1 or PENDING. */
    private int readSome(Context cx) {
        if (in == null) {
            // A client that sent a large body is likely to send another (an upload or echo loop):
            // its next head and body then arrive together in one large read.
            in = largeBodyAhead() || lastBodyLarge ? BufferPool.borrowLarge() : BufferPool.borrow();
            in.flip();
        }
        boolean sliceHeld = anyBodyHoldsSlice();
        if (!sliceHeld && !in.hasRemaining() && in.capacity() < BufferPool.LARGE_BUFFER_SIZE && largeBodyAhead()) {
            // The head arrived in a small buffer and much of its body is still to come: read the
            // rest in large reads, and into memory the socket can write from without a copy.
            BufferPool.giveBack(in);
            in = BufferPool.borrowLarge();
            in.flip();
        }
        int start = in.position();
        int end = in.limit();
        if (!sliceHeld && start > 0) {
            // Move the undecoded bytes to the front; nothing refers to the decoded ones any more.
            in.compact();
            in.flip();
            start = 0;
            end = in.limit();
        }
        if (end == in.capacity()) {
            if (sliceHeld) {
                // Full, and the subscriber still owns a slice of it: its release wakes us.
                return TcpStream.PENDING;
            }
            // A head larger than the buffer: grow, up to what the codec will accept anyway.
            ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
            bigger.put(in);
            bigger.flip();
            BufferPool.giveBack(in);
            in = bigger;
            start = 0;
            end = in.limit();
        }
        in.limit(in.capacity()).position(end);
        int room = in.remaining();
        int n;
        try {
            n = stream.pollRead(cx, in);
        } finally {
            int newEnd = in.position();
            in.limit(newEnd).position(start);
        }
        if (n > 0) {
            socketDrained = n < room;
            readInterestRegistered = false;
            lastActivityNanos = now;
            if (decoding == null && headStartedNanos == 0) {
                headStartedNanos = lastActivityNanos;
            }
        }
        return n;
    }

    /** The decoder is in a body with much more than a small buffer still to come. */
    private boolean largeBodyAhead() {
        Exchange d = decoding;
        if (d == null || d.body == null || d.body.discarding()) {
            return false;
        }
        long length = d.contentLength();
        return length < 0 || length - d.body.received() > BufferPool.BUFFER_SIZE;
    }

    private boolean anyBodyHoldsSlice() {
        for (Exchange e : exchanges) {
            if (e.body != null && e.body.holdsSlice()) {
                return true;
            }
        }
        return false;
    }

    /** Hands the read buffer back when it holds nothing anyone needs. */
    private void releaseIdleBuffer() {
        if (in != null && !in.hasRemaining() && !anyBodyHoldsSlice()) {
            BufferPool.giveBack(in);
            in = null;
        }
    }

    private void onHead(RequestHead head) {
        headStartedNanos = 0;
        lastBodyLarge = head.hasBody() && (head.contentLength() < 0 || head.contentLength() > BufferPool.BUFFER_SIZE);
        RequestBodyChannel body = head.hasBody()
                ? new RequestBodyChannel(wakeCallback, head.contentLength(), server.config.bodyBufferLimit())
                : null;
        RequestBody requestBody = body != null ? body : EmptyBody.INSTANCE;
        Request request = Request.from(head, requestBody, remote, local);
        Exchange ex = new Exchange(head, request, body, now, now + server.requestTimeoutNanos,
                head.method() == HttpMethod.HEAD);
        if (!head.keepAlive() || server.shuttingDown()) {
            noMoreRequests = true;
        }
        try {
            Async<Response> answer = server.service.call(request);
            if (answer == null) {
                throw new NullPointerException("the service returned null instead of a response");
            }
            ex.pending = answer;
        } catch (RuntimeException | Error e) {
            handlerFailed(ex, e);
        }
        decoding = ex;
        exchanges.add(ex);
    }

    private void onContent(ByteBuffer slice) {
        Exchange ex = decoding;
        RequestBodyChannel body = ex.body;
        if (body.discarding()) {
            ex.drained += slice.remaining();
            if (ex.drained > server.config.drainLimit()) {
                // Too much to throw away: close instead of reading it all.
                closeAfterResponses();
                lingerOnClose = true;
            }
        }
        body.offer(slice);
    }

    private void onEnd() {
        Exchange ex = decoding;
        decoding = null;
        ex.requestComplete = true;
        if (ex.body != null) {
            ex.body.complete();
        }
        // Bytes after the end belong to the next head, which has begun to arrive.
        headStartedNanos = in != null && in.hasRemaining() ? now : 0;
    }

    /**
     * The client sent FIN. That is a half-close (RFC 9112 §9.6): the requests it sent are still
     * answered. A body cut short fails only once the bytes before the FIN are all decoded.
     */
    private void onEof() {
        inputClosed = true;
        eofSeen = true;
        noMoreRequests = true;
        if (exchanges.isEmpty()) {
            closeAfterWrites = true;
        }
    }

    private void failTruncatedBody() {
        Exchange d = decoding;
        decoding = null;
        if (d.body != null) {
            d.body.fail(new java.io.EOFException("the client closed the connection in the middle of the body"));
        }
        closeAfterResponses();
    }

    private void onCodecError(HttpCodecException e) {
        noMoreRequests = true;
        inputClosed = true;
        Exchange d = decoding;
        if (d != null && !d.requestComplete) {
            // A framing error inside a body: the handler sees its body fail, and answers (400).
            decoding = null;
            if (d.body != null) {
                d.body.fail(e);
            }
            closeAfterResponses();
            lingerOnClose = true;
            return;
        }
        // A bad head: answer it after the requests before it, then close.
        exchanges.add(Exchange.refusal(ErrorResponses.forCodecError(e), System.nanoTime()));
        closeAfterResponses();
        lingerOnClose = true;
        if (log.isDebugEnabled()) {
            log.debug("refused a request from {}: {} {}", remote, e.status(), e.getMessage());
        }
    }

    /** No more requests; close once every response already due is written. */
    private void closeAfterResponses() {
        noMoreRequests = true;
        inputClosed = true;
    }

    // ---- responding -------------------------------------------------------------------------

    private boolean respond(Context cx) {
        boolean progress = false;
        // Give every handler a chance to run, not just the first: they were all dispatched.
        for (Exchange ex : exchanges) {
            if (ex.pending != null) {
                progress |= pollResponse(ex, cx);
            }
            if (ex.body != null) {
                progress |= ex.body.pump();
            }
        }
        Exchange front;
        while ((front = exchanges.peek()) != null) {
            maybeSendContinue(front);
            if (front.response == null) {
                break;
            }
            if (!front.headWritten) {
                writeHead(front);
                progress = true;
            }
            if (!front.finished) {
                progress |= writeBody(front);
            }
            if (!front.finished) {
                break;
            }
            if (front.body != null && !out.isEmpty()) {
                // Its request body may be what is queued (echo): keep the slice until written.
                break;
            }
            finish(front);
            exchanges.poll();
            progress = true;
        }
        return progress;
    }

    private boolean pollResponse(Exchange ex, Context cx) {
        Poll<Response> p;
        try {
            p = ex.pending.poll(cx);
        } catch (RuntimeException | Error e) {
            ex.pending = null;
            handlerFailed(ex, e);
            return true;
        }
        if (!p.isReady()) {
            return false;
        }
        ex.pending = null;
        Response r = p.value();
        if (r == null) {
            handlerFailed(ex, new NullPointerException("the service completed with a null response"));
        } else {
            ex.response = r;
        }
        return true;
    }

    private void handlerFailed(Exchange ex, Throwable failure) {
        if (!ErrorResponses.isClientError(failure)) {
            log.error("handler for {} {} from {} failed", ex.method(), ex.target(), remote, failure);
        }
        ex.response = ErrorResponses.forFailure(failure);
    }

    /** RFC 9110 §10.1.1: answer {@code Expect: 100-continue} once the handler wants the body. */
    private void maybeSendContinue(Exchange ex) {
        if (ex.continueSent || ex.headWritten || ex.body == null || !ex.expectsContinue()
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
        ResponseBody body = r.body();
        long length = body.length();
        boolean keepAlive = ex.requestKeepAlive() && !(noMoreRequests && exchanges.size() == 1 && decoding == null);
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
            if (!handlerReads && (left > server.config.drainLimit() || (ex.expectsContinue() && !ex.continueSent))) {
                keepAlive = false;
                lingerOnClose = true;
            }
        }
        if (server.shuttingDown() && exchanges.size() == 1) {
            keepAlive = false;
        }
        ex.framing = ResponseEncoder.framing(ex.version(), r.status(), length, ex.headRequest);
        ex.keepAlive = ResponseEncoder.keepsAlive(ex.version(), r.status(), length, keepAlive, ex.headRequest);
        ByteBuffer buf = out.staging(256);
        while (!server.encoder.encodeHead(ex.version(), r.status(), r.headers(), length, ex.keepAlive,
                ex.headRequest, buf)) {
            buf = out.grow(buf.capacity() * 2);
        }
        ex.headWritten = true;
        if (!ex.keepAlive) {
            noMoreRequests = true;
        }
        if (ex.framing == BodyFraming.NONE) {
            ex.finished = true;
            return;
        }
        // instanceof rather than a pattern switch: the switch's bootstrap generates a class at the first response.
        if (body instanceof ResponseBody.Fixed f) {
            out.body(f.buffer());
            ex.bodyBytes = f.buffer().remaining();
            ex.finished = true;
        } else if (body instanceof ResponseBody.Streamed s) {
            ex.streaming = new ResponseBodySubscriber(wakeCallback);
            s.publisher().subscribe(ex.streaming);
        } else { // ResponseBody.Empty (the interface is sealed)
            ex.finished = true;
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
            log.warn("response body for {} {} failed after the head was sent", ex.method(), ex.target(), failure);
            sub.cancel();
            throw new UncheckedIOException(new java.io.IOException("response body failed", failure));
        }
        ByteBuffer chunk = sub.take();
        if (chunk != null) {
            int n = chunk.remaining();
            if (n > 0) {
                ex.bodyBytes += n;
                if (ex.framing == BodyFraming.CHUNKED) {
                    ResponseEncoder.encodeChunkHeader(n, out.staging(16));
                    out.body(chunk);
                    ResponseEncoder.encodeChunkEnd(out.staging(2));
                } else {
                    out.body(chunk);
                }
            }
            ex.awaitingFlush = true;
            return true;
        }
        if (sub.isComplete()) {
            if (ex.framing == BodyFraming.CHUNKED) {
                ResponseEncoder.encodeLastChunk(null, out.staging(8));
            } else if (ex.framing == BodyFraming.CLOSE_DELIMITED) {
                closeAfterWrites = true;
            }
            long declared = ex.response.body().length();
            if (declared >= 0 && declared != ex.bodyBytes) {
                log.warn("response body for {} {} had {} bytes but declared {}", ex.method(), ex.target(),
                        ex.bodyBytes, declared);
                closeAfterWrites = true;
            }
            ex.finished = true;
            return true;
        }
        return progress;
    }

    private void finish(Exchange ex) {
        if (ex.body != null) {
            ex.body.responseSent();
            if (!ex.requestComplete) {
                ex.body.abandon();
            }
        }
        if (!ex.keepAlive) {
            closeAfterResponses();
            if (exchanges.size() == 1) {
                closeAfterWrites = true;
            }
        }
        if (server.accessLog) {
            long micros = (System.nanoTime() - ex.startNanos) / 1000;
            ServerState.ACCESS_LOG.info("{} \"{} {} {}\" {} {} {}us", remote, ex.method(), ex.target(),
                    ex.version().text(), ex.response.status().code(), ex.bodyBytes, micros);
        }
        lastActivityNanos = now;
        if (headStartedNanos != 0) {
            // A pipelined head began while this request was being answered: its clock starts now.
            headStartedNanos = lastActivityNanos;
        }
    }

    // ---- writing ----------------------------------------------------------------------------

    private boolean flush(Context cx) {
        if (out.isEmpty()) {
            return false;
        }
        long before = out.pendingBytes();
        boolean all = out.flush(stream, cx);
        if (all) {
            out.release();
        }
        if (out.pendingBytes() != before) {
            lastActivityNanos = now;
            return true;
        }
        return false;
    }

    // ---- time -------------------------------------------------------------------------------

    /** Arms one lazy timer for the nearest deadline; returns true if the connection closed. */
    private boolean checkTimers(Context cx) {
        long deadline = Long.MAX_VALUE;
        int kind = 0;
        boolean idle = exchanges.isEmpty() && decoding == null;
        if (idle && headStartedNanos == 0 && (in == null || !in.hasRemaining()) && out.isEmpty()) {
            deadline = lastActivityNanos + server.idleTimeoutNanos;
            kind = 1;
        } else if (idle && headStartedNanos != 0) {
            deadline = headStartedNanos + server.headerReadTimeoutNanos;
            kind = 2;
        }
        for (Exchange ex : exchanges) {
            if (ex.awaitingResponse() && ex.deadlineNanos < deadline) {
                deadline = ex.deadlineNanos;
                kind = 3;
            }
        }
        if (!out.isEmpty() && lastActivityNanos + server.idleTimeoutNanos < deadline) {
            deadline = lastActivityNanos + server.idleTimeoutNanos;
            kind = 4;
        }
        if (deadline == Long.MAX_VALUE) {
            cancelTimer();
            return false;
        }
        if (now - deadline >= 0) {
            return expired(kind, cx);
        }
        if (timer == null || timerDeadline - deadline > 0) {
            cancelTimer();
            timer = Time.sleepUntil(deadline);
            timerDeadline = deadline;
        }
        if (timer.poll(cx).isReady()) {
            timer = null;
            // Woke up: look again (the deadline may have moved later since the timer was armed).
            now = System.nanoTime();
            return checkTimers(cx);
        }
        return false;
    }

    private boolean expired(int kind, Context cx) {
        switch (kind) {
            case 1, 4 -> {
                close();
                return true;
            }
            case 2 -> {
                // Slowloris: answer 408 and close.
                noMoreRequests = true;
                inputClosed = true;
                if (in != null) {
                    in.position(in.limit());
                }
                exchanges.add(Exchange.refusal(ErrorResponses.headerTimeout(), System.nanoTime()));
                closeAfterResponses();
                lingerOnClose = true;
            }
            default -> {
                long now = System.nanoTime();
                for (Exchange ex : exchanges) {
                    if (ex.awaitingResponse() && now - ex.deadlineNanos >= 0) {
                        if (ex.pending != null) {
                            ex.pending.cancel();
                            ex.pending = null;
                        }
                        log.warn("{} {} from {} timed out after {}", ex.method(), ex.target(), remote,
                                server.config.requestTimeout());
                        ex.response = ErrorResponses.requestTimeout();
                    }
                }
            }
        }
        // Something changed: run the loop again.
        cx.waker().wake();
        return false;
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    // ---- closing ----------------------------------------------------------------------------

    /** Closes without losing the last response: see {@link LingeringClose}. */
    private Poll<Void> startLinger(Context cx) {
        cancelTimer();
        if (in != null) {
            BufferPool.giveBack(in);
            in = null;
        }
        lingering = LingeringClose.start(stream);
        if (lingering == null) {
            close();
            return Poll.ready(null);
        }
        return linger(cx);
    }

    private Poll<Void> linger(Context cx) {
        if (lingering.poll(cx)) {
            close();
            return Poll.ready(null);
        }
        return Poll.pending();
    }

    /** Closes at once, cancelling every handler and stream still running. */
    private void terminate(String why) {
        if (closed) {
            return;
        }
        if (log.isDebugEnabled()) {
            log.debug("closing connection from {}: {}", remote, why);
        }
        for (Exchange ex : exchanges) {
            if (ex.pending != null) {
                try {
                    ex.pending.cancel();
                } catch (RuntimeException e) {
                    log.warn("cancelling the handler for {} {} failed", ex.method(), ex.target(), e);
                }
                ex.pending = null;
            }
            if (ex.streaming != null) {
                ex.streaming.cancel();
            }
            if (ex.body != null) {
                ex.body.fail(new java.io.IOException("the connection closed: " + why));
            }
        }
        exchanges.clear();
        close();
    }

    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        cancelTimer();
        if (lingering != null) {
            lingering.cancel();
        }
        out.release();
        if (in != null) {
            BufferPool.giveBack(in);
            in = null;
        }
        stream.close();
        server.deregister(this);
    }

    /** The empty body of requests that have none; shared, since it holds nothing. */
    private static final class EmptyBody {
        static final RequestBody INSTANCE = RequestBody.empty();
    }
}
