package dev.weft.runtime.internal.transport;

import dev.weft.runtime.Waker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A connected (or connecting) TCP socket of one transport. Reads are polled by one task at a
 * time and writes by one task at a time; {@link #close} and {@link #shutdownOutput} may come from
 * any thread. Failures are {@link IOException}s with the meaning NIO gives them: a reset peer is
 * a {@link java.net.SocketException} "Connection reset", a write to a closed peer an
 * {@code IOException} "Broken pipe", any operation after {@link #close} a
 * {@link java.nio.channels.ClosedChannelException}.
 */
public interface StreamIo {
    /** Returned by the poll methods after storing the waker. */
    int PENDING = -2;

    /** True once connected (at once for an accepted socket); false after storing the waker. */
    boolean pollConnected(Waker waker) throws IOException;

    /** Bytes read into {@code dst} (&gt; 0), -1 at end of stream, or {@link #PENDING}. */
    int pollRead(Waker waker, ByteBuffer dst) throws IOException;

    /**
     * Stores the waker for "readable" without reading: the caller's last read left the socket
     * drained. The waker is called when bytes, end of stream or an error arrive (at once if some
     * already have).
     */
    void awaitReadable(Waker waker) throws IOException;

    /** Gathering write: bytes taken (&ge; 0; 0 only when the buffers were empty) or {@link #PENDING}. */
    long pollWrite(Waker waker, ByteBuffer[] srcs, int offset, int length) throws IOException;

    /** Single-buffer write: bytes taken, or {@link #PENDING}. */
    int pollWrite(Waker waker, ByteBuffer src) throws IOException;

    /**
     * Sends up to {@code count} (&gt; 0) bytes of {@code file} from {@code position}: the number
     * sent (&gt; 0) or {@link #PENDING}.
     *
     * @throws IOException also when the file ends before {@code position}
     */
    long pollTransferFrom(Waker waker, FileChannel file, long position, long count) throws IOException;

    /** Forgets the stored read waker without calling it (the read was cancelled). */
    void clearReadWaker();

    /** Forgets the stored write waker without calling it. */
    void clearWriteWaker();

    /** Sends FIN; reads go on. */
    void shutdownOutput() throws IOException;

    <T> void setOption(SocketOption<T> option, T value) throws IOException;

    InetSocketAddress localAddress() throws IOException;

    InetSocketAddress remoteAddress() throws IOException;

    /**
     * Closes the socket (idempotent, any thread) and calls both stored wakers so their tasks see
     * the close; no descriptor is reused under an operation that is still running.
     */
    void close() throws IOException;
}
