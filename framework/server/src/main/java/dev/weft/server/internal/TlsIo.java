package dev.weft.server.internal;

import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Context;
import dev.weft.runtime.Waker;
import dev.weft.runtime.net.TcpStream;
import dev.weft.runtime.time.Time;
import dev.weft.server.internal.tls.TlsContext;
import dev.weft.server.tls.TlsInfo;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's bytes inside TLS: an {@code SSLEngine} between the connection and its socket.
 * Reads take records from the socket into {@code netIn} and decrypt them straight into the
 * caller's buffer (through {@code appIn} only when a record does not fit there); writes encrypt
 * into {@code netOut} and write it. The handshake is driven by whichever of the two the connection
 * calls first, and is bounded by the configured handshake timeout.
 *
 * <p>The three buffers are pooled: each is borrowed only while it holds bytes and returned as soon
 * as it is empty, so an idle keep-alive TLS connection holds none, like a plain one; all are
 * returned on close.
 *
 * <p>The handshake's delegated tasks (the key exchange and the certificate signature) run on a
 * virtual thread, not on the connection's worker: measured with the JDK 25 engine, they take
 * 1.5 ms of CPU per handshake with a P-256 key and 3.6 ms with RSA-2048 (single tasks up to 6 ms),
 * a hundred times what a request costs, and would hold up every other connection on that worker;
 * the hand-off costs tens of microseconds. The connection's task waits for them like for the
 * socket. The rare task after the handshake (a TLS 1.3 key update) runs inline.
 *
 * <p>A first byte that cannot start a TLS record ends the connection: a plain HTTP request (a
 * letter) first gets a short plain-text 400 saying that this port speaks HTTPS, as nginx does.
 *
 * <p>Owned by the connection's task; not thread-safe.
 */
final class TlsIo implements SocketIo {
    private static final Logger log = LoggerFactory.getLogger(TlsIo.class);

    /** Content type of a handshake record (RFC 8446 §5.1): what every TLS connection starts with. */
    private static final int HANDSHAKE_RECORD = 22;
    private static final int RECORD_HEADER = 5;
    /** {@link #handshake} is over; carry on. */
    private static final int OK = 0;
    private static final int PENDING = TcpStream.PENDING;
    /** Nothing to write or to decrypt into: the handshake's own messages. Never written to (no room). */
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final byte[] PLAIN_HTTP_ANSWER = plainHttpAnswer();
    /** For the last writes at close, which no task awaits: readiness would wake nobody. */
    private static final Context NO_WAKE = new Context() {
        @Override
        public Waker waker() {
            return NoWake.INSTANCE;
        }
    };
    private static final String NET_IN = "a TLS connection's received records";
    private static final String NET_OUT = "a TLS connection's records to send";
    private static final String APP_IN = "a TLS connection's decrypted bytes";

    private enum Phase {
        /** Nothing received yet: the first byte tells TLS from anything else. */
        FIRST_BYTES,
        /** The first handshake is under way (its deadline runs). */
        HANDSHAKING,
        /** Application data flows; post-handshake messages (TLS 1.3 key updates) are answered as they come. */
        OPEN,
        /** Closed; every buffer returned. */
        CLOSED
    }

    private final TcpStream stream;
    private final SSLEngine engine;
    private final ServerNameRecorder serverName;
    private final BufferAccount account;
    private final long handshakeDeadlineNanos;
    private final long handshakeTimeoutNanos;
    /** Large enough for any record the engine reads or writes, or any record's plain text. */
    private final int recordBufferSize;
    private Phase phase = Phase.FIRST_BYTES;
    private Async<Void> handshakeTimer;
    /**
     * The engine's delegated tasks, running on a virtual thread while the handshake waits. That
     * thread touches only the engine (whose tasks are made to run on another thread); this class's
     * state stays with the connection's task, which the handle wakes when the tasks are done.
     */
    private JoinHandle<Void> delegatedTasks;
    private boolean inboundDone;
    private TlsInfo info;

    /** Received bytes not yet decrypted, in read mode; null while there are none. */
    private PooledBuffer netInLease;
    private ByteBuffer netIn;
    /** Encrypted bytes not yet written, in write mode (written from 0 to the position); null while none. */
    private PooledBuffer netOutLease;
    private ByteBuffer netOut;
    /** Decrypted bytes the caller had no room for, in read mode; null while none. */
    private PooledBuffer appInLease;
    private ByteBuffer appIn;

    /** TLS for a socket just accepted on the TLS port; the handshake begins with the first read. */
    static TlsIo accept(TcpStream stream, TlsContext tls, BufferAccount account) {
        ServerNameRecorder serverName = new ServerNameRecorder();
        return new TlsIo(stream, tls.newEngine(serverName), serverName, account, tls.handshakeTimeoutNanos());
    }

    /**
     * @param stream           the accepted socket
     * @param engine           a server engine for it, from {@code TlsContext}
     * @param serverName       the engine's SNI matcher, which keeps the name the client asks for
     * @param account          checking mode's ledger of the server's pooled buffers
     * @param handshakeTimeoutNanos bound on the handshake, counted from now
     */
    private TlsIo(TcpStream stream, SSLEngine engine, ServerNameRecorder serverName, BufferAccount account,
                  long handshakeTimeoutNanos) {
        this.stream = stream;
        this.engine = engine;
        this.serverName = serverName;
        this.account = account;
        this.handshakeTimeoutNanos = handshakeTimeoutNanos;
        this.handshakeDeadlineNanos = System.nanoTime() + handshakeTimeoutNanos;
        SSLSession session = engine.getSession();
        this.recordBufferSize = Math.max(session.getPacketBufferSize(), session.getApplicationBufferSize());
    }

    // ---- reading ----------------------------------------------------------------------------

    @Override
    public int pollRead(Context cx, ByteBuffer dst) {
        if (phase != Phase.OPEN) {
            if (phase == Phase.CLOSED) {
                return -1;
            }
            int h = handshake(cx);
            if (h != OK) {
                return h;
            }
        }
        int produced = 0;
        if (appIn != null) {
            produced = drainAppIn(dst);
            if (!dst.hasRemaining()) {
                return produced;
            }
        }
        // Decrypt every whole record there is, and read more while the socket gives, until dst is
        // full: returning less than dst's room then means the socket is drained, as for a plain read.
        for (;;) {
            if (inboundDone) {
                return produced > 0 ? produced : -1;
            }
            if (hasWholeRecord()) {
                SSLEngineResult r = unwrap(dst);
                switch (r.getStatus()) {
                    case OK -> {
                        produced += r.bytesProduced();
                        afterPostHandshakeMessage(r.getHandshakeStatus(), cx);
                    }
                    case BUFFER_OVERFLOW -> {
                        // The record's plain text is larger than dst's room: decrypt it aside.
                        unwrapAside();
                        produced += drainAppIn(dst);
                    }
                    case CLOSED -> inboundDone = true; // the client's close_notify
                    default -> throw new UncheckedIOException(new SSLException("a whole record could not be read: " + r));
                }
                if (!dst.hasRemaining()) {
                    return produced;
                }
                continue;
            }
            int n = readNet(cx);
            if (n == PENDING) {
                return produced > 0 ? produced : PENDING;
            }
            if (n < 0) {
                endOfInput();
            }
        }
    }

    @Override
    public void awaitReadable(Context cx) {
        if (appIn != null || hasWholeRecord() || phase != Phase.OPEN || inboundDone) {
            // Something can be read (or decided) without waiting for the socket.
            cx.waker().wake();
            return;
        }
        stream.awaitReadable(cx);
    }

    // ---- writing ----------------------------------------------------------------------------

    @Override
    public int pollWrite(Context cx, ByteBuffer src) {
        long n = write(cx, null, src, 0, 1);
        return (int) n;
    }

    @Override
    public long pollWrite(Context cx, ByteBuffer[] srcs, int offset, int length) {
        return write(cx, srcs, null, offset, length);
    }

    /** Encrypts what fits in {@code netOut} and writes it; either {@code srcs} or {@code src} is given. */
    private long write(Context cx, ByteBuffer[] srcs, ByteBuffer src, int offset, int length) {
        if (phase != Phase.OPEN) {
            if (phase == Phase.CLOSED) {
                throw new UncheckedIOException(new SSLException("the TLS connection is closed"));
            }
            int h = handshake(cx);
            if (h == PENDING) {
                return PENDING;
            }
            if (h < 0) {
                throw new UncheckedIOException(new SSLException("the client closed the connection during the handshake"));
            }
        }
        if (!flushNet(cx)) {
            return PENDING;
        }
        long consumed = 0;
        while (src != null ? src.hasRemaining() : anyRemaining(srcs, offset, length)) {
            ensureNetOut();
            SSLEngineResult r;
            try {
                r = src != null ? engine.wrap(src, netOut) : engine.wrap(srcs, offset, length, netOut);
            } catch (SSLException e) {
                throw new UncheckedIOException(e);
            }
            if (r.getStatus() == Status.BUFFER_OVERFLOW) {
                if (!flushNet(cx)) {
                    break;
                }
                continue;
            }
            if (r.getStatus() == Status.CLOSED) {
                throw new UncheckedIOException(new SSLException("the TLS connection is closed for output"));
            }
            consumed += r.bytesConsumed();
            HandshakeStatus hs = r.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                runDelegatedTasks();
            } else if (r.bytesConsumed() == 0 && r.bytesProduced() == 0 && hs != HandshakeStatus.NEED_WRAP) {
                throw new TlsFailure("the TLS engine stopped taking output (" + hs + ")");
            }
        }
        boolean flushed = flushNet(cx);
        return consumed == 0 && !flushed ? PENDING : consumed;
    }

    @Override
    public boolean pollFlush(Context cx) {
        return flushNet(cx);
    }

    @Override
    public boolean hasBufferedOutput() {
        return netOut != null && netOut.position() > 0;
    }

    // ---- the handshake ----------------------------------------------------------------------

    /** Drives the first handshake: {@link #OK} once it is done, {@link #PENDING}, or -1 when the client left. */
    private int handshake(Context cx) {
        if (phase == Phase.FIRST_BYTES) {
            // Bytes taken early (those after a PROXY protocol header) are the first ones read.
            if (netIn == null) {
                int n = readNet(cx);
                if (n == PENDING) {
                    return awaitHandshake(cx);
                }
                if (n < 0) {
                    return -1;
                }
            }
            int first = netIn.get(netIn.position()) & 0xFF;
            if (first != HANDSHAKE_RECORD) {
                refuseNonTls(first, cx);
            }
            phase = Phase.HANDSHAKING;
            try {
                // Until this the engine reports NOT_HANDSHAKING, as if done.
                engine.beginHandshake();
            } catch (SSLException e) {
                throw handshakeFailed(e, cx);
            }
        }
        int r = drive(cx);
        if (r == PENDING) {
            return awaitHandshake(cx);
        }
        if (r == OK) {
            phase = Phase.OPEN;
            info = sessionInfo();
            if (handshakeTimer != null) {
                handshakeTimer.cancel();
                handshakeTimer = null;
            }
            if (log.isDebugEnabled()) {
                log.debug("TLS handshake with {}: {}", stream, info);
            }
        }
        return r;
    }

    /** The handshake waits for the socket; the deadline keeps running. */
    private int awaitHandshake(Context cx) {
        if (handshakeTimer == null) {
            handshakeTimer = Time.sleepUntil(handshakeDeadlineNanos);
        }
        if (handshakeTimer.poll(cx).isReady()) {
            handshakeTimer = null;
            throw new TlsFailure("TLS handshake not finished within " + handshakeTimeoutNanos / 1_000_000 + " ms");
        }
        return PENDING;
    }

    /**
     * Does what the engine asks until it asks for nothing: {@link #OK}, {@link #PENDING} (the
     * socket must give or take bytes first), or -1 when the client closed.
     */
    private int drive(Context cx) {
        for (;;) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_TASK -> {
                    if (!awaitDelegatedTasks(cx)) {
                        return PENDING;
                    }
                }
                case NEED_WRAP -> {
                    ensureNetOut();
                    SSLEngineResult r;
                    try {
                        r = engine.wrap(EMPTY, netOut);
                    } catch (SSLException e) {
                        throw handshakeFailed(e, cx);
                    }
                    if (r.getStatus() == Status.BUFFER_OVERFLOW) {
                        if (!flushNet(cx)) {
                            return PENDING;
                        }
                    } else if (r.getStatus() == Status.CLOSED) {
                        flushNet(cx);
                        return -1;
                    } else if (engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP && !flushNet(cx)) {
                        // A whole flight is sealed; it goes out before anything is awaited.
                        return PENDING;
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (!flushNet(cx)) {
                        return PENDING;
                    }
                    if (!hasWholeRecord()) {
                        int n = readNet(cx);
                        if (n == PENDING) {
                            return PENDING;
                        }
                        if (n < 0) {
                            endOfInput();
                            return -1;
                        }
                        continue;
                    }
                    SSLEngineResult r;
                    try {
                        r = engine.unwrap(netIn, EMPTY);
                    } catch (SSLException e) {
                        throw handshakeFailed(e, cx);
                    } finally {
                        releaseNetInIfEmpty();
                    }
                    if (r.getStatus() == Status.BUFFER_OVERFLOW) {
                        // Application data right behind the client's Finished: keep it for the next read.
                        unwrapAside();
                    } else if (r.getStatus() == Status.CLOSED) {
                        inboundDone = true;
                        return -1;
                    }
                }
                default -> {
                    // NOT_HANDSHAKING or FINISHED. What the last flight left unwritten goes out
                    // with the next flush; the connection flushes while this layer holds output.
                    flushNet(cx);
                    return OK;
                }
            }
        }
    }

    /**
     * A handshake message arrived after the first handshake. TLS 1.3's key update is answered; a
     * TLS 1.2 renegotiation is refused, as nginx refuses it (a client could make the server
     * redo expensive work at will).
     */
    private void afterPostHandshakeMessage(HandshakeStatus hs, Context cx) {
        if (hs == HandshakeStatus.NOT_HANDSHAKING || hs == HandshakeStatus.FINISHED) {
            return;
        }
        if (!"TLSv1.3".equals(info.protocol())) {
            throw new UncheckedIOException(new SSLException("TLS renegotiation refused"));
        }
        if (drive(cx) < 0) {
            inboundDone = true;
        }
    }

    /** Starts the engine's delegated tasks on a virtual thread, or finds them done: true once done. */
    private boolean awaitDelegatedTasks(Context cx) {
        if (delegatedTasks == null) {
            delegatedTasks = AsyncRuntime.current().spawnBlocking(new DelegatedTasks(engine));
        }
        try {
            if (!delegatedTasks.poll(cx).isReady()) {
                return false;
            }
        } catch (RuntimeException e) {
            delegatedTasks = null;
            throw new TlsFailure("a TLS handshake task failed: " + e.getMessage());
        }
        delegatedTasks = null;
        return true;
    }

    /** Runs a post-handshake message's tasks inline: they are rare and small. */
    private void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** The engine refused the handshake: send its alert if it can go at once, and fail. */
    private TlsFailure handshakeFailed(SSLException e, Context cx) {
        try {
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                ensureNetOut();
                engine.wrap(EMPTY, netOut);
                flushNet(cx);
            }
        } catch (SSLException | UncheckedIOException ignored) {
            // The alert is a courtesy; the connection closes either way.
        }
        return new TlsFailure("TLS handshake failed", e);
    }

    /** The first byte cannot start a TLS record. A plain HTTP request is told so in plain HTTP. */
    private void refuseNonTls(int first, Context cx) {
        if (first >= 'A' && first <= 'Z') {
            try {
                stream.pollWrite(cx, ByteBuffer.wrap(PLAIN_HTTP_ANSWER));
            } catch (UncheckedIOException ignored) {
                // The client is gone already.
            }
            throw new TlsFailure("a plain HTTP request on the TLS port");
        }
        throw new TlsFailure("not TLS: the first byte is 0x" + Integer.toHexString(first));
    }

    private TlsInfo sessionInfo() {
        SSLSession session = engine.getSession();
        String alpn = engine.getApplicationProtocol();
        return new TlsInfo(serverName.name, session.getProtocol(), session.getCipherSuite(),
                alpn == null || alpn.isEmpty() ? null : alpn);
    }

    // ---- buffers ----------------------------------------------------------------------------

    /** True when {@code netIn} holds at least one whole record (RFC 8446 §5.1: a 5-byte header, then its length). */
    private boolean hasWholeRecord() {
        ByteBuffer in = netIn;
        if (in == null || in.remaining() < RECORD_HEADER) {
            return false;
        }
        int p = in.position();
        int length = ((in.get(p + 3) & 0xFF) << 8) | (in.get(p + 4) & 0xFF);
        return in.remaining() >= RECORD_HEADER + length;
    }

    /** Reads from the socket into {@code netIn}: bytes read, -1 or {@link #PENDING}. */
    private int readNet(Context cx) {
        if (netIn == null) {
            netInLease = borrowRecordBuffer(NET_IN);
            netIn = netInLease.buffer;
            netIn.flip();
        }
        netIn.compact();
        if (!netIn.hasRemaining()) {
            netIn.flip();
            throw new TlsFailure("a TLS record larger than " + netIn.capacity() + " bytes");
        }
        int n;
        try {
            n = stream.pollRead(cx, netIn);
        } finally {
            netIn.flip();
        }
        if (n < 0 || n == PENDING) {
            releaseNetInIfEmpty();
        }
        return n;
    }

    private SSLEngineResult unwrap(ByteBuffer dst) {
        try {
            return engine.unwrap(netIn, dst);
        } catch (SSLException e) {
            throw new UncheckedIOException(e);
        } finally {
            releaseNetInIfEmpty();
        }
    }

    /** Decrypts the next record into {@code appIn}, whose room always suffices. */
    private void unwrapAside() {
        if (appIn == null) {
            appInLease = borrowRecordBuffer(APP_IN);
            appIn = appInLease.buffer;
        } else {
            appIn.compact();
        }
        try {
            SSLEngineResult r = unwrap(appIn);
            if (r.getStatus() == Status.CLOSED) {
                inboundDone = true;
            }
        } finally {
            appIn.flip();
            if (!appIn.hasRemaining()) {
                releaseAppIn();
            }
        }
    }

    private int drainAppIn(ByteBuffer dst) {
        if (appIn == null) {
            return 0;
        }
        int n = Math.min(dst.remaining(), appIn.remaining());
        int limit = appIn.limit();
        appIn.limit(appIn.position() + n);
        dst.put(appIn);
        appIn.limit(limit);
        if (!appIn.hasRemaining()) {
            releaseAppIn();
        }
        return n;
    }

    /** The socket's input ended. Without the client's close_notify that may be a truncation: the connection decides. */
    private void endOfInput() {
        inboundDone = true;
        try {
            engine.closeInbound();
        } catch (SSLException e) {
            log.debug("{}: input ended without close_notify", stream);
        }
    }

    private void ensureNetOut() {
        if (netOut == null) {
            netOutLease = borrowRecordBuffer(NET_OUT);
            netOut = netOutLease.buffer;
        }
    }

    /** Writes {@code netOut}; true when it is empty (and returned to its pool). */
    private boolean flushNet(Context cx) {
        if (netOut == null) {
            return true;
        }
        netOut.flip();
        try {
            while (netOut.hasRemaining()) {
                if (stream.pollWrite(cx, netOut) == PENDING) {
                    return false;
                }
            }
        } finally {
            netOut.compact();
        }
        PooledBuffer b = netOutLease;
        netOut = null;
        netOutLease = null;
        b.release();
        return true;
    }

    private PooledBuffer borrowRecordBuffer(String owner) {
        PooledBuffer b = BufferPool.borrowLarge(account, owner);
        if (b.buffer.capacity() < recordBufferSize) {
            // Every large buffer is lent out: a small one cannot hold a record.
            b.release();
            b = BufferPool.oneOff(recordBufferSize, account, owner);
        }
        return b;
    }

    private void releaseNetInIfEmpty() {
        if (netIn != null && !netIn.hasRemaining()) {
            PooledBuffer b = netInLease;
            netIn = null;
            netInLease = null;
            b.release();
        }
    }

    private void releaseAppIn() {
        PooledBuffer b = appInLease;
        appIn = null;
        appInLease = null;
        b.release();
    }

    // ---- closing ----------------------------------------------------------------------------

    @Override
    public void shutdownOutput() {
        sendCloseNotify();
        stream.shutdownOutput();
    }

    @Override
    public void close() {
        if (phase == Phase.CLOSED) {
            return;
        }
        sendCloseNotify();
        phase = Phase.CLOSED;
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
            handshakeTimer = null;
        }
        if (delegatedTasks != null) {
            delegatedTasks.abort();
            delegatedTasks = null;
        }
        if (netIn != null) {
            netIn.position(netIn.limit());
            releaseNetInIfEmpty();
        }
        if (netOut != null) {
            netOut.clear();
            PooledBuffer b = netOutLease;
            netOut = null;
            netOutLease = null;
            b.release();
        }
        if (appIn != null) {
            releaseAppIn();
        }
        stream.close();
    }

    /** Ends the TLS output with close_notify (RFC 8446 §6.1) if the socket takes it at once. */
    private void sendCloseNotify() {
        if (phase != Phase.OPEN || engine.isOutboundDone()) {
            return;
        }
        engine.closeOutbound();
        try {
            ensureNetOut();
            engine.wrap(EMPTY, netOut);
            flushNet(NO_WAKE);
        } catch (SSLException | UncheckedIOException e) {
            log.debug("{}: close_notify not sent: {}", stream, e.toString());
        }
    }

    @Override
    public boolean passesBytesThrough() {
        return false;
    }

    @Override
    public void takeEarlyBytes(ByteBuffer early) {
        if (phase != Phase.FIRST_BYTES || netIn != null) {
            throw new IllegalStateException("early bytes come before the first read");
        }
        if (!early.hasRemaining()) {
            return;
        }
        netInLease = borrowRecordBuffer(NET_IN);
        netIn = netInLease.buffer;
        int room = netIn.remaining();
        if (early.remaining() > room) {
            netIn.flip();
            releaseNetInIfEmpty();
            throw new TlsFailure(early.remaining() + " bytes after the PROXY protocol header, more than a TLS record's "
                    + room);
        }
        netIn.put(early);
        netIn.flip();
    }

    @Override
    public TcpStream stream() {
        return stream;
    }

    @Override
    public TlsInfo tls() {
        return info;
    }

    @Override
    public boolean holdsBuffers() {
        return netInLease != null || netOutLease != null || appInLease != null;
    }

    private static boolean anyRemaining(ByteBuffer[] srcs, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (srcs[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    private static byte[] plainHttpAnswer() {
        String body = "This port speaks HTTPS: use https:// in the URL.\n";
        return ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    /** The engine's delegated tasks, as blocking work (a named class, not a lambda: see StartupClassesTest). */
    private static final class DelegatedTasks implements Callable<Void> {
        private final SSLEngine engine;

        DelegatedTasks(SSLEngine engine) {
            this.engine = engine;
        }

        @Override
        public Void call() {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
            return null;
        }
    }

    /**
     * Accepts any host name a client asks for with SNI (RFC 6066 §3; one certificate serves
     * them all) and keeps it for {@link TlsInfo#serverName()}. The JDK consults it for every
     * ClientHello, resumed sessions included, whose session object would still carry the name of
     * the handshake that first made it.
     */
    private static final class ServerNameRecorder extends SNIMatcher {
        String name;

        ServerNameRecorder() {
            super(StandardConstants.SNI_HOST_NAME);
        }

        @Override
        public boolean matches(SNIServerName requested) {
            if (requested.getType() == StandardConstants.SNI_HOST_NAME) {
                name = new String(requested.getEncoded(), StandardCharsets.US_ASCII);
            }
            return true;
        }
    }

    /** A waker that wakes nobody (a named class, not a lambda: see StartupClassesTest). */
    private static final class NoWake implements Waker {
        static final NoWake INSTANCE = new NoWake();

        @Override
        public void wake() {
        }
    }
}
