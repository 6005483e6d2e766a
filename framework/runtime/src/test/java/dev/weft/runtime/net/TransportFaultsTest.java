package dev.weft.runtime.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.Context;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Poll;
import dev.weft.runtime.TaskFailedException;
import dev.weft.runtime.Waits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults at the transport level, each forced by the test, on the transport this suite runs on
 * (the build runs the suite once per transport, {@code -Dweft.transport=nio|epoll}): short reads,
 * short writes and {@code EAGAIN}, a peer that resets (SO_LINGER 0) while we write or read, a
 * close while a read or a write waits, and a runtime shut down with waiters in flight. The
 * outcomes are the ones NIO gives, which the server relies on.
 */
@Timeout(60)
class TransportFaultsTest {
    /** What a write to a reset peer fails with: NIO's messages (the first write, the next ones), on every transport. */
    private static final Set<String> RESET = Set.of("Connection reset by peer", "Broken pipe");

    private AsyncRuntime rt;
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    private AsyncRuntime runtime() {
        rt = AsyncRuntime.builder().workers(2).build();
        return rt;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
        if (rt != null) {
            rt.close();
        }
    }

    /** A listener on the runtime's transport and a connected pair: our stream, the JDK's blocking socket. */
    private record Pair(TcpStream ours, Socket peer) {
    }

    private Pair connect(AsyncRuntime r) throws Exception {
        TcpListener l = TcpListener.bind(r, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16, false);
        closeAfter.add(l);
        Socket peer = new Socket(l.localAddress().getAddress(), l.localAddress().getPort());
        closeAfter.add(peer);
        TcpStream ours = r.blockOn(l.accept());
        closeAfter.add(ours);
        return new Pair(ours, peer);
    }

    private static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + (i >>> 8));
        }
        return b;
    }

    @Test
    void theSuiteRunsOnTheTransportItNames() {
        String named = System.getProperty("weft.transport");
        String actual = runtime().transport();
        if (named != null && !named.equals("auto")) {
            assertEquals(named, actual);
        }
        assertTrue(AsyncRuntime.TRANSPORTS.contains(actual), actual);
    }

    @Test
    void shortReadsIntoHeapAndDirectBuffersKeepEveryByteInOrder() throws Exception {
        AsyncRuntime r = runtime();
        Pair p = connect(r);
        byte[] sent = pattern(1 << 20);
        Thread writer = Thread.ofVirtual().start(() -> {
            try (OutputStream out = p.peer().getOutputStream()) {
                out.write(sent);
                p.peer().shutdownOutput();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        // 7 and 13 bytes at a time: every read is shorter than what the socket holds.
        ByteBuffer[] buffers = {ByteBuffer.allocate(7), ByteBuffer.allocateDirect(13)};
        byte[] got = r.blockOn(new Async<byte[]>() {
            final java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            int turn;

            @Override
            public Poll<byte[]> poll(Context cx) {
                for (;;) {
                    ByteBuffer b = buffers[turn & 1].clear();
                    int n = p.ours().pollRead(cx, b);
                    if (n == TcpStream.PENDING) {
                        return Poll.pending();
                    }
                    if (n < 0) {
                        return Poll.ready(all.toByteArray());
                    }
                    b.flip();
                    byte[] chunk = new byte[n];
                    b.get(chunk);
                    all.writeBytes(chunk);
                    turn++;
                }
            }
        });
        writer.join();
        assertArrayEquals(sent, got);
    }

    /**
     * Bytes and the end of stream after them, arriving while nothing polls, reach the reader in
     * one readiness report (an edge with both "readable" and "peer closed"). The read that returns
     * the bytes is short, so it looks like it drained the socket; the wait after it must still end,
     * and the next read must see the end. A current-thread runtime polls only inside
     * {@code blockOn}, which is how the test makes both arrive unseen.
     */
    @Test
    void bytesAndTheEndAfterThemInOneReportAreBothSeen() throws Exception {
        rt = AsyncRuntime.currentThread();
        Pair p = connect(rt);
        ByteBuffer buf = ByteBuffer.allocate(64);
        // Registered, with nothing to read yet.
        assertEquals(TcpStream.PENDING, (int) rt.blockOn(cx -> Poll.ready(p.ours().pollRead(cx, buf))));
        p.peer().getOutputStream().write(new byte[10]);
        p.peer().shutdownOutput();
        List<Integer> reads = rt.blockOn(new Async<List<Integer>>() {
            final List<Integer> seen = new ArrayList<>();
            boolean waited;

            @Override
            public Poll<List<Integer>> poll(Context cx) {
                if (!waited) {
                    waited = true;
                    p.ours().awaitReadable(cx); // the last read said "nothing": wait for the report
                    return Poll.pending();
                }
                for (;;) {
                    int n = p.ours().pollRead(cx, buf.clear());
                    if (n == TcpStream.PENDING) {
                        return Poll.pending();
                    }
                    seen.add(n);
                    if (n < 0) {
                        return Poll.ready(seen);
                    }
                    // A short read: the socket looks drained, so wait rather than read again.
                    p.ours().awaitReadable(cx);
                    return Poll.pending();
                }
            }
        });
        assertEquals(List.of(10, -1), reads);
    }

    /**
     * Writes {@code total} bytes of {@link #pattern} gathered from a heap, a direct and a
     * read-only heap buffer per round, counting short writes and waits (EAGAIN).
     */
    private static final class PatternWriter implements Async<Void> {
        final TcpStream stream;
        final byte[] data;
        final AtomicInteger pending = new AtomicInteger();
        final AtomicInteger shortWrites = new AtomicInteger();
        final CompletableFuture<Void> firstPending = new CompletableFuture<>();
        int offset;
        ByteBuffer[] round;

        PatternWriter(TcpStream stream, byte[] data) {
            this.stream = stream;
            this.data = data;
        }

        private ByteBuffer[] nextRound() {
            int a = Math.min(1000, data.length - offset);
            int b = Math.min(70_000, data.length - offset - a);
            int c = Math.min(5000, data.length - offset - a - b);
            ByteBuffer heap = ByteBuffer.wrap(data, offset, a).slice();
            ByteBuffer direct = ByteBuffer.allocateDirect(b).put(data, offset + a, b).flip();
            ByteBuffer readOnly = ByteBuffer.wrap(data, offset + a + b, c).slice().asReadOnlyBuffer();
            offset += a + b + c;
            return new ByteBuffer[] {heap, direct, readOnly};
        }

        @Override
        public Poll<Void> poll(Context cx) {
            for (;;) {
                if (round == null || !round[0].hasRemaining() && !round[1].hasRemaining() && !round[2].hasRemaining()) {
                    if (offset == data.length) {
                        stream.shutdownOutput();
                        return Poll.ready(null);
                    }
                    round = nextRound();
                }
                long remaining = round[0].remaining() + round[1].remaining() + round[2].remaining();
                long n = stream.pollWrite(cx, round, 0, 3);
                if (n == TcpStream.PENDING) {
                    pending.incrementAndGet();
                    firstPending.complete(null);
                    return Poll.pending();
                }
                if (n < remaining) {
                    shortWrites.incrementAndGet();
                }
            }
        }
    }

    @Test
    void shortWritesAndEagainDeliverEveryByteInOrder() throws Exception {
        AsyncRuntime r = runtime();
        Pair p = connect(r);
        byte[] data = pattern(8 << 20);
        PatternWriter w = new PatternWriter(p.ours(), data);
        JoinHandle<Void> writing = r.spawn(w);
        // The peer reads nothing until the writer had to wait: the send buffer was full (EAGAIN).
        Waits.awaitIn(r, w.firstPending, "a write waiting for room");
        byte[] got;
        try (InputStream in = p.peer().getInputStream()) {
            got = in.readAllBytes();
        }
        r.blockOn(writing);
        assertArrayEquals(data, got);
        assertTrue(w.pending.get() > 0, "writes waited for room");
        assertTrue(w.shortWrites.get() > 0, "some writes took only part of what they were given");
    }

    /** Fills our send path until a write waits; the peer has read nothing. */
    private static JoinHandle<Void> fillUntilWaiting(AsyncRuntime r, TcpStream s, PatternWriter w) {
        JoinHandle<Void> h = r.spawn(w);
        Waits.awaitIn(r, w.firstPending, "a write waiting for room");
        return h;
    }

    @Test
    void aPeerThatResetsMidWriteFailsTheWriteAsNioDoes() throws Exception {
        AsyncRuntime r = runtime();
        Pair p = connect(r);
        PatternWriter w = new PatternWriter(p.ours(), pattern(64 << 20));
        JoinHandle<Void> writing = fillUntilWaiting(r, p.ours(), w);
        p.peer().setSoLinger(true, 0);
        p.peer().close(); // RST, with our bytes unread in its receive buffer
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> r.blockOn(writing));
        UncheckedIOException io = assertInstanceOf(UncheckedIOException.class, e.getCause());
        assertTrue(RESET.contains(io.getCause().getMessage()), "a reset, not " + io.getCause());
        assertTrue(!(io.getCause() instanceof ClosedChannelException), "the peer reset, we did not close: " + io.getCause());
    }

    @Test
    void aPeerThatResetsWhileWeReadFailsTheReadWithConnectionReset() throws Exception {
        AsyncRuntime r = runtime();
        Pair p = connect(r);
        ByteBuffer buf = ByteBuffer.allocate(64);
        JoinHandle<Integer> reading = Waits.spawnWaiting(r, p.ours().read(buf), "a read waiting");
        p.peer().setSoLinger(true, 0);
        p.peer().close();
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> r.blockOn(reading));
        UncheckedIOException io = assertInstanceOf(UncheckedIOException.class, e.getCause());
        assertInstanceOf(SocketException.class, io.getCause());
        assertEquals("Connection reset", io.getCause().getMessage());
    }

    @Test
    void closingWhileAReadWaitsWakesItWithEndOfStream() throws Exception {
        AsyncRuntime r = runtime();
        Pair p = connect(r);
        JoinHandle<Integer> reading = Waits.spawnWaiting(r, p.ours().read(ByteBuffer.allocate(64)), "a read waiting");
        Thread.ofPlatform().start(p.ours()::close).join(); // from a thread that is not the runtime's
        assertEquals(-1, r.blockOn(reading));
    }

    @Test
    void closingWhileAWriteWaitsWakesItWithAFailure() throws Exception {
        AsyncRuntime r = runtime();
        Pair p = connect(r);
        PatternWriter w = new PatternWriter(p.ours(), pattern(64 << 20));
        JoinHandle<Void> writing = fillUntilWaiting(r, p.ours(), w);
        Thread.ofPlatform().start(p.ours()::close).join();
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> r.blockOn(writing));
        UncheckedIOException io = assertInstanceOf(UncheckedIOException.class, e.getCause());
        assertInstanceOf(ClosedChannelException.class, io.getCause());
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /**
     * Shuts a runtime down while 15 reads, 5 writes (send buffers full) and an accept wait; then
     * closes every socket. Returns the descriptors open afterwards.
     */
    private long shutdownWithWaiters() throws Exception {
        AsyncRuntime r = AsyncRuntime.builder().workers(2).build();
        TcpListener l = TcpListener.bind(r, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64, false);
        List<TcpStream> ours = new ArrayList<>();
        List<Socket> peers = new ArrayList<>();
        List<JoinHandle<?>> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Socket peer = new Socket(l.localAddress().getAddress(), l.localAddress().getPort());
            peers.add(peer);
            TcpStream s = r.blockOn(l.accept());
            ours.add(s);
            if (i % 4 == 0) {
                waiting.add(fillUntilWaiting(r, s, new PatternWriter(s, pattern(16 << 20))));
            } else {
                waiting.add(Waits.spawnWaiting(r, s.read(ByteBuffer.allocate(64)), "a read waiting"));
            }
        }
        waiting.add(Waits.spawnWaiting(r, l.accept(), "an accept waiting"));
        r.shutdown(Duration.ofSeconds(5));
        assertTrue(r.isShutdown());
        for (JoinHandle<?> h : waiting) {
            assertTrue(h.isFinished(), "every waiting task ended with the runtime");
        }
        for (TcpStream s : ours) {
            s.close();
            assertTrue(!s.isOpen());
        }
        l.close();
        for (Socket peer : peers) {
            peer.close();
        }
        return Files.isDirectory(Path.of("/proc/self/fd")) ? openDescriptors() : 0;
    }

    @Test
    void shutdownWithReadsWritesAndAnAcceptInFlightStopsAndReleasesEverySocket() throws Exception {
        // The first round also opens what the JDK keeps open once used; the second must add nothing.
        long afterFirst = shutdownWithWaiters();
        long afterSecond = shutdownWithWaiters();
        assertEquals(afterFirst, afterSecond, "every socket and poller descriptor of the second round is closed");
    }
}
