package dev.weft.runtime.internal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The errno values the kernel really gives for a refused connection, an address in use, a reset
 * and a broken pipe, and the {@code java.net} exceptions (types and messages as NIO's) each
 * becomes.
 */
@Tag("transport-independent")
class ErrnoTest {
    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private static int bound() throws IOException {
        int fd = Sockets.open(Libc.AF_INET, false);
        Scratch s = Scratch.get();
        int len = SockAddr.write(ANY_LOOPBACK, s.addr);
        assertEquals(0, Libc.bind(s.errno, fd, s.addr.address(), len));
        return fd;
    }

    private static int connect(int fd, InetSocketAddress to) {
        Scratch s = Scratch.get();
        int len = SockAddr.write(to, s.addr);
        return Libc.connect(s.errno, fd, s.addr.address(), len);
    }

    @Test
    void aRefusedConnectionIsAConnectException() throws IOException {
        int closedPort = bound(); // bound, never listening: the kernel refuses connections to it
        int client = Sockets.open(Libc.AF_INET, false);
        try {
            int r = connect(client, Sockets.localAddress(closedPort));
            assertEquals(-Errno.ECONNREFUSED, r, Errno.name(r));
            IOException e = Errno.exception(r, "connect");
            assertSame(ConnectException.class, e.getClass());
            assertEquals("Connection refused", e.getMessage());
        } finally {
            Sockets.close(client);
            Sockets.close(closedPort);
        }
    }

    @Test
    void anAddressInUseIsABindExceptionFromBind() throws IOException {
        int first = bound();
        int second = Sockets.open(Libc.AF_INET, false);
        try {
            assertEquals(0, Libc.listen(Scratch.get().errno, first, 1));
            Scratch s = Scratch.get();
            int len = SockAddr.write(Sockets.localAddress(first), s.addr);
            int r = Libc.bind(s.errno, second, s.addr.address(), len);
            assertEquals(-Errno.EADDRINUSE, r, Errno.name(r));
            IOException e = Errno.exception(r, "bind");
            assertSame(BindException.class, e.getClass());
            assertEquals("Address already in use", e.getMessage());
            assertSame(SocketException.class, Errno.exception(r, "connect").getClass(), "not a bind: a SocketException");
        } finally {
            Sockets.close(second);
            Sockets.close(first);
        }
    }

    @Test
    void aResetIsConnectionResetOnReadAndByPeerOnWrite() throws IOException {
        int listener = bound();
        int client = Sockets.open(Libc.AF_INET, false);
        int server = -1;
        try {
            Scratch s = Scratch.get();
            assertEquals(0, Libc.listen(s.errno, listener, 1));
            assertEquals(0, connect(client, Sockets.localAddress(listener)));
            server = Libc.accept4(s.errno, listener, 0, 0, Libc.SOCK_CLOEXEC);
            assertTrue(server >= 0, Errno.name(server));
            Sockets.setOption(server, StandardSocketOptions.SO_LINGER, 0); // close sends RST
            Sockets.close(server);
            server = -1;
            byte[] in = new byte[8];
            long r = Libc.readCritical(s.errno, client, MemorySegment.ofArray(in), in.length);
            assertEquals(-Errno.ECONNRESET, r, Errno.name((int) r));
            IOException onRead = Errno.exception((int) r, "read");
            assertSame(SocketException.class, onRead.getClass());
            assertEquals("Connection reset", onRead.getMessage());
            IOException onWrite = Errno.exception((int) r, "write");
            assertSame(IOException.class, onWrite.getClass());
            assertEquals("Connection reset by peer", onWrite.getMessage());
        } finally {
            if (server >= 0) {
                Sockets.close(server);
            }
            Sockets.close(client);
            Sockets.close(listener);
        }
    }

    @Test
    void aWriteAfterThePeerClosedIsABrokenPipe() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment fds = arena.allocate(8, 4);
            assertEquals(0, Libc.socketpair(errno, Libc.AF_UNIX, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0, fds.address()));
            int a = fds.get(ValueLayout.JAVA_INT, 0);
            int b = fds.get(ValueLayout.JAVA_INT, 4);
            Libc.close(errno, b);
            long r = Libc.sendCritical(errno, a, MemorySegment.ofArray(new byte[] {1}), 1, Libc.MSG_NOSIGNAL);
            assertEquals(-Errno.EPIPE, r, Errno.name((int) r));
            IOException e = Errno.exception((int) r, "write");
            assertSame(IOException.class, e.getClass());
            assertEquals("Broken pipe", e.getMessage());
            Libc.close(errno, a);
            assertInstanceOf(ClosedChannelException.class, Errno.exception(Libc.close(errno, a), "close"));
        }
    }

    @Test
    void namesAndTextsTakeAValueOrAResult() {
        assertEquals("ECONNRESET (104)", Errno.name(-104));
        assertEquals("ECONNRESET (104)", Errno.name(104));
        assertEquals("errno (4095)", Errno.name(4095));
        assertEquals("Connection refused", Errno.describe(-Errno.ECONNREFUSED));
        assertEquals("Socket is not connected", Errno.exception(-Errno.ENOTCONN, "shutdown").getMessage());
        IOException other = Errno.exception(-Errno.EMFILE, "accept");
        assertSame(IOException.class, other.getClass());
        assertEquals("Too many open files (accept: EMFILE (24))", other.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Sockets.setOption(0, StandardSocketOptions.SO_RCVBUF, -1));
    }
}
