package dev.weft.runtime.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.Context;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Poll;
import dev.weft.runtime.internal.transport.epoll.EpollTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No native memory and no descriptor leaks per connection: after 100,000 connections opened and
 * closed through the runtime's transport (connected by {@link TcpStream#connect}, accepted by a
 * {@link TcpListener}, each sending a byte, closed by the server, then reset by the client), the
 * epoll transport's native memory (by its own accounting) and the open descriptors (on every
 * transport) are what they were before, once the runtime is closed; a warm-up on another runtime
 * runs first. The client resets (SO_LINGER 0) once the server
 * closed, so that no connection lingers in TIME_WAIT and the loopback's ephemeral ports last.
 */
class ConnectionChurnTest {
    private static final int CONNECTIONS = Integer.getInteger("weft.churn.connections", 100_000);
    /** Clients connecting at once. */
    private static final int PARALLEL = 16;

    @Test
    @Timeout(600)
    void nativeMemoryAndDescriptorsReturnToTheirBaselineAfter100000Connections() throws Exception {
        // Warm-up on a runtime of its own: thread scratch, the JDK's caches.
        try (AsyncRuntime warm = AsyncRuntime.builder().workers(2).build()) {
            churn(warm, 2_000);
        }
        long fds = openDescriptors();
        long nativeBytes = nativeBytesInUse();
        // Closing the runtime closes its pollers, by which time NIO has really closed every socket
        // it was asked to (a registered channel's close waits for its selector to let go).
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(2).build()) {
            churn(rt, CONNECTIONS);
        }
        assertEquals(nativeBytes, nativeBytesInUse(), "native bytes the transport holds");
        assertEquals(fds, openDescriptors(), "open descriptors");
    }

    /** The epoll transport's own accounting (zero on NIO, whose native memory is the JDK's). */
    private static long nativeBytesInUse() {
        return EpollTransport.nativeBytesInUse();
    }

    private static long openDescriptors() throws IOException {
        Path dir = Path.of("/proc/self/fd");
        if (!Files.isDirectory(dir)) {
            return 0; // not Linux: the native memory is still checked
        }
        try (Stream<Path> fds = Files.list(dir)) {
            return fds.count();
        }
    }

    /** Opens and closes {@code n} connections on a listener of its own; returns once the server side closed every one. */
    private static void churn(AsyncRuntime rt, int n) {
        TcpListener l = TcpListener.bind(rt, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024, false);
        AtomicInteger serverClosed = new AtomicInteger();
        CompletableFuture<Void> allClosed = new CompletableFuture<>();
        JoinHandle<Void> acceptor = rt.spawn(new Async<Void>() {
            int accepted;

            @Override
            public Poll<Void> poll(Context cx) {
                while (accepted < n) {
                    TcpStream s = l.pollAccept(cx);
                    if (s == null) {
                        return Poll.pending();
                    }
                    accepted++;
                    AsyncRuntime.spawnHere(drainThenClose(s, serverClosed, n, allClosed));
                }
                return Poll.ready(null);
            }
        });
        List<JoinHandle<Void>> clients = new ArrayList<>();
        for (int c = 0; c < PARALLEL; c++) {
            int share = n / PARALLEL + (c < n % PARALLEL ? 1 : 0);
            clients.add(rt.spawn(client(l.localAddress(), share)));
        }
        for (JoinHandle<Void> c : clients) {
            rt.blockOn(c);
        }
        rt.blockOn(acceptor);
        rt.blockOn(Async.fromFuture(allClosed));
        l.close();
    }

    /** Reads the client's byte (or its end of stream, or a reset), then closes. */
    private static Async<Void> drainThenClose(TcpStream s, AtomicInteger closed, int n, CompletableFuture<Void> all) {
        ByteBuffer buf = ByteBuffer.allocate(16);
        return cx -> {
            try {
                if (s.pollRead(cx, buf.clear()) == TcpStream.PENDING) {
                    return Poll.pending();
                }
            } catch (UncheckedIOException reset) {
                // closed by a reset before its byte was read: closing is all there is to do
            }
            s.close();
            if (closed.incrementAndGet() == n) {
                all.complete(null);
            }
            return Poll.ready(null);
        };
    }

    /**
     * Connects {@code count} times, one after the other: sends a byte, waits for the server to
     * close, then resets (SO_LINGER 0), which also ends the server side's TIME_WAIT. Waiting for
     * the server keeps the connections in flight at {@link #PARALLEL}: clients that ran ahead of
     * the acceptor would overflow the backlog, and the kernel would drop their SYNs.
     */
    private static Async<Void> client(InetSocketAddress to, int count) {
        ByteBuffer one = ByteBuffer.allocate(1);
        ByteBuffer in = ByteBuffer.allocate(16);
        return new Async<>() {
            int done;
            Async<TcpStream> connecting;
            TcpStream open;

            @Override
            public Poll<Void> poll(Context cx) {
                while (done < count) {
                    if (open == null) {
                        if (connecting == null) {
                            connecting = TcpStream.connect(to);
                            one.clear();
                        }
                        Poll<TcpStream> p = connecting.poll(cx);
                        if (!p.isReady()) {
                            return Poll.pending();
                        }
                        open = p.value();
                        connecting = null;
                    }
                    if (one.hasRemaining() && open.pollWrite(cx, one) == TcpStream.PENDING) {
                        return Poll.pending();
                    }
                    int r;
                    try {
                        r = open.pollRead(cx, in.clear());
                    } catch (UncheckedIOException e) {
                        r = -1; // the server's close may reach us as a reset
                    }
                    if (r == TcpStream.PENDING) {
                        return Poll.pending();
                    }
                    if (r >= 0) {
                        throw new AssertionError("the server sends nothing, yet " + r + " bytes came");
                    }
                    open.setOption(StandardSocketOptions.SO_LINGER, 0);
                    open.close();
                    open = null;
                    done++;
                }
                return Poll.ready(null);
            }
        };
    }
}
