package dev.weft.runtime.internal.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every wrapper of {@link Libc} called for real on this machine, so each entry of this
 * architecture's system call table is checked by the kernel's answer (a wrong number makes a
 * different call, which answers differently or fails), and both downcall shapes are exercised:
 * the cold one with native addresses and the critical one with heap arrays in place.
 */
@Tag("transport-independent")
class LibcTest {
    private static final int EPOLL_EVENT_SIZE = 16; // room for the packed (12) and aligned (16) forms

    private Arena arena;
    private MemorySegment errno;

    @BeforeEach
    void open() {
        arena = Arena.ofConfined();
        errno = Libc.errnoSegment(arena);
    }

    @AfterEach
    void close() {
        arena.close();
    }

    private int[] socketpair() {
        MemorySegment fds = arena.allocate(8, 4);
        assertEquals(0, Libc.socketpair(errno, Libc.AF_UNIX, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0, fds.address()));
        int[] pair = {fds.get(ValueLayout.JAVA_INT, 0), fds.get(ValueLayout.JAVA_INT, 4)};
        assertTrue(pair[0] >= 0 && pair[1] >= 0 && pair[0] != pair[1]);
        return pair;
    }

    @Test
    void eventfdCountsWritesFromHeapMemoryAndReadsIntoNative() {
        int efd = Libc.eventfd(errno, 0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
        assertTrue(efd >= 0, () -> Errno.name(efd));
        try {
            MemorySegment value = arena.allocate(8, 8);
            assertEquals(-Errno.EAGAIN, Libc.read(errno, efd, value.address(), 8), "nothing written yet");
            byte[] three = new byte[16];
            MemorySegment.ofArray(three).set(ValueLayout.JAVA_LONG_UNALIGNED, 8, 3L);
            assertEquals(8, Libc.writeCritical(errno, efd, MemorySegment.ofArray(three).asSlice(8), 8));
            MemorySegment four = arena.allocate(8, 8).fill((byte) 0);
            four.set(ValueLayout.JAVA_LONG, 0, 4L);
            assertEquals(8, Libc.write(errno, efd, four.address(), 8));
            assertEquals(8, Libc.read(errno, efd, value.address(), 8));
            assertEquals(7L, value.get(ValueLayout.JAVA_LONG, 0), "the eventfd sums what was written");
        } finally {
            assertEquals(0, Libc.close(errno, efd));
        }
        assertEquals(-Errno.EBADF, Libc.close(errno, efd), "closed already");
    }

    @Test
    void socketpairCarriesBytesBetweenHeapArraysInPlace() {
        int[] p = socketpair();
        try {
            byte[] out = "..hello from the heap".getBytes(StandardCharsets.US_ASCII);
            long sent = Libc.sendCritical(errno, p[0], MemorySegment.ofArray(out).asSlice(2), out.length - 2, Libc.MSG_NOSIGNAL);
            assertEquals(out.length - 2, sent);
            byte[] in = new byte[64];
            long got = Libc.readCritical(errno, p[1], MemorySegment.ofArray(in).asSlice(5), 40);
            assertEquals(sent, got);
            assertEquals("hello from the heap", new String(in, 5, (int) got, StandardCharsets.US_ASCII));

            // sendmsg with two iovecs over native memory
            MemorySegment a = arena.allocateFrom("abc", StandardCharsets.US_ASCII);
            MemorySegment b = arena.allocateFrom("defg", StandardCharsets.US_ASCII);
            MemorySegment iov = arena.allocate(32, 8);
            iov.set(ValueLayout.JAVA_LONG, 0, a.address());
            iov.set(ValueLayout.JAVA_LONG, 8, 3);
            iov.set(ValueLayout.JAVA_LONG, 16, b.address());
            iov.set(ValueLayout.JAVA_LONG, 24, 4);
            MemorySegment msg = arena.allocate(56, 8).fill((byte) 0);
            msg.set(ValueLayout.ADDRESS, 16, iov);
            msg.set(ValueLayout.JAVA_LONG, 24, 2);
            assertEquals(7, Libc.sendmsgCritical(errno, p[0], msg, Libc.MSG_NOSIGNAL));
            MemorySegment into = arena.allocate(16);
            assertEquals(7, Libc.read(errno, p[1], into.address(), 16));
            assertEquals("abcdefg", new String(into.asSlice(0, 7).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII));

            assertEquals(0, Libc.shutdown(errno, p[0], Libc.SHUT_WR));
            assertEquals(0, Libc.readCritical(errno, p[1], MemorySegment.ofArray(in), in.length), "end of stream after SHUT_WR");
        } finally {
            Libc.close(errno, p[0]);
            Libc.close(errno, p[1]);
        }
    }

    @Test
    void recvAndSendWithDontWaitNeverBlockABlockingSocket() {
        int[] p = socketpair(); // blocking descriptors: a plain recv here would wait forever
        try {
            byte[] in = new byte[32];
            assertEquals(-Errno.EAGAIN, Libc.recvCritical(errno, p[1], MemorySegment.ofArray(in), in.length, Libc.MSG_DONTWAIT));
            byte[] out = "..bulk".getBytes(StandardCharsets.US_ASCII);
            assertEquals(4, Libc.sendCritical(errno, p[0], MemorySegment.ofArray(out).asSlice(2), 4,
                    Libc.MSG_NOSIGNAL | Libc.MSG_DONTWAIT));
            assertEquals(4, Libc.recvCritical(errno, p[1], MemorySegment.ofArray(in).asSlice(3), 29, Libc.MSG_DONTWAIT));
            assertEquals("bulk", new String(in, 3, 4, StandardCharsets.US_ASCII));
            // Fill the peer's buffer: a send that cannot go on says so instead of waiting.
            byte[] big = new byte[64 * 1024];
            long n;
            long total = 0;
            while ((n = Libc.sendCritical(errno, p[0], MemorySegment.ofArray(big), big.length,
                    Libc.MSG_NOSIGNAL | Libc.MSG_DONTWAIT)) > 0) {
                total += n;
            }
            assertEquals(-Errno.EAGAIN, n);
            assertTrue(total > 0);
            assertEquals(0, Libc.shutdown(errno, p[1], Libc.SHUT_WR));
            long drained = 0;
            while ((n = Libc.recvCritical(errno, p[0], MemorySegment.ofArray(in), in.length, Libc.MSG_DONTWAIT)) > 0) {
                drained += n;
            }
            assertEquals(0, drained);
            assertEquals(0, n, "end of stream after the peer's SHUT_WR, not EAGAIN");
        } finally {
            Libc.close(errno, p[0]);
            Libc.close(errno, p[1]);
        }
    }

    @Test
    void epollWaitsReportsAndTimesOut() {
        int ep = Libc.epollCreate1(errno, Libc.EPOLL_CLOEXEC);
        assertTrue(ep >= 0, () -> Errno.name(ep));
        int[] p = socketpair();
        try {
            MemorySegment ev = arena.allocate(EPOLL_EVENT_SIZE, 8).fill((byte) 0);
            ev.set(ValueLayout.JAVA_INT, 0, Libc.EPOLLIN);
            assertEquals(0, Libc.epollCtl(errno, ep, Libc.EPOLL_CTL_ADD, p[1], ev.address()));
            assertEquals(-Errno.EEXIST, Libc.epollCtl(errno, ep, Libc.EPOLL_CTL_ADD, p[1], ev.address()));
            MemorySegment events = arena.allocate(EPOLL_EVENT_SIZE * 4L, 8);
            assertEquals(0, Libc.epollWait(errno, ep, events.address(), 4, 0), "nothing ready");
            assertEquals(0, Libc.epollWait(errno, ep, events.address(), 4, 20), "nothing ready within 20 ms");
            byte[] one = {42};
            assertEquals(1, Libc.sendCritical(errno, p[0], MemorySegment.ofArray(one), 1, Libc.MSG_NOSIGNAL));
            assertEquals(1, Libc.epollWait(errno, ep, events.address(), 4, -1));
            assertEquals(Libc.EPOLLIN, events.get(ValueLayout.JAVA_INT, 0) & Libc.EPOLLIN);
        } finally {
            Libc.close(errno, p[0]);
            Libc.close(errno, p[1]);
            Libc.close(errno, ep);
        }
    }

    @Test
    void tcpSocketBindsListensConnectsAndAccepts() throws Exception {
        int listener = Sockets.open(Libc.AF_INET, false);
        int client = -1;
        int accepted = -1;
        try {
            Sockets.setInt(listener, Libc.SOL_SOCKET, Libc.SO_REUSEADDR, 1);
            assertNotEquals(0, Sockets.getInt(listener, Libc.SOL_SOCKET, Libc.SO_REUSEADDR));
            MemorySegment addr = arena.allocate(SockAddr.MAX, 8);
            int len = SockAddr.write(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), addr);
            assertEquals(0, Libc.bind(errno, listener, addr.address(), len));
            assertEquals(0, Libc.listen(errno, listener, 4));
            InetSocketAddress local = Sockets.localAddress(listener);
            assertEquals(InetAddress.getLoopbackAddress(), local.getAddress());
            assertNotEquals(0, local.getPort(), "getsockname after bind has the kernel's port");

            client = Sockets.open(Libc.AF_INET, false);
            len = SockAddr.write(local, addr);
            assertEquals(0, Libc.connect(errno, client, addr.address(), len), "loopback connects at once");
            MemorySegment peer = arena.allocate(SockAddr.MAX, 8);
            MemorySegment peerLen = arena.allocate(4, 4);
            peerLen.set(ValueLayout.JAVA_INT, 0, SockAddr.MAX);
            accepted = Libc.accept4(errno, listener, peer.address(), peerLen.address(), Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC);
            assertTrue(accepted >= 0, Errno.name(accepted));
            assertEquals(Sockets.localAddress(client), SockAddr.read(peer), "accept4 wrote the client's address");
            assertEquals(Sockets.localAddress(client), Sockets.remoteAddress(accepted), "getpeername");
            assertEquals(local, Sockets.remoteAddress(client));
            assertEquals(0, Sockets.getInt(accepted, Libc.SOL_SOCKET, Libc.SO_ERROR));
            byte[] in = new byte[4];
            assertEquals(-Errno.EAGAIN, Libc.readCritical(errno, accepted, MemorySegment.ofArray(in), 4),
                    "accept4 made it non-blocking");
        } finally {
            for (int fd : new int[] {accepted, client, listener}) {
                if (fd >= 0) {
                    Sockets.close(fd);
                }
            }
        }
    }

    @Test
    void anonymousMappingBecomesResidentWhenTouchedAndGoesAtUnmap() {
        long page = 4096;
        long addr = Libc.mmap(errno, 0, 2 * page, Libc.PROT_READ_WRITE, Libc.MAP_PRIVATE_ANONYMOUS, -1, 0);
        assertTrue(addr > 0, () -> Errno.name((int) addr));
        MemorySegment vec = arena.allocate(2);
        assertEquals(0, Libc.mincore(errno, addr, 2 * page, vec.address()));
        assertEquals(0, vec.get(ValueLayout.JAVA_BYTE, 1) & 1, "untouched page not resident");
        MemorySegment.ofAddress(addr).reinterpret(2 * page).set(ValueLayout.JAVA_BYTE, page, (byte) 1);
        assertEquals(0, Libc.mincore(errno, addr, 2 * page, vec.address()));
        assertEquals(1, vec.get(ValueLayout.JAVA_BYTE, 1) & 1, "written page resident");
        assertEquals(0, Libc.munmap(errno, addr, 2 * page));
        assertEquals(-Errno.ENOMEM, Libc.mincore(errno, addr, page, vec.address()), "unmapped");
    }

    @Test
    void eachArchitectureTableNamesEveryCallOnce() throws Exception {
        for (SyscallNumbers table : new SyscallNumbers[] {SyscallNumbers.X86_64, SyscallNumbers.AARCH64}) {
            Set<Long> seen = new HashSet<>();
            for (RecordComponent c : SyscallNumbers.class.getRecordComponents()) {
                long nr = (long) c.getAccessor().invoke(table);
                assertTrue(seen.add(nr), () -> c.getName() + " has the number of another call: " + nr);
            }
        }
        assertEquals(SyscallNumbers.AARCH64, SyscallNumbers.forArch("aarch64"));
        assertEquals(SyscallNumbers.X86_64, SyscallNumbers.forArch("amd64"));
    }

    @Test
    void criticalCallsAcceptHeapArraysOfEveryOffset() {
        int[] p = socketpair();
        try {
            byte[] data = new byte[256];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) i;
            }
            byte[] got = new byte[256];
            for (int off = 0; off < 9; off++) {
                long n = Libc.sendCritical(errno, p[0], MemorySegment.ofArray(data).asSlice(off), 100, 0);
                assertEquals(100, n);
                assertEquals(100, Libc.readCritical(errno, p[1], MemorySegment.ofArray(got).asSlice(off), 100));
                byte[] want = java.util.Arrays.copyOfRange(data, off, off + 100);
                assertArrayEquals(want, java.util.Arrays.copyOfRange(got, off, off + 100), "offset " + off);
            }
        } finally {
            Libc.close(errno, p[0]);
            Libc.close(errno, p[1]);
        }
    }
}
