package dev.weft.server.internal;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.net.TcpStream;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A connection accepted beyond {@code maxConnections} with {@code rejectExcessConnections} on: one
 * pre-encoded {@code 503 Service Unavailable} with {@code Retry-After} and {@code Connection: close},
 * written in one non-blocking write without reading the request, then a {@link LingeringClose} so
 * that the request the client is sending does not turn into a reset that destroys the answer. The
 * work per refusal is bounded: no parsing, one small write (a fresh socket's send buffer takes it
 * whole; if not, the connection is simply closed) and at most {@link LingeringClose#TIMEOUT_NANOS}
 * of discarding.
 *
 * <p>A task of its own, touched only by itself; it does not count as an open connection.
 */
final class ConnectionRefusal implements Async<Void> {
    /** Seconds a refused client is asked to wait: long enough to let connections close, short enough to retry soon. */
    static final int RETRY_AFTER_SECONDS = 1;
    private static final byte[] BODY = "the server is at its connection limit; retry later\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESPONSE = ("HTTP/1.1 503 Service Unavailable\r\n"
            + "Retry-After: " + RETRY_AFTER_SECONDS + "\r\n"
            + "Connection: close\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: " + BODY.length + "\r\n\r\n"
            + new String(BODY, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);

    private final TcpStream stream;
    private final BufferAccount account;
    private LingeringClose lingering;
    private boolean closed;

    ConnectionRefusal(TcpStream stream, BufferAccount account) {
        this.stream = stream;
        this.account = account;
    }

    /** The bytes every refused connection is sent (for tests). */
    static String response() {
        return new String(RESPONSE, StandardCharsets.US_ASCII);
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (closed) {
            return Poll.ready(null);
        }
        if (lingering == null) {
            try {
                ByteBuffer answer = ByteBuffer.wrap(RESPONSE);
                int n = stream.pollWrite(cx, answer);
                if (n == TcpStream.PENDING) {
                    // The worker's budget for this tick is spent (a wake is arranged), or a fresh
                    // socket is not yet writable (its readiness wakes us): nothing was written.
                    return Poll.pending();
                }
                if (answer.hasRemaining()) {
                    close(); // never for ~200 bytes on a fresh socket; if so, do no more work on it
                    return Poll.ready(null);
                }
            } catch (UncheckedIOException e) {
                close();
                return Poll.ready(null);
            }
            lingering = LingeringClose.start(new PlainIo(stream), account);
            if (lingering == null) {
                close();
                return Poll.ready(null);
            }
        }
        if (lingering.poll(cx)) {
            close();
            return Poll.ready(null);
        }
        return Poll.pending();
    }

    @Override
    public void cancel() {
        if (lingering != null) {
            lingering.cancel();
        }
        close();
    }

    private void close() {
        closed = true;
        stream.close();
    }
}
