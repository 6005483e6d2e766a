package dev.weft.server.internal.websocket;

import dev.weft.codec.websocket.Close;
import dev.weft.codec.websocket.CloseCodes;
import dev.weft.codec.websocket.Frame;
import dev.weft.codec.websocket.FrameDecoder;
import dev.weft.codec.websocket.FrameEncoder;
import dev.weft.codec.websocket.Message;
import dev.weft.codec.websocket.MessageAssembler;
import dev.weft.codec.websocket.Opcode;
import dev.weft.codec.websocket.PerMessageDeflate;
import dev.weft.codec.websocket.WebSocketException;
import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;
import dev.weft.runtime.time.Time;
import dev.weft.server.Request;
import dev.weft.server.UpgradedConnection;
import dev.weft.server.websocket.WebSocket;
import dev.weft.server.websocket.WebSocketClosedException;
import dev.weft.server.websocket.WebSocketConfig;
import dev.weft.server.websocket.WebSocketHandler;
import dev.weft.server.websocket.WsMessage;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Optional;

import org.reactivestreams.Publisher;

/**
 * One WebSocket connection on the server, as the {@code Async} its connection's task polls after
 * the 101: reads frames through the codec, answers pings and closes, hands whole messages to the
 * application through the {@link Inbox}, writes what it sends from the {@link Outbox}, keeps the
 * connection alive with pings, and polls the application's own value ({@link WebSocketHandler}).
 *
 * <h2>Where it stands</h2>
 * {@link State}: open; close sent (waiting for the peer's); closed (last frames being written);
 * draining (output shut, reading until the peer's FIN); done. The server closes the TCP
 * connection first (RFC 6455 §7.1.1), by shutting its output down and waiting for the peer's FIN
 * for at most {@link WebSocketConfig#closeTimeout()}, so its close frame is not lost to a reset.
 *
 * <h2>Backpressure</h2>
 * The socket is read only while the inbox has room for a message and the frames waiting to be
 * written (pongs, queued sends) are under the send queue's size: a peer that does not read, or
 * an application that does not receive, stops the reading. Senders wait on the {@link Outbox}.
 *
 * <h2>Ownership</h2>
 * Everything but the inbox, the outbox and the publisher's subscription is touched only by the
 * connection's task, inside {@link #poll} and {@link #cancel}. The read buffer is a plain heap
 * buffer of this session (not pooled): it is dropped with the session.
 */
public final class Session implements Async<Void>, WebSocket {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Session.class);
    private static final int READ_BUFFER_BYTES = 16 * 1024;
    /** Messages shorter than this go uncompressed: deflate would only add bytes. */
    private static final int COMPRESS_MIN_BYTES = 64;
    private static final int MAX_GATHER = 16;

    private enum State { OPEN, CLOSE_SENT, CLOSED, DRAINING, DONE }

    private final UpgradedConnection io;
    private final Request request;
    private final String subprotocol;
    private final PerMessageDeflate deflate;
    private final WebSocketConfig config;
    private final WebSocketHandler handler;
    private final FrameDecoder decoder;
    private final MessageAssembler assembler;
    private final Inbox inbox;
    private final Outbox outbox;
    private final MessagePublisher publisher;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES).flip();
    private final ArrayDeque<ByteBuffer> writes = new ArrayDeque<>();
    private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];

    private volatile Waker waker;
    private volatile Close peerClose;
    private State state = State.OPEN;
    private boolean started;
    private Async<Void> application;
    private long writeBytes;
    private long lastFrameNanos;
    private long pingSentNanos;
    private long closeDeadlineNanos;
    private Async<Void> timer;
    private long timerDeadline;
    private boolean finished;

    /** Made by the handshake's 101 response when the connection switches. */
    public Session(UpgradedConnection io, Request request, String subprotocol, PerMessageDeflate deflate,
                   WebSocketConfig config, WebSocketHandler handler) {
        this.io = io;
        this.request = request;
        this.subprotocol = subprotocol;
        this.deflate = deflate;
        this.config = config;
        this.handler = handler;
        this.decoder = new FrameDecoder(config.limits(), true, deflate != null);
        this.assembler = new MessageAssembler(config.limits(), deflate);
        Runnable wake = this::wake;
        this.inbox = new Inbox(wake);
        this.outbox = new Outbox(config.sendQueueBytes(), wake);
        this.publisher = new MessagePublisher(inbox, wake);
    }

    private void wake() {
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }

    // ---- the application's side -------------------------------------------------------------

    @Override
    public Async<Optional<WsMessage>> receive() {
        return cx -> inbox.pollTake(cx);
    }

    @Override
    public Publisher<WsMessage> messages() {
        return publisher;
    }

    @Override
    public Async<Void> send(WsMessage message) {
        byte[] payload = message.bytes();
        return cx -> outbox.pollOffer(cx, message, payload);
    }

    @Override
    public Async<Void> sendAll(Publisher<? extends WsMessage> messages) {
        return new SendAll(this, messages);
    }

    @Override
    public void close(int code, String reason) {
        if (!CloseCodes.isValidOnWire(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent");
        }
        outbox.requestClose(code, reason == null ? "" : reason);
    }

    @Override
    public Optional<Close> peerClose() {
        return Optional.ofNullable(peerClose);
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }

    @Override
    public boolean compressed() {
        return deflate != null;
    }

    // ---- the connection's task --------------------------------------------------------------

    @Override
    public Poll<Void> poll(Context cx) {
        Waker w = cx.waker();
        if (waker != w) {
            waker = w;
        }
        if (!started) {
            started = true;
            lastFrameNanos = System.nanoTime();
            startApplication();
        }
        try {
            boolean progress;
            do {
                long now = System.nanoTime();
                progress = read(cx, now);
                progress |= publisher.pump();
                progress |= pollApplication(cx);
                progress |= takeOutgoing();
                if (state == State.OPEN && io.serverShuttingDown()) {
                    startClose(CloseCodes.GOING_AWAY, "server shutting down", now);
                    progress = true;
                }
                progress |= flush(cx);
                if (state == State.CLOSED && writes.isEmpty()) {
                    io.shutdownOutput();
                    state = State.DRAINING;
                    closeDeadlineNanos = now + config.closeTimeout().toNanos();
                    progress = true;
                }
                if (state == State.DONE) {
                    finish(null);
                    return Poll.ready(null);
                }
                if (!progress) {
                    progress = timers(cx, now);
                }
            } while (progress);
            return Poll.pending();
        } catch (UncheckedIOException e) {
            // The peer reset the connection: nobody is listening; the connection closes it.
            finish(new WebSocketClosedException("the connection broke: " + e.getMessage()));
            throw e;
        }
    }

    @Override
    public void cancel() {
        finish(new WebSocketClosedException("the connection was closed by the server"));
    }

    private void startApplication() {
        try {
            application = handler.handle(this);
        } catch (RuntimeException e) {
            log.error("WebSocket handler for {} failed to start", request.path(), e);
            fail(CloseCodes.INTERNAL_ERROR, "internal error", System.nanoTime());
        }
    }

    private boolean pollApplication(Context cx) {
        if (application == null) {
            return false;
        }
        try {
            if (!application.poll(cx).isReady()) {
                return false;
            }
            application = null;
            outbox.requestClose(CloseCodes.NORMAL, "");
        } catch (WebSocketClosedException e) {
            // It stopped because the socket closed under it: nothing to report.
            application = null;
        } catch (RuntimeException e) {
            application = null;
            log.error("WebSocket handler for {} failed", request.path(), e);
            fail(CloseCodes.INTERNAL_ERROR, "internal error", System.nanoTime());
        }
        return true;
    }

    // ---- reading ----------------------------------------------------------------------------

    private boolean read(Context cx, long now) {
        boolean progress = false;
        while (state != State.DONE && mayRead()) {
            if (state != State.DRAINING && readBuffer.hasRemaining()) {
                Frame f;
                try {
                    f = decoder.decode(readBuffer);
                } catch (WebSocketException e) {
                    protocolViolation(e, now);
                    return true;
                }
                if (f != null) {
                    lastFrameNanos = now;
                    onFrame(f, now);
                    progress = true;
                    continue;
                }
            }
            readBuffer.clear();
            int n = io.pollRead(cx, readBuffer);
            readBuffer.flip();
            if (n == UpgradedConnection.PENDING) {
                return progress;
            }
            if (n < 0) {
                onEof();
                return true;
            }
            if (state == State.DRAINING) {
                readBuffer.position(readBuffer.limit()); // discarded: the session is over
            }
            progress = true;
        }
        return progress;
    }

    private boolean mayRead() {
        if (state == State.DRAINING) {
            return true;
        }
        if (state == State.CLOSED) {
            return false;
        }
        return writeBytes < config.sendQueueBytes() && (state == State.CLOSE_SENT || inbox.hasRoom());
    }

    private void onFrame(Frame f, long now) {
        switch (f.opcode()) {
            case PING -> {
                if (state == State.OPEN) {
                    queueFrame(Opcode.PONG, false, f.payload());
                }
            }
            case PONG -> {
                // Any frame shows the peer alive (lastFrameNanos); a pong needs nothing more.
            }
            case CLOSE -> onClose(f, now);
            default -> {
                Message m;
                try {
                    m = assembler.accept(f);
                } catch (WebSocketException e) {
                    protocolViolation(e, now);
                    return;
                }
                if (m != null && state == State.OPEN) {
                    inbox.put(m.text() ? WsMessage.text(new String(m.data(), StandardCharsets.UTF_8))
                            : WsMessage.binary(m.data()));
                }
            }
        }
    }

    private void onClose(Frame f, long now) {
        Close c;
        try {
            c = Close.parse(f.payload());
        } catch (WebSocketException e) {
            protocolViolation(e, now);
            return;
        }
        peerClose = c;
        if (state == State.OPEN) {
            // RFC 6455 §5.5.1: answer with a close frame, echoing the code.
            int code = c.code() == CloseCodes.NO_STATUS ? CloseCodes.NORMAL : c.code();
            queueFrame(Opcode.CLOSE, false, FrameEncoder.closePayload(code, ""));
        }
        inbox.end(null);
        outbox.close("the peer closed the connection (" + c.code() + ")");
        state = State.CLOSED;
    }

    /** The peer broke the protocol: fail the connection with the code (RFC 6455 §7.1.7). */
    private void protocolViolation(WebSocketException e, long now) {
        if (log.isDebugEnabled()) {
            log.debug("closing WebSocket from {} with {}: {}", io.remoteAddress(), e.closeCode(), e.getMessage());
        }
        fail(e.closeCode(), e.getMessage(), now);
    }

    private void fail(int code, String reason, long now) {
        if (state == State.OPEN) {
            queueFrame(Opcode.CLOSE, false, FrameEncoder.closePayload(code, reason));
        }
        inbox.end(new WebSocketClosedException("the connection failed: " + code + " " + reason));
        outbox.close("the connection failed: " + code + " " + reason);
        if (state == State.OPEN || state == State.CLOSE_SENT) {
            state = State.CLOSED;
        }
    }

    private void onEof() {
        if (state != State.DRAINING && state != State.CLOSED) {
            // Gone without a close frame: 1006, abnormal closure.
            if (log.isDebugEnabled()) {
                log.debug("WebSocket from {} closed without a close frame", io.remoteAddress());
            }
            inbox.end(new WebSocketClosedException("the peer went away without closing (1006)"));
        }
        state = State.DONE;
    }

    // ---- writing ----------------------------------------------------------------------------

    /** Encodes what the application queued, while the write queue has room; then a requested close. */
    private boolean takeOutgoing() {
        if (state != State.OPEN) {
            return false;
        }
        boolean progress = false;
        while (writeBytes < config.sendQueueBytes()) {
            Outbox.Queued q = outbox.take();
            if (q == null) {
                break;
            }
            byte[] payload = q.payload();
            boolean compress = deflate != null && payload.length >= COMPRESS_MIN_BYTES;
            if (compress) {
                payload = deflate.deflate(payload);
            }
            queueFrame(q.text() ? Opcode.TEXT : Opcode.BINARY, compress, payload);
            progress = true;
        }
        int code = outbox.closeRequestedWhenEmpty();
        if (code != 0) {
            startClose(code, outbox.closeReason(), System.nanoTime());
            progress = true;
        }
        return progress;
    }

    /** Sends a close frame and waits for the peer's. */
    private void startClose(int code, String reason, long now) {
        if (state != State.OPEN) {
            return;
        }
        queueFrame(Opcode.CLOSE, false, FrameEncoder.closePayload(code, reason));
        outbox.close("the socket is closing (" + code + ")");
        inbox.end(null);
        state = State.CLOSE_SENT;
        closeDeadlineNanos = now + config.closeTimeout().toNanos();
    }

    private void queueFrame(Opcode op, boolean rsv1, byte[] payload) {
        ByteBuffer frame = FrameEncoder.frame(op, true, rsv1, payload, null);
        writeBytes += frame.remaining();
        writes.add(frame);
    }

    private boolean flush(Context cx) {
        boolean progress = false;
        while (!writes.isEmpty()) {
            int n = 0;
            for (ByteBuffer b : writes) {
                gather[n++] = b;
                if (n == MAX_GATHER) {
                    break;
                }
            }
            long written = io.pollWrite(cx, gather, 0, n);
            java.util.Arrays.fill(gather, 0, n, null);
            if (written == UpgradedConnection.PENDING) {
                return progress;
            }
            writeBytes -= written;
            while (!writes.isEmpty() && !writes.peek().hasRemaining()) {
                writes.poll();
            }
            progress = true;
        }
        return progress;
    }

    // ---- timers -----------------------------------------------------------------------------

    /**
     * Keep-alive pings and the close timeouts: acts on what is due, then sleeps until the next.
     *
     * @return true when something was due (the loop runs again)
     */
    private boolean timers(Context cx, long now) {
        long next = Long.MAX_VALUE;
        if (state == State.OPEN && !config.pingInterval().isZero()) {
            if (pingSentNanos != 0 && lastFrameNanos >= pingSentNanos) {
                pingSentNanos = 0; // the peer spoke since the ping: alive
            }
            if (pingSentNanos == 0) {
                long due = lastFrameNanos + config.pingInterval().toNanos();
                if (now - due >= 0) {
                    pingSentNanos = now;
                    queueFrame(Opcode.PING, false, new byte[0]);
                    return true;
                }
                next = due;
            } else {
                long giveUp = pingSentNanos + config.pongTimeout().toNanos();
                if (now - giveUp >= 0) {
                    if (log.isDebugEnabled()) {
                        log.debug("WebSocket from {} did not answer a ping within {}", io.remoteAddress(), config.pongTimeout());
                    }
                    inbox.end(new WebSocketClosedException("the peer stopped answering pings (1006)"));
                    state = State.DONE;
                    return true;
                }
                next = giveUp;
            }
        } else if (state == State.CLOSE_SENT || state == State.DRAINING) {
            if (now - closeDeadlineNanos >= 0) {
                // No close frame, or no FIN, in time: give up on the peer.
                state = state == State.CLOSE_SENT ? State.CLOSED : State.DONE;
                return true;
            }
            next = closeDeadlineNanos;
        }
        if (next == Long.MAX_VALUE) {
            cancelTimer();
            return false;
        }
        if (timer == null || timerDeadline != next) {
            cancelTimer();
            timer = Time.sleepUntil(next);
            timerDeadline = next;
        }
        if (timer.poll(cx).isReady()) {
            timer = null;
            return true; // due now: the loop reads the clock again and acts
        }
        return false;
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    // ---- the end ----------------------------------------------------------------------------

    /** Ends everything the session holds; the application's value is cancelled if still running. */
    private void finish(RuntimeException why) {
        if (finished) {
            return;
        }
        finished = true;
        state = State.DONE;
        inbox.end(why != null ? why : new WebSocketClosedException("the connection closed"));
        outbox.close(why != null ? why.getMessage() : "the connection closed");
        publisher.pump(); // tell a subscriber how it ended
        cancelTimer();
        writes.clear();
        writeBytes = 0;
        if (application != null) {
            Async<Void> app = application;
            application = null;
            app.cancel();
        }
        if (deflate != null) {
            deflate.close();
        }
    }
}
