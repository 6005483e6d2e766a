package dev.weft.runtime.internal.uring;

import static dev.weft.runtime.internal.uring.Reaper.Cqe;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.internal.linux.Errno;
import dev.weft.runtime.internal.linux.NativeMemory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ring's socket operations over loopback with real peers (JDK sockets on the other end):
 * multishot accept, multishot receive into provided buffers (through exhaustion), sends that
 * come back short, a reset peer, and an echo of a megabyte through all of them.
 */
@Tag("transport-independent")
@Timeout(60)
class RingSocketTest {
    private static final long ACCEPT = 1;
    private static final long RECV = 2;
    private static final long SEND = 3;
    private static final long CLOSE = 4;

    private static byte[] pattern(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Socket connect(int port) throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), port);
    }

    /** Accepts one connection through the ring (single shot). */
    private static int acceptOne(Ring ring, int listenFd) {
        int[] fd = {-1};
        ring.accept(listenFd, false, ACCEPT);
        Reaper.until(ring, (ud, res, fl) -> {
            assertEquals(ACCEPT, ud);
            assertTrue(res >= 0, () -> "accept: " + Errno.name(res));
            fd[0] = res;
        }, () -> fd[0] >= 0);
        return fd[0];
    }

    @Test
    void echoesAMegabyteOverLoopbackThroughTheRing() throws Exception {
        byte[] sent = pattern(1 << 20, 1);
        int lfd = NativeSockets.listenLoopback(16);
        ExecutorService client = Executors.newSingleThreadExecutor();
        try (Ring ring = Ring.open(64, 256); Arena arena = Arena.ofConfined()) {
            BufferRing buffers = BufferRing.register(ring, 1, 16, 4096);
            MemorySegment staging = arena.allocate(64 * 1024);
            Future<byte[]> echoed = client.submit(() -> {
                try (Socket s = connect(NativeSockets.port(lfd))) {
                    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                        try {
                            OutputStream out = s.getOutputStream();
                            out.write(sent);
                            s.shutdownOutput();
                        } catch (IOException e) {
                            throw new RuntimeException(e);
                        }
                    });
                    byte[] back = s.getInputStream().readAllBytes();
                    writer.join();
                    return back;
                }
            });
            int conn = acceptOne(ring, lfd);
            ring.recvSelect(conn, 1, true, RECV);
            // The echo server's state: chunks received and not yet sent, one send in flight.
            ArrayDeque<byte[]> toSend = new ArrayDeque<>();
            int[] sentOfHead = {0};
            boolean[] state = new boolean[3]; // 0: send in flight, 1: eof seen, 2: closed
            Ring.Completions h = (ud, res, fl) -> {
                if (ud == RECV) {
                    if (res > 0) {
                        int bid = BufferRing.bufferId(fl);
                        buffers.taken(bid);
                        byte[] chunk = buffers.buffer(bid, res).toArray(JAVA_BYTE);
                        buffers.provide(bid);
                        buffers.publish();
                        toSend.add(chunk);
                    } else if (res == 0) {
                        state[1] = true;
                    } else if (res != -Errno.ENOBUFS) {
                        throw new AssertionError("recv: " + Errno.name(res));
                    }
                    if (res != 0 && (fl & Uapi.CQE_F_MORE) == 0) {
                        ring.recvSelect(conn, 1, true, RECV);
                    }
                } else if (ud == SEND) {
                    assertTrue(res > 0, () -> "send: " + Errno.name(res));
                    state[0] = false;
                    sentOfHead[0] += res;
                    if (sentOfHead[0] == toSend.peek().length) {
                        toSend.poll();
                        sentOfHead[0] = 0;
                    }
                } else if (ud == CLOSE) {
                    assertEquals(0, res);
                    state[2] = true;
                }
            };
            Reaper.until(ring, (ud, res, fl) -> {
                h.complete(ud, res, fl);
                if (!state[0] && !toSend.isEmpty()) {
                    byte[] head = toSend.peek();
                    int len = head.length - sentOfHead[0];
                    MemorySegment.copy(head, sentOfHead[0], staging, JAVA_BYTE, 0, len);
                    ring.send(conn, staging.address(), len, SEND);
                    state[0] = true;
                } else if (!state[0] && toSend.isEmpty() && state[1] && !state[2]) {
                    ring.close(conn, CLOSE);
                    state[1] = false; // close once
                }
            }, () -> state[2]);
            assertArrayEquals(sent, echoed.get());
            buffers.close();
        } finally {
            client.shutdownNow();
            NativeSockets.close(lfd);
        }
    }

    @Test
    void oneMultishotAcceptTakesManyConnections() throws Exception {
        assertEquals(1, acceptMany(200, 256), "one submission accepted every connection");
    }

    /**
     * With a CQ smaller than the burst, completions overflow and the kernel ends the multishot
     * accept (its CQE comes without {@code F_MORE}): re-arming on that loses no connection.
     */
    @Test
    void aMultishotAcceptEndedByCqOverflowIsReArmedAndLosesNoConnection() throws Exception {
        int submissions = acceptMany(200, 16);
        assertTrue(submissions > 1, "the overflow ended the multishot at least once: " + submissions);
    }

    /** Connects {@code n} clients before reaping, accepts them all; returns the accept submissions. */
    private static int acceptMany(int n, int cqEntries) throws Exception {
        int lfd = NativeSockets.listenLoopback(n);
        List<Socket> clients = new ArrayList<>();
        try (Ring ring = Ring.open(8, cqEntries)) {
            ring.accept(lfd, true, ACCEPT);
            ring.enter(0, 0);
            Set<Integer> fds = new HashSet<>();
            int[] submissions = {1};
            for (int i = 0; i < n; i++) {
                clients.add(connect(NativeSockets.port(lfd)));
            }
            Reaper.until(ring, (ud, res, fl) -> {
                assertEquals(ACCEPT, ud);
                assertTrue(res >= 0, () -> "accept: " + Errno.name(res));
                assertTrue(fds.add(res), "a new descriptor each time");
                if ((fl & Uapi.CQE_F_MORE) == 0) {
                    submissions[0]++;
                    ring.accept(lfd, true, ACCEPT);
                }
            }, () -> fds.size() == n);
            System.out.println("multishot accept, CQ " + cqEntries + ": " + n + " connections from "
                    + submissions[0] + " submission(s)");
            assertEquals(1, ring.inFlight(), "the accept is still armed");
            for (int fd : fds) {
                NativeSockets.close(fd);
            }
            return submissions[0];
        } finally {
            for (Socket s : clients) {
                s.close();
            }
            NativeSockets.close(lfd);
        }
    }

    @Test
    void multishotReceiveAcrossBufferExhaustionLosesAndReordersNothing() throws Exception {
        byte[] sent = pattern(64 * 1024, 2);
        int lfd = NativeSockets.listenLoopback(4);
        try (Ring ring = Ring.open(8, 64); Socket client = connect(NativeSockets.port(lfd))) {
            // Four buffers of 64 bytes for 64 KiB, and none given back until the kernel says it has
            // none left: the receive must run dry many times.
            BufferRing buffers = BufferRing.register(ring, 3, 4, 64);
            int conn = acceptOne(ring, lfd);
            client.getOutputStream().write(sent);
            client.shutdownOutput();
            ring.recvSelect(conn, 3, true, RECV);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            List<Integer> held = new ArrayList<>();
            int[] enobufs = {0};
            int[] arms = {1};
            boolean[] eof = {false};
            Reaper.until(ring, (ud, res, fl) -> {
                assertEquals(RECV, ud);
                if (res > 0) {
                    int bid = BufferRing.bufferId(fl);
                    assertTrue(bid >= 0, "data comes in a provided buffer");
                    buffers.taken(bid);
                    got.writeBytes(buffers.buffer(bid, res).toArray(JAVA_BYTE));
                    held.add(bid);
                } else if (res == -Errno.ENOBUFS) {
                    enobufs[0]++;
                    assertEquals(0, buffers.available(), "ENOBUFS only once every buffer is taken");
                    for (int bid : held) {
                        buffers.provide(bid);
                    }
                    held.clear();
                    buffers.publish();
                } else if (res == 0) {
                    eof[0] = true;
                    return;
                } else {
                    throw new AssertionError("recv: " + Errno.name(res));
                }
                if ((fl & Uapi.CQE_F_MORE) == 0) {
                    arms[0]++;
                    ring.recvSelect(conn, 3, true, RECV);
                }
            }, () -> eof[0]);
            System.out.println("buffer ring exhausted " + enobufs[0] + " times, receive armed " + arms[0] + " times");
            assertTrue(enobufs[0] > 0, "the buffer ring ran out");
            assertArrayEquals(sent, got.toByteArray(), "every byte, in order");
            NativeSockets.close(conn);
            buffers.close();
        } finally {
            NativeSockets.close(lfd);
        }
    }

    @Test
    void aSendCompletesShortWhenTheSocketIsFullAndTheRestFollows() throws Exception {
        byte[] sent = pattern(8 << 20, 3);
        int lfd = NativeSockets.listenLoopback(4);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (Ring ring = Ring.open(8, 16); Arena arena = Arena.ofConfined();
                Socket client = new Socket()) {
            client.setReceiveBufferSize(4096);
            client.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), NativeSockets.port(lfd)));
            int conn = acceptOne(ring, lfd);
            NativeSockets.setIntOption(conn, NativeSockets.SOL_SOCKET, NativeSockets.SO_SNDBUF, 4096);
            MemorySegment src = arena.allocate(sent.length);
            MemorySegment.copy(sent, 0, src, JAVA_BYTE, 0, sent.length);
            // The peer does not read yet: the first send can only fill the socket's buffers.
            int[] first = {-1};
            ring.send(conn, src.address(), sent.length, SEND);
            Reaper.until(ring, (ud, res, fl) -> first[0] = res, () -> first[0] != -1);
            assertTrue(first[0] > 0 && first[0] < sent.length, "short send: " + first[0]);
            Future<byte[]> received = reader.submit(() -> client.getInputStream().readNBytes(sent.length));
            long[] done = {first[0]};
            int[] shortOnes = {1};
            int[] inFlight = {0};
            Reaper.until(ring, (ud, res, fl) -> {
                assertTrue(res > 0, () -> "send: " + Errno.name(res));
                inFlight[0] = 0;
                done[0] += res;
                if (done[0] < sent.length) {
                    shortOnes[0]++;
                }
            }, () -> {
                if (done[0] < sent.length && inFlight[0] == 0) {
                    ring.send(conn, src.address() + done[0], (int) (sent.length - done[0]), SEND);
                    inFlight[0] = 1;
                }
                return done[0] == sent.length;
            });
            System.out.println("8 MiB sent in " + shortOnes[0] + " short sends and a last one");
            assertArrayEquals(sent, received.get());
            NativeSockets.close(conn);
        } finally {
            reader.shutdownNow();
            NativeSockets.close(lfd);
        }
    }

    @Test
    void aPeerResetMidSendIsAnErrorResultNotASignal() throws Exception {
        int lfd = NativeSockets.listenLoopback(4);
        try (Ring ring = Ring.open(8, 16); Arena arena = Arena.ofConfined();
                Socket client = connect(NativeSockets.port(lfd))) {
            int conn = acceptOne(ring, lfd);
            int chunk = 1 << 20;
            MemorySegment src = arena.allocate(chunk);
            int[] last = {Integer.MIN_VALUE};
            int[] sends = {0};
            // Fill the path while the peer reads nothing, then the peer resets with a send in flight.
            ring.send(conn, src.address(), chunk, SEND);
            sends[0]++;
            Reaper.until(ring, (ud, res, fl) -> last[0] = res, () -> last[0] != Integer.MIN_VALUE);
            assertTrue(last[0] > 0);
            ring.send(conn, src.address(), chunk, SEND);
            sends[0]++;
            ring.enter(0, 0);
            InputStream in = client.getInputStream();
            in.readNBytes(1000);
            client.setSoLinger(true, 0);
            client.close(); // RST
            last[0] = Integer.MIN_VALUE;
            boolean[] failed = {false};
            Reaper.until(ring, (ud, res, fl) -> {
                last[0] = res;
                if (res < 0) {
                    failed[0] = true;
                }
            }, () -> {
                if (!failed[0] && last[0] != Integer.MIN_VALUE) {
                    last[0] = Integer.MIN_VALUE;
                    ring.send(conn, src.address(), chunk, SEND);
                    sends[0]++;
                }
                return failed[0];
            });
            System.out.println("reset surfaced after " + sends[0] + " sends as " + Errno.name(last[0]));
            assertTrue(last[0] == -Errno.EPIPE || last[0] == -Errno.ECONNRESET, Errno.name(last[0]));
            NativeSockets.close(conn);
        } finally {
            NativeSockets.close(lfd);
        }
    }

    @Test
    void cancellingInFlightOperations() throws Exception {
        int lfd = NativeSockets.listenLoopback(4);
        try (Ring ring = Ring.open(8, 16); Arena arena = Arena.ofConfined();
                Socket client = connect(NativeSockets.port(lfd))) {
            int conn = acceptOne(ring, lfd);
            MemorySegment buf = arena.allocate(64);
            // By user data: the receive waits (nothing was sent), the cancel finds it.
            ring.recv(conn, buf.address(), 64, RECV);
            ring.enter(0, 0);
            assertEquals(1, ring.inFlight());
            ring.cancel(RECV, 9);
            List<Cqe> got = new ArrayList<>();
            Reaper.until(ring, (ud, res, fl) -> got.add(new Cqe(ud, res, fl)), () -> got.size() == 2);
            assertTrue(got.contains(new Cqe(RECV, -Errno.ECANCELED, 0)), got.toString());
            assertTrue(got.contains(new Cqe(9, 0, 0)), got.toString());
            // By descriptor, before closing it (a close alone leaves the kernel's operation holding
            // the file): both the multishot accept and a receive end.
            BufferRing buffers = BufferRing.register(ring, 4, 2, 64);
            ring.recvSelect(conn, 4, true, RECV);
            ring.accept(lfd, true, ACCEPT);
            ring.enter(0, 0);
            got.clear();
            ring.cancelFd(conn, 10);
            ring.cancelFd(lfd, 11);
            ring.close(conn, CLOSE);
            Reaper.until(ring, (ud, res, fl) -> got.add(new Cqe(ud, res, fl)), () -> ring.inFlight() == 0);
            assertTrue(got.contains(new Cqe(RECV, -Errno.ECANCELED, 0)), got.toString());
            assertTrue(got.contains(new Cqe(ACCEPT, -Errno.ECANCELED, 0)), got.toString());
            assertTrue(got.contains(new Cqe(10, 1, 0)), "one operation on the connection: " + got);
            assertTrue(got.contains(new Cqe(11, 1, 0)), "one on the listener: " + got);
            assertTrue(got.contains(new Cqe(CLOSE, 0, 0)), got.toString());
            // The cancel of something already done says so.
            got.clear();
            ring.cancel(RECV, 12);
            Reaper.until(ring, (ud, res, fl) -> got.add(new Cqe(ud, res, fl)), () -> got.size() == 1);
            assertEquals(new Cqe(12, -Errno.ENOENT, 0), got.get(0));
            buffers.close();
        } finally {
            NativeSockets.close(lfd);
        }
    }

    @Test
    void closingARingWithOperationsInFlightCancelsAndHandsBackWhatCompletes() throws Exception {
        int lfd = NativeSockets.listenLoopback(4);
        try (Socket client = connect(NativeSockets.port(lfd))) {
            Ring ring = Ring.open(8, 16);
            int conn = acceptOne(ring, lfd);
            BufferRing buffers = BufferRing.register(ring, 5, 4, 64);
            ring.recvSelect(conn, 5, true, RECV);
            ring.accept(lfd, true, ACCEPT);
            ring.enter(0, 0);
            assertEquals(2, ring.inFlight());
            List<Cqe> leftovers = new ArrayList<>();
            ring.close((ud, res, fl) -> leftovers.add(new Cqe(ud, res, fl)));
            assertTrue(ring.quiescent(), "every operation completed before the ring let go");
            assertTrue(leftovers.contains(new Cqe(RECV, -Errno.ECANCELED, 0)), leftovers.toString());
            assertTrue(leftovers.contains(new Cqe(ACCEPT, -Errno.ECANCELED, 0)), leftovers.toString());
            long before = NativeMemory.allocatedBytes();
            buffers.close();
            assertTrue(NativeMemory.allocatedBytes() < before, "the buffer ring's memory was freed");
            NativeSockets.close(conn);
        } finally {
            NativeSockets.close(lfd);
        }
    }
}
