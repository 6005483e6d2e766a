package dev.weft.server.internal;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.net.TcpStream;
import dev.weft.runtime.time.Time;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The end of a connection that stops reading while its client may still be sending (a body
 * after a 413, the rest of a request after a 400, a slow head after a 408).
 *
 * <p>Closing a socket with unread input makes the kernel send RST, and a client that is still
 * sending may then lose the response before it has read it (RFC 9112 §9.6 asks servers to close
 * in stages for this reason). As nginx's lingering close does: send FIN, then read and discard
 * until the client closes too, or {@link #TIMEOUT_NANOS} passes.
 */
final class LingeringClose {
    /** How long to discard what the client still sends (nginx: {@code lingering_time}, 30 s; shorter here). */
    static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final TcpStream stream;
    private final BufferAccount account;
    private final long deadlineNanos;
    private Async<Void> timer;

    private LingeringClose(TcpStream stream, BufferAccount account, long deadlineNanos) {
        this.stream = stream;
        this.account = account;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * Sends FIN (after TLS's close_notify); returns null when the socket is already gone (then
     * just close it). What arrives afterwards is discarded from the socket as it is, undecrypted.
     */
    static LingeringClose start(SocketIo io, BufferAccount account) {
        try {
            io.shutdownOutput();
        } catch (UncheckedIOException e) {
            return null;
        }
        return new LingeringClose(io.stream(), account, System.nanoTime() + TIMEOUT_NANOS);
    }

    /**
     * Discards what has arrived.
     *
     * @return true when the connection may be closed now: the client closed, failed, or the
     *     time is up; false after arranging to be polled again
     */
    boolean poll(Context cx) {
        PooledBuffer lease = BufferPool.borrow(account, "a lingering close's scratch buffer");
        ByteBuffer scratch = lease.buffer;
        try {
            for (;;) {
                if (System.nanoTime() - deadlineNanos >= 0) {
                    return true;
                }
                scratch.clear();
                int n = stream.pollRead(cx, scratch);
                // PENDING is negative too: asked first, or a momentarily empty socket would end
                // the lingering as if the client had closed.
                if (n == TcpStream.PENDING) {
                    break;
                }
                if (n < 0) {
                    return true;
                }
            }
        } catch (UncheckedIOException e) {
            return true;
        } finally {
            lease.release();
        }
        if (timer == null) {
            timer = Time.sleepUntil(deadlineNanos);
        }
        if (timer.poll(cx).isReady()) {
            timer = null;
            return true;
        }
        return false;
    }

    /** Releases the timer when the connection is closed some other way. */
    void cancel() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
