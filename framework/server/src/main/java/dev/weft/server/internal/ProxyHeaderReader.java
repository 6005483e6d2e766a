package dev.weft.server.internal;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.net.TcpStream;
import dev.weft.runtime.time.Time;
import dev.weft.server.ServerStats.CloseCause;
import dev.weft.server.internal.proxy.ProxyHeader;
import dev.weft.server.internal.proxy.ProxyHeaderException;
import dev.weft.server.internal.proxy.ProxyHeaderParser;

import java.nio.ByteBuffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start of a connection on a listener that speaks the PROXY protocol: reads into the
 * connection's {@link ReadBuffer} until {@link ProxyHeaderParser} has the whole header, so that the
 * HTTP decoder never sees a byte of it; the bytes after it stay buffered for the decoder. On the TLS
 * port the header is read from the socket itself, before any TLS, and the bytes after it (the start
 * of the ClientHello) are handed to the TLS layer, which reads them before the socket. The header
 * must arrive within {@code headerReadTimeout} of the accept and fit in
 * {@link ProxyHeaderParser#MAX_LENGTH}. No HTTP response can be sent before the header (the proxy
 * would take it for the client's answer), so a missing, malformed or late header closes the
 * connection, with a DEBUG line saying why: the sender may be any client that reached the port.
 *
 * <p>Touched only by the connection's task.
 */
final class ProxyHeaderReader {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    /** Where reading the header stands after a poll. */
    enum Outcome {
        /** Waiting for bytes or the timer; the task is registered for both. */
        PENDING,
        /** The header is read and applied; HTTP may begin. */
        DONE,
        /** The connection must close; {@link #closeCause()} says why. */
        FAILED
    }

    private final ConnectionState c;
    private final ReadBuffer buffer;
    /** The socket's bytes as they are, whatever the connection speaks after the header. */
    private final SocketIo raw;
    private final long deadline;
    private Async<Void> timer;
    private CloseCause closeCause;

    ProxyHeaderReader(ConnectionState c, ReadBuffer buffer) {
        this.c = c;
        this.buffer = buffer;
        this.raw = c.io.passesBytesThrough() ? c.io : new PlainIo(c.io.stream());
        this.deadline = c.lastActivityNanos + c.server.headerReadTimeoutNanos;
    }

    /** Why the connection must close, after {@link Outcome#FAILED}. */
    CloseCause closeCause() {
        return closeCause;
    }

    Outcome poll(Context cx) {
        for (;;) {
            ByteBuffer in = buffer.bytes();
            if (in != null) {
                ProxyHeader header;
                try {
                    header = ProxyHeaderParser.parse(in);
                } catch (ProxyHeaderException e) {
                    return fail(CloseCause.BAD_REQUEST, e.getMessage());
                }
                if (header != null) {
                    apply(header);
                    return Outcome.DONE;
                }
                if (in.remaining() >= ProxyHeaderParser.MAX_LENGTH) {
                    // The parser refuses anything longer itself; this only guards the buffer.
                    return fail(CloseCause.BAD_REQUEST, "PROXY protocol header longer than " + ProxyHeaderParser.MAX_LENGTH + " bytes");
                }
            }
            if (c.now - deadline >= 0) {
                return fail(CloseCause.HEADER_TIMEOUT, "no complete PROXY protocol header within "
                        + c.server.config.headerReadTimeout());
            }
            // From the socket itself: on the TLS port the header precedes the ClientHello.
            int n = buffer.fill(raw, cx, false, false);
            if (n == TcpStream.PENDING) {
                return awaitDeadline(cx);
            }
            if (n < 0) {
                boolean nothing = buffer.bytes() == null || !buffer.bytes().hasRemaining();
                return fail(nothing ? CloseCause.DONE : CloseCause.BAD_REQUEST,
                        "the peer closed the connection before the PROXY protocol header was complete");
            }
            c.counters.bytesRead += n;
            c.lastActivityNanos = c.now;
        }
    }

    private Outcome awaitDeadline(Context cx) {
        if (timer == null) {
            timer = Time.sleepUntil(deadline);
        }
        if (timer.poll(cx).isReady()) {
            timer = null;
            c.now = System.nanoTime();
            return fail(CloseCause.HEADER_TIMEOUT, "no complete PROXY protocol header within "
                    + c.server.config.headerReadTimeout());
        }
        return Outcome.PENDING;
    }

    private void apply(ProxyHeader header) {
        cancel();
        if (header.source() != null) {
            c.remote = header.source();
        }
        if (!c.io.passesBytesThrough() && buffer.hasUndecoded()) {
            // TLS records that came with the header: the TLS layer reads them first, once each.
            c.io.takeEarlyBytes(buffer.bytes());
        }
        if (buffer.hasUndecoded()) {
            // The first request's head arrived with the header: its clock starts now.
            c.headStartedNanos = c.now;
        }
        buffer.releaseIfIdle();
    }

    private Outcome fail(CloseCause cause, String why) {
        cancel();
        closeCause = cause;
        if (log.isDebugEnabled()) {
            log.debug("closing connection from {}: {}", c.remote, why);
        }
        return Outcome.FAILED;
    }

    /** Releases the timer (done, failed, or the connection closes meanwhile). */
    void cancel() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
