package dev.weft.runtime.internal.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.internal.linux.Errno;
import dev.weft.runtime.internal.linux.Libc;
import dev.weft.runtime.internal.linux.NativeMemory;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Native memory and kernel resources return to their baseline after many rings (each with a
 * buffer ring and a parker) and many connections through one ring: the package's own account,
 * the io_uring mappings in {@code /proc/self/maps} and the open descriptors.
 */
@Tag("transport-independent")
@Timeout(120)
class NativeMemoryTest {
    private static final long ACCEPT = 1;
    private static final long CLOSE = 2;
    private static final int RECV_BASE = 1 << 20;
    private static final int PAGE = 4096;

    record Baseline(long allocated, long mapped, long ringMappings, long fds) {
        static Baseline now() throws IOException {
            long maps;
            try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
                maps = lines.filter(l -> l.contains("io_uring")).count();
            }
            long fds;
            try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
                fds = s.count();
            }
            return new Baseline(NativeMemory.allocatedBytes(), NativeMemory.mappedBytes(), maps, fds);
        }
    }

    private static void ringCycle() throws RingException {
        Ring ring = Ring.open(64, 256);
        BufferRing buffers = BufferRing.register(ring, 7, 64, 2048);
        RingParker parker = new RingParker(ring, -1);
        parker.park(0);
        parker.park(1_000_000L); // arms the wake read, which close must cancel
        ring.drain((ud, res, fl) -> parker.onCompletion(ud));
        buffers.close();
        ring.close();
        parker.close();
    }

    @Test
    void manyRingsReturnToBaseline() throws Exception {
        ringCycle(); // first use loads classes and binds libc
        Baseline before = Baseline.now();
        for (int i = 0; i < 500; i++) {
            ringCycle();
        }
        Baseline after = Baseline.now();
        System.out.println("500 rings: before " + before + ", after " + after);
        assertEquals(before, after);
    }

    /**
     * A buffer ring's buffers cost resident memory only as the kernel (or we) write them: before,
     * an arena zeroed them all at registration, 4 MiB resident per worker before the first byte
     * arrived. Closing gives the mapping back.
     */
    @Test
    void bufferRingBuffersBecomeResidentOnlyWhenWrittenAndAreUnmappedAtClose() throws Exception {
        int pages = 64 * 16 * 1024 / PAGE;
        Ring ring = Ring.open(64, 256);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(Libc.errnoSize(), 8);
            MemorySegment vec = arena.allocate(pages);
            BufferRing buffers = BufferRing.register(ring, 7, 64, 16 * 1024);
            long start = buffers.buffer(0, 1).address();
            assertEquals(0, Libc.mincore(errno, start, (long) pages * PAGE, vec.address()));
            assertEquals(0, resident(vec, pages), "pages resident right after registration");
            buffers.buffer(3, 16 * 1024).fill((byte) 1); // buffer 3: pages 12 to 15
            assertEquals(0, Libc.mincore(errno, start, (long) pages * PAGE, vec.address()));
            assertEquals(4, resident(vec, pages), "pages resident after one buffer was written");
            buffers.close();
            assertEquals(-Errno.ENOMEM, Libc.mincore(errno, start, PAGE, vec.address()), "still mapped after close");
        } finally {
            ring.close();
        }
    }

    private static int resident(MemorySegment vec, int pages) {
        int n = 0;
        for (int i = 0; i < pages; i++) {
            n += vec.get(ValueLayout.JAVA_BYTE, i) & 1;
        }
        return n;
    }

    @Test
    void manyConnectionsThroughOneRingReturnToBaseline() throws Exception {
        int lfd = NativeSockets.listenLoopback(256);
        try {
            serve(lfd, 20); // first use
            Baseline before = Baseline.now();
            serve(lfd, 3000);
            Baseline after = Baseline.now();
            System.out.println("3000 connections: before " + before + ", after " + after);
            assertEquals(before, after);
        } finally {
            NativeSockets.close(lfd);
        }
    }

    /**
     * One ring accepts {@code connections} clients (multishot), receives into a buffer ring until
     * each client's end of stream, closes each through the ring, then closes the ring.
     */
    private static void serve(int lfd, int connections) throws Exception {
        int port = NativeSockets.port(lfd);
        Ring ring = Ring.open(64, 512);
        BufferRing buffers = BufferRing.register(ring, 8, 64, 1024);
        int[] closed = {0};
        int[] accepted = {0};
        ring.accept(lfd, true, ACCEPT);
        Ring.Completions h = (ud, res, fl) -> {
            if (ud == ACCEPT) {
                assertTrue(res >= 0, () -> "accept: " + Errno.name(res));
                accepted[0]++;
                if ((fl & Uapi.CQE_F_MORE) == 0) {
                    ring.accept(lfd, true, ACCEPT);
                }
                armRecv(ring, res);
            } else if (ud == CLOSE) {
                assertEquals(0, res);
                closed[0]++;
            } else {
                int fd = (int) (ud - RECV_BASE);
                int bid = BufferRing.bufferId(fl);
                if (bid >= 0) {
                    buffers.taken(bid);
                    buffers.provide(bid);
                    buffers.publish();
                }
                if (res == 0) {
                    ring.close(fd, CLOSE);
                } else if ((fl & Uapi.CQE_F_MORE) == 0) {
                    armRecv(ring, fd);
                }
            }
        };
        for (int i = 0; i < connections; i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.getOutputStream().write(new byte[] {1, 2, 3});
            }
            ring.enter(0, 0);
            ring.drain(h);
        }
        Reaper.until(ring, h, () -> closed[0] == connections);
        assertEquals(connections, accepted[0]);
        buffers.close();
        ring.close();
    }

    private static void armRecv(Ring ring, int fd) {
        if (!ring.recvSelect(fd, 8, true, RECV_BASE + fd)) {
            ring.enter(0, 0);
            assertTrue(ring.recvSelect(fd, 8, true, RECV_BASE + fd));
        }
    }
}
