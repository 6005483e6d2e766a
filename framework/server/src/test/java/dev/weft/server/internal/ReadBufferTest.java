package dev.weft.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.net.TcpListener;
import dev.weft.runtime.net.TcpStream;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The read buffer's rules for reusing memory, over a real loopback socket: decoded bytes are
 * moved over only while nobody else holds the buffer; with a slice in use new bytes go into free
 * space, or into a fresh buffer when there is none, and the slice's bytes stay as they were.
 */
@Timeout(30)
class ReadBufferTest {
    private final BufferAccount account = new BufferAccount("ReadBufferTest");
    private AsyncRuntime rt;
    private TcpListener listener;
    private Socket client;
    private OutputStream out;
    private TcpStream server;

    @BeforeEach
    void connect() throws Exception {
        rt = AsyncRuntime.currentThread();
        listener = rt.blockOn(cx -> Poll.ready(TcpListener.bind(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16)));
        client = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort());
        out = client.getOutputStream();
        server = rt.blockOn(listener.accept());
    }

    @AfterEach
    void close() throws Exception {
        client.close();
        server.close();
        listener.close();
        rt.close();
        assertEquals(0, account.outstanding(), "a buffer was not given back");
    }

    /** Sends {@code n} bytes, each its index modulo 251, starting at {@code from}. */
    private void send(int from, int n) throws Exception {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ((from + i) % 251);
        }
        out.write(b);
        out.flush();
    }

    /** Fills until {@code n} undecoded bytes are buffered, or the buffer reports {@link ReadBuffer#FULL}. */
    private int fillTo(ReadBuffer rb, int n, boolean cannotDecode) {
        return rt.blockOn(new Async<Integer>() {
            @Override
            public Poll<Integer> poll(Context cx) {
                for (;;) {
                    if (rb.bytes() != null && rb.bytes().remaining() >= n) {
                        return Poll.ready(rb.bytes().remaining());
                    }
                    int n = rb.fill(new PlainIo(server), cx, false, cannotDecode);
                    if (n == ReadBuffer.FULL) {
                        return Poll.ready(ReadBuffer.FULL);
                    }
                    if (n == TcpStream.PENDING) {
                        return Poll.pending();
                    }
                }
            }
        });
    }

    private static void assertPattern(ByteBuffer b, int at, int n, int from) {
        for (int i = 0; i < n; i++) {
            assertEquals((byte) ((from + i) % 251), b.get(at + i), "byte " + (from + i));
        }
    }

    @Test
    void decodedBytesAreMovedOverOnlyWhenNobodyElseHoldsTheBuffer() throws Exception {
        ReadBuffer rb = new ReadBuffer(account);
        send(0, 100);
        fillTo(rb, 100, false);
        ByteBuffer in = rb.bytes();
        in.position(60); // 60 bytes decoded, a slice of them handed out
        PooledBuffer lease = rb.lease().retain();
        ByteBuffer slice = in.asReadOnlyBuffer().slice(0, 60);

        send(100, 50);
        fillTo(rb, 90, false);
        assertSame(lease, rb.lease());
        assertEquals(60, rb.bytes().position(), "compacted while a slice was in use");
        assertPattern(slice, 0, 60, 0);
        assertPattern(rb.bytes(), 60, 90, 60);

        lease.release(); // the slice is done with
        rb.bytes().position(150);
        send(150, 10);
        fillTo(rb, 10, false);
        assertEquals(0, rb.bytes().position(), "the sole holder should compact");
        assertPattern(rb.bytes(), 0, 10, 150);
        rb.release();
    }

    @Test
    void aFullBufferWithASliceInUseContinuesInAFreshOne() throws Exception {
        ReadBuffer rb = new ReadBuffer(account);
        send(0, BufferPool.BUFFER_SIZE);
        fillTo(rb, BufferPool.BUFFER_SIZE, false);
        ByteBuffer in = rb.bytes();
        in.position(100);
        PooledBuffer first = rb.lease().retain();
        ByteBuffer slice = in.asReadOnlyBuffer().slice(0, 100);

        send(BufferPool.BUFFER_SIZE, 50);
        fillTo(rb, BufferPool.BUFFER_SIZE - 100 + 50, false);
        assertNotSame(first, rb.lease(), "read into a full buffer whose slice is in use");
        assertTrue(first.isLive(), "the old buffer went back while its slice was in use");
        assertEquals(0, rb.bytes().position());
        assertPattern(rb.bytes(), 0, BufferPool.BUFFER_SIZE - 100 + 50, 100);
        assertPattern(slice, 0, 100, 0);
        first.release();
        assertFalse(first.isLive());
        rb.release();
    }

    @Test
    void aFullBufferOfBytesWaitingForDemandStopsInsteadOfGrowing() throws Exception {
        ReadBuffer rb = new ReadBuffer(account);
        send(0, BufferPool.BUFFER_SIZE + 10);
        assertEquals(ReadBuffer.FULL, fillTo(rb, BufferPool.BUFFER_SIZE + 10, true));
        assertEquals(BufferPool.BUFFER_SIZE, rb.bytes().capacity());
        rb.release();
    }

    @Test
    void aHeadLargerThanTheBufferGrowsIt() throws Exception {
        ReadBuffer rb = new ReadBuffer(account);
        send(0, BufferPool.BUFFER_SIZE + 10);
        fillTo(rb, BufferPool.BUFFER_SIZE + 10, false);
        assertEquals(2 * BufferPool.BUFFER_SIZE, rb.bytes().capacity());
        assertPattern(rb.bytes(), 0, BufferPool.BUFFER_SIZE + 10, 0);
        rb.release();
    }

    @Test
    void anIdleBufferIsKeptWhileASliceOfItIsInUse() throws Exception {
        ReadBuffer rb = new ReadBuffer(account);
        send(0, 10);
        fillTo(rb, 10, false);
        rb.bytes().position(10);
        PooledBuffer lease = rb.lease().retain();
        rb.releaseIfIdle();
        assertTrue(rb.holdsBuffer(), "a second buffer would be borrowed for the next read");
        lease.release();
        rb.releaseIfIdle();
        assertFalse(rb.holdsBuffer());
        assertFalse(lease.isLive());
    }
}
