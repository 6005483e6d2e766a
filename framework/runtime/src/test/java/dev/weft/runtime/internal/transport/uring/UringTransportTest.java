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
