package dev.weft.runtime.internal.transport.uring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.Waker;
import dev.weft.runtime.internal.linux.NativeMemory;
import dev.weft.runtime.internal.transport.Placement;
import dev.weft.runtime.internal.transport.Poller;
import dev.weft.runtime.internal.transport.Reactor;
import dev.weft.runtime.internal.transport.StreamIo;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The io_uring transport's handles driven by one poller on the test thread (a reactor of the
 * test's own, so every step is the test's): faults that need the ring in a given state, such as
 * a receive in flight when the stream closes, every provided buffer held, or a poller closed
 * with operations in flight.
 */
@Tag("transport-independent")
@Timeout(120)
class UringTransportTest {

    /** A reactor whose owner is the test thread. */
    static final class TestReactor implements Reactor, Placement {
        final UringPoller poller;

        TestReactor() throws IOException {
            poller = new UringPoller();
        }

        @Override
        public Poller poller() {
            return poller;
        }

        @Override
        public void wakeIfParked() {
            poller.wakeup();
        }

        @Override
        public void afterNextPoll(Runnable action) {
            action.run();
        }

        @Override
        public Reactor reactor() {
            return this;
        }

        /** Polls (in slices) until {@code done}. */
        void until(BooleanSupplier done) throws IOException {
            poller.poll(0);
            while (!done.getAsBoolean()) {
                poller.poll(50);
            }
        }
    }

    static final class CountingWaker implements Waker {
        final AtomicInteger wakes = new AtomicInteger();

        @Override
        public void wake() {
            wakes.incrementAndGet();
        }
    }

    private static Socket connect(UringListener l) throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), l.localAddress().getPort());
    }

    private static UringListener listen(TestReactor r) throws IOException {
        return UringListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512, false, r);
    }

    /** Accepts {@code n} connections through the listener's multishot accept. */
    private static List<UringStream> accept(TestReactor r, UringListener l, int n) throws IOException {
        List<UringStream> out = new ArrayList<>();
        CountingWaker w = new CountingWaker();
        r.until(() -> {
            try {
                for (UringStream s; (s = l.pollAccept(w, r)) != null; ) {
                    out.add(s);
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return out.size() == n;
        });
        return out;
    }

    private static long openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    @Test
    void aStreamClosedWithAReceiveInFlightIsCancelledThenItsDescriptorClosed() throws Exception {
        TestReactor r = new TestReactor();
        UringListener l = listen(r);
        try (Socket client = connect(l)) {
            UringStream s = accept(r, l, 1).get(0);
            CountingWaker reader = new CountingWaker();
            assertEquals(StreamIo.PENDING, s.pollRead(reader, ByteBuffer.allocate(64)));
            r.until(s::receiveInFlight);
            // Another thread closes while the kernel holds the receive.
            Thread closer = Thread.ofPlatform().start(() -> {
                try {
                    s.close();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            closer.join();
            assertEquals(1, reader.wakes.get(), "the waiting reader is woken by the close");
            assertThrows(ClosedChannelException.class, () -> s.pollRead(reader, ByteBuffer.allocate(64)));
            r.until(s::isReleased);
            assertEquals(-1, client.getInputStream().read(), "the peer sees the descriptor closed");
        } finally {
            r.poller.close();
        }
    }

    @Test
    void moreConnectionsWithDataThanProvidedBuffersAllGetEveryByte() throws Exception {
        int n = UringPoller.BUFFERS + 44;
        TestReactor r = new TestReactor();
        List<Socket> clients = new ArrayList<>();
        UringListener l = listen(r);
        try {
            byte[][] sent = new byte[n][];
            for (int i = 0; i < n; i++) {
                clients.add(connect(l));
            }
            List<UringStream> streams = accept(r, l, n);
            // Match streams to clients by the client's port.
            UringStream[] byClient = new UringStream[n];
            for (UringStream s : streams) {
                int port = s.remoteAddress().getPort();
                for (int i = 0; i < n; i++) {
                    if (clients.get(i).getLocalPort() == port) {
                        byClient[i] = s;
                    }
                }
            }
            Random random = new Random(7);
            for (int i = 0; i < n; i++) {
                sent[i] = new byte[4096];
                random.nextBytes(sent[i]);
                clients.get(i).getOutputStream().write(sent[i]);
            }
            // Each stream reads one byte and holds the rest of its buffer.
            ByteBuffer[] got = new ByteBuffer[n];
            CountingWaker w = new CountingWaker();
            for (int i = 0; i < n; i++) {
                got[i] = ByteBuffer.allocate(4096);
                assertEquals(StreamIo.PENDING, byClient[i].pollRead(w, got[i].limit(1)));
            }
            int[] holding = {0};
            r.until(() -> {
                holding[0] = 0;
                int starved = 0;
                for (UringStream s : byClient) {
                    holding[0] += s.holdsBuffer() ? 1 : 0;
                    starved += s.isStarved() ? 1 : 0;
                }
                return holding[0] == UringPoller.BUFFERS && starved == n - UringPoller.BUFFERS;
            });
            // Every buffer is held, the others wait for one; now read everything.
            r.until(() -> {
                boolean all = true;
                for (int i = 0; i < n; i++) {
                    if (got[i].limit() == 1 && got[i].position() == 0) {
                        try {
                            byClient[i].pollRead(w, got[i]);
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                    }
                    if (got[i].position() >= 1) {
                        got[i].limit(4096);
                    }
                    while (got[i].hasRemaining() && got[i].position() >= 1) {
                        try {
                            if (byClient[i].pollRead(w, got[i]) == StreamIo.PENDING) {
                                break;
                            }
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                    }
                    all &= !got[i].hasRemaining();
                }
                return all;
            });
            for (int i = 0; i < n; i++) {
                assertArrayEquals(sent[i], got[i].array(), "connection " + i);
                byClient[i].close();
            }
            r.until(() -> r.poller.isEmptyButFor(l));
        } finally {
            for (Socket c : clients) {
                c.close();
            }
            r.poller.close();
        }
    }

    /**
     * A body larger than a provided buffer, sent in bursts with pauses between them: after a
     * receive fills its buffer the reads go straight from the socket, an empty one hands back to
     * the ring, and every byte arrives once, in order, whatever buffer (heap or direct, large or
     * small) the reader offers.
     */
    @Test
    void aLargeBodyIsReadStraightFromTheSocketBetweenRingReceivesAndKeepsItsOrder() throws Exception {
        TestReactor r = new TestReactor();
        UringListener l = listen(r);
        byte[] sent = new byte[3 * 1024 * 1024 + 17];
        new Random(11).nextBytes(sent);
        try (Socket client = connect(l)) {
            UringStream s = accept(r, l, 1).get(0);
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    int chunk = 200 * 1024 + 3;
                    for (int off = 0; off < sent.length; off += chunk) {
                        client.getOutputStream().write(sent, off, Math.min(chunk, sent.length - off));
                        Thread.sleep(5); // the socket runs dry now and then: the ring must take over
                    }
                    client.shutdownOutput();
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            ByteBuffer got = ByteBuffer.allocate(sent.length);
            ByteBuffer[] offered = {ByteBuffer.allocateDirect(128 * 1024), ByteBuffer.allocate(16 * 1024),
                ByteBuffer.allocate(100)};
            CountingWaker w = new CountingWaker();
            boolean[] end = {false};
            int[] turn = {0};
            r.until(() -> {
                try {
                    while (true) {
                        ByteBuffer into = offered[turn[0]++ % offered.length].clear();
                        int n = s.pollRead(w, into);
                        if (n == StreamIo.PENDING) {
                            return false;
                        }
                        if (n < 0) {
                            end[0] = true;
                            return true;
                        }
                        assertEquals(n, into.position());
                        got.put(into.flip());
                    }
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            writer.join();
            assertTrue(end[0]);
            assertEquals(sent.length, got.position());
            assertArrayEquals(sent, got.array());
            assertTrue(s.directReads() > 0, "reads went straight from the socket after a full buffer");
            s.close();
            r.until(s::isReleased);
        } finally {
            r.poller.close();
        }
    }

    /**
     * Large writes to a reader slower than the writer: what the socket takes goes straight from
     * the caller's buffers, what it refuses is staged and sent by the ring, and the next direct
     * send waits until the staged bytes are gone, so the reader gets every byte in order.
     */
    @Test
    void largeWritesGoStraightToTheSocketAndWhatItRefusesIsStagedInOrder() throws Exception {
        TestReactor r = new TestReactor();
        UringListener l = listen(r);
        byte[] body = new byte[4 * 1024 * 1024];
        new Random(12).nextBytes(body);
        try (Socket client = new Socket()) {
            client.setReceiveBufferSize(16 * 1024);
            client.connect(l.localAddress());
            UringStream s = accept(r, l, 1).get(0);
            s.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 16 * 1024);
            byte[] got = new byte[body.length];
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    InputStream in = client.getInputStream();
                    int off = 0;
                    while (off < got.length) {
                        int n = in.read(got, off, Math.min(7000, got.length - off));
                        if (n < 0) {
                            break;
                        }
                        off += n;
                        if (off % 5 == 0) {
                            Thread.sleep(1);
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            ByteBuffer direct = ByteBuffer.allocateDirect(64 * 1024 + 5);
            CountingWaker w = new CountingWaker();
            int[] off = {0};
            int[] turn = {0};
            r.until(() -> {
                try {
                    while (off[0] < body.length) {
                        long n;
                        int len = Math.min(64 * 1024 + 5, body.length - off[0]);
                        if (turn[0] % 2 == 0) {
                            // a small heap head and a large direct body: one gathering write
                            int head = Math.min(9, len);
                            direct.clear().put(body, off[0] + head, len - head).flip();
                            ByteBuffer[] srcs = {ByteBuffer.wrap(body, off[0], head), direct};
                            n = s.pollWrite(w, srcs, 0, 2);
                        } else {
                            n = s.pollWrite(w, ByteBuffer.wrap(body, off[0], len)); // one heap buffer
                        }
                        if (n == StreamIo.PENDING) {
                            return false;
                        }
                        off[0] += (int) n;
                        turn[0]++;
                    }
                    return true;
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            r.until(() -> !reader.isAlive()); // the ring sends what was staged
            reader.join();
            assertArrayEquals(body, got);
            assertTrue(s.directSends() > 0, "sends went straight from the caller's buffers");
            s.close();
            r.until(s::isReleased);
        } finally {
            r.poller.close();
        }
    }

    /**
     * A gathering write of heap buffers is staged as before: sending it directly would first copy
     * it into scratch memory, a copy wasted on whatever the socket refuses. One large heap buffer
     * goes to the socket in place.
     */
    @Test
    void aGatheringWriteOfHeapBuffersIsStagedAndOneLargeHeapBufferGoesInPlace() throws Exception {
        TestReactor r = new TestReactor();
        UringListener l = listen(r);
        byte[] body = new byte[3 * UringStream.DIRECT_SEND];
        new Random(13).nextBytes(body);
        try (Socket client = connect(l)) {
            UringStream s = accept(r, l, 1).get(0);
            CountingWaker w = new CountingWaker();
            ByteBuffer[] srcs = {ByteBuffer.wrap(body, 0, 9), ByteBuffer.wrap(body, 9, UringStream.SEND_BUFFER - 9)};
            assertEquals(UringStream.SEND_BUFFER, s.pollWrite(w, srcs, 0, 2));
            assertEquals(0, s.directSends(), "heap buffers of a gathering write are staged");
            byte[] all = new byte[body.length];
            int[] got = {0};
            r.until(() -> { // the ring sends what was staged
                try {
                    int avail = client.getInputStream().available();
                    got[0] += client.getInputStream().read(all, got[0], Math.min(avail, UringStream.SEND_BUFFER - got[0]));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                return got[0] == UringStream.SEND_BUFFER && !s.sendInFlight();
            });
            int rest = body.length - UringStream.SEND_BUFFER;
            assertEquals(rest, s.pollWrite(w, ByteBuffer.wrap(body, UringStream.SEND_BUFFER, rest)));
            assertEquals(1, s.directSends(), "one large heap buffer goes to the socket in place");
            client.getInputStream().readNBytes(all, got[0], rest);
            assertArrayEquals(body, all);
            s.close();
            r.until(s::isReleased);
        } finally {
            r.poller.close();
        }
    }

    @Test
    void aLargeWriteToAResetPeerFailsWithTheResetAndTheStreamStillCloses() throws Exception {
        TestReactor r = new TestReactor();
        UringListener l = listen(r);
        try {
            Socket client = connect(l);
            UringStream s = accept(r, l, 1).get(0);
            client.setSoLinger(true, 0);
            client.close(); // a reset
            CountingWaker w = new CountingWaker();
            IOException failed = null;
            for (int i = 0; i < 1000 && failed == null; i++) {
                try {
                    if (s.pollWrite(w, ByteBuffer.allocate(UringStream.DIRECT_SEND * 2)) == StreamIo.PENDING) {
                        r.poller.poll(10);
                    }
                } catch (IOException e) {
                    failed = e;
                }
            }
            assertNotNull(failed, "a write to a reset peer fails");
            assertTrue(failed.getMessage() != null && (failed.getMessage().contains("reset")
                    || failed.getMessage().contains("Broken pipe")), failed.toString());
            s.close();
            r.until(s::isReleased);
        } finally {
            r.poller.close();
        }
    }

    @Test
    void aReadOnlyBufferIsRefused() throws Exception {
        TestReactor r = new TestReactor();
        UringListener l = listen(r);
        try (Socket client = connect(l)) {
            UringStream s = accept(r, l, 1).get(0);
            assertThrows(java.nio.ReadOnlyBufferException.class,
                    () -> s.pollRead(new CountingWaker(), ByteBuffer.allocate(8).asReadOnlyBuffer()));
            s.close();
            r.until(s::isReleased);
        } finally {
            r.poller.close();
        }
    }

    @Test
    void closingThePollerWithOperationsInFlightClosesEveryDescriptorAndFreesItsMemory() throws Exception {
        warmUp();
        long fds = openFds();
        long allocated = NativeMemory.allocatedBytes();
        long mapped = NativeMemory.mappedBytes();
        List<Socket> clients = new ArrayList<>();
        TestReactor r = new TestReactor();
        UringListener l = listen(r);
        for (int i = 0; i < 20; i++) {
            Socket c = new Socket();
            c.setReceiveBufferSize(4096);
            c.connect(l.localAddress());
            clients.add(c);
        }
        List<UringStream> streams = accept(r, l, 20);
        CountingWaker w = new CountingWaker();
        for (UringStream s : streams) {
            assertEquals(StreamIo.PENDING, s.pollRead(w, ByteBuffer.allocate(64))); // receive armed
            s.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 4096);
            ByteBuffer big = ByteBuffer.allocate(UringStream.SEND_BUFFER);
            assertEquals(UringStream.SEND_BUFFER, s.pollWrite(w, big)); // staged; the peer never reads
        }
        assertNull(l.pollAccept(w, r)); // the multishot accept stays armed
        r.until(() -> streams.stream().allMatch(s -> s.receiveInFlight() && s.sendInFlight()));
        r.poller.close(); // the runtime's shutdown, with all of it in flight
        for (Socket c : clients) {
            InputStream in = c.getInputStream();
            try {
                while (in.read(new byte[8192]) >= 0) {
                    // what was sent before the close
                }
            } catch (SocketException reset) {
                // closed with unread input on its side: also an end
            }
            c.close();
        }
        assertTrue(w.wakes.get() > 0);
        assertEquals(fds, openFds(), "every descriptor closed");
        assertEquals(allocated, NativeMemory.allocatedBytes(), "native memory back to its baseline");
        assertEquals(mapped, NativeMemory.mappedBytes(), "ring memory unmapped");
    }

    @Test
    void aStreamFirstUsedAfterItsPollerClosedIsClosedNotLeftWaiting() throws Exception {
        TestReactor r = new TestReactor();
        UringListener l = listen(r);
        try (Socket client = connect(l)) {
            UringStream s = accept(r, l, 1).get(0); // accepted, not yet registered: no I/O yet
            r.poller.close(); // the runtime shuts down
            CountingWaker reader = new CountingWaker();
            assertEquals(StreamIo.PENDING, s.pollRead(reader, ByteBuffer.allocate(8)));
            assertEquals(1, reader.wakes.get(), "woken, to find the stream closed");
            assertTrue(s.isReleased());
            assertEquals(-1, client.getInputStream().read(), "its descriptor is closed");
        }
    }

    /**
     * A draining server stops accepting before it closes: the multishot accept is cancelled, what
     * it took is still handed out, and a client arriving after that stays in the kernel's queue
     * (for a successor on the port, or to be refused at the close) instead of being taken here
     * and reset by the close, as four were in a rolling restart (ReusePortRestartTest).
     */
    @Test
    void stoppingAcceptsHandsOutWhatWasTakenAndLeavesLaterClientsToTheKernel() throws Exception {
        TestReactor r = new TestReactor();
        UringListener l = listen(r);
        try (Socket early = connect(l)) {
            CountingWaker w = new CountingWaker();
            assertNull(l.pollAccept(w, r)); // arms the multishot accept
            r.until(() -> l.queued() == 1);
            CountingWaker stop = new CountingWaker();
            if (!l.pollStopAccepting(stop)) {
                r.until(() -> stop.wakes.get() > 0);
                assertTrue(l.pollStopAccepting(stop));
            }
            try (Socket late = connect(l)) {
                for (int i = 0; i < 3; i++) {
                    r.poller.poll(0); // turns in which an armed accept would post the late client
                }
                assertEquals(1, l.queued(), "a client that came after the stop was taken ahead");
                UringStream s = l.pollAccept(w, r);
                assertNotNull(s, "what was taken before the stop is still handed out");
                assertNull(l.pollAccept(w, r));
                r.poller.poll(0);
                assertEquals(0, l.queued(), "taking from the queue armed the accept again");
                s.close();
                l.close();
                r.until(() -> l.pollReleased(new CountingWaker()));
                // The late client was never accepted here: with no other listener on the port,
                // the kernel resets it when the listening socket goes.
                late.setSoTimeout(10_000);
                assertThrows(java.net.SocketException.class, () -> late.getInputStream().read());
            }
        } finally {
            r.poller.close();
        }
    }

    /**
     * A client that resets before the server takes its connection: NIO's accept still answers
     * with its address, so the server's acceptor never sees a failure there (it read the address
     * and failed, and the acceptor died). The dead one is skipped; the next client is served, and
     * a stream's addresses still answer after its peer resets.
     */
    @Test
    void aClientThatResetBeforeItWasTakenIsSkippedAndAddressesSurviveAReset() throws Exception {
        TestReactor r = new TestReactor();
        UringListener l = listen(r);
        try (Socket gone = connect(l)) {
            CountingWaker w = new CountingWaker();
            assertNull(l.pollAccept(w, r)); // arms the multishot accept
            r.until(() -> l.queued() == 1);
            gone.setSoLinger(true, 0);
            gone.close(); // RST while its socket waits in the accept queue
            try (Socket alive = connect(l)) {
                r.until(() -> l.queued() == 2);
                UringStream s = l.pollAccept(w, r);
                assertEquals(alive.getLocalPort(), s.remoteAddress().getPort(), "the reset one was skipped");
                InetSocketAddress local = s.localAddress();
                alive.setSoLinger(true, 0);
                alive.close();
                ByteBuffer b = ByteBuffer.allocate(8);
                r.until(() -> {
                    try {
                        return s.pollRead(w, b) == StreamIo.PENDING ? false : true;
                    } catch (IOException reset) {
                        return true;
                    }
                });
                assertEquals(alive.getLocalPort(), s.remoteAddress().getPort(), "still known after the reset");
                assertEquals(local, s.localAddress());
                s.close();
            }
        } finally {
            l.close();
            r.poller.close();
        }
    }

    @Test
    void tenThousandConnectionsLeaveNativeMemoryAndDescriptorsAtTheirBaseline() throws Exception {
        warmUp();
        long fds = openFds();
        long allocated = NativeMemory.allocatedBytes();
        TestReactor r = new TestReactor();
        UringListener l = listen(r);
        int total = 10_000;
        CountingWaker w = new CountingWaker();
        ByteBuffer buf = ByteBuffer.allocate(256);
        byte[] hello = "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < total; i++) {
            try (Socket c = connect(l)) {
                c.getOutputStream().write(hello);
                UringStream s = accept(r, l, 1).get(0);
                buf.clear();
                r.until(() -> {
                    try {
                        return s.pollRead(w, buf) != StreamIo.PENDING;
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
                s.pollWrite(w, ByteBuffer.wrap(hello));
                s.close();
                r.poller.poll(0);
                assertEquals(5, c.getInputStream().readNBytes(5).length);
            }
        }
        r.until(() -> r.poller.isEmptyButFor(l));
        l.close();
        r.until(() -> l.pollReleased(w));
        r.poller.close();
        System.out.println(total + " connections: descriptors " + fds + " -> " + openFds() + ", native bytes "
                + allocated + " -> " + NativeMemory.allocatedBytes());
        assertEquals(fds, openFds());
        assertEquals(allocated, NativeMemory.allocatedBytes());
    }

    private static void warmUp() throws Exception {
        TestReactor r = new TestReactor();
        UringListener l = listen(r);
        try (Socket c = connect(l)) {
            UringStream s = accept(r, l, 1).get(0);
            s.pollWrite(new CountingWaker(), ByteBuffer.wrap(new byte[] {1}));
            s.close();
            r.poller.poll(0);
        }
        l.close();
        r.poller.close();
    }
}
