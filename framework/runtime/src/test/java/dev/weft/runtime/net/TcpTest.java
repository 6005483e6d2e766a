package dev.weft.runtime.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.Context;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Poll;
import dev.weft.runtime.TaskFailedException;
import dev.weft.runtime.Waits;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class TcpTest {
    private AsyncRuntime rt;

    private AsyncRuntime make(String flavour) {
        rt = flavour.equals("multi") ? AsyncRuntime.builder().workers(2).build() : AsyncRuntime.currentThread();
        return rt;
    }

    @AfterEach
    void close() {
        if (rt != null) {
            rt.close();
        }
    }

    private static InetSocketAddress loopback0() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    /** Echoes until EOF, then half-closes. Hand-written state machine over the poll API. */
    static Async<Long> echo(TcpStream s) {
        ByteBuffer buf = ByteBuffer.allocate(1024);
        return new Async<>() {
            long total;
            boolean writing;

            @Override
            public Poll<Long> poll(Context cx) {
                for (;;) {
                    if (writing) {
                        while (buf.hasRemaining()) {
                            int n = s.pollWrite(cx, buf);
                            if (n == TcpStream.PENDING) {
                                return Poll.pending();
                            }
                        }
                        buf.clear();
                        writing = false;
                    }
                    int n = s.pollRead(cx, buf);
                    if (n == TcpStream.PENDING) {
                        return Poll.pending();
                    }
                    if (n < 0) {
                        s.shutdownOutput();
                        s.close();
                        return Poll.ready(total);
                    }
                    total += n;
                    buf.flip();
                    writing = true;
                }
            }
        };
    }

    static Async<Void> acceptLoop(TcpListener l, int connections) {
        return new Async<>() {
            int accepted;

            @Override
            public Poll<Void> poll(Context cx) {
                while (accepted < connections) {
                    TcpStream s = l.pollAccept(cx);
                    if (s == null) {
                        return Poll.pending();
                    }
                    s.setNoDelay(true);
                    accepted++;
                    AsyncRuntime.spawnHere(echo(s));
                }
                return Poll.ready(null);
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void echoWithBlockingClient(String flavour) throws Exception {
        AsyncRuntime r = make(flavour);
        TcpListener l = TcpListener.bind(loopback0(), 128);
        JoinHandle<Void> server = r.spawn(acceptLoop(l, 1));
        JoinHandle<String> client = r.spawnBlocking(() -> {
            try (Socket s = new Socket(l.localAddress().getAddress(), l.localAddress().getPort())) {
                OutputStream out = s.getOutputStream();
                out.write("hello weft".getBytes(StandardCharsets.US_ASCII));
                s.shutdownOutput();
                InputStream in = s.getInputStream();
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
        });
        assertEquals("hello weft", r.blockOn(client));
        r.blockOn(server);
        l.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi", "current"})
    void asyncClientsManyConnectionsLargePayload(String flavour) {
        AsyncRuntime r = make(flavour);
        TcpListener l = TcpListener.bind(loopback0(), 128);
        int conns = 8;
        r.spawn(acceptLoop(l, conns));
        byte[] payload = new byte[256 * 1024];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        List<JoinHandle<byte[]>> clients = new ArrayList<>();
        for (int c = 0; c < conns; c++) {
            clients.add(r.spawn(TcpStream.connect(l.localAddress()).flatMap(s -> {
                // write and read concurrently: the echo would dead-lock a write-then-read client
                ByteBuffer received = ByteBuffer.allocate(payload.length + 1);
                Async<Void> write = s.writeAll(ByteBuffer.wrap(payload)).map(v -> {
                    s.shutdownOutput();
                    return null;
                });
                Async<byte[]> read = new Async<>() {
                    @Override
                    public Poll<byte[]> poll(Context cx) {
                        for (;;) {
                            int n = s.pollRead(cx, received);
                            if (n == TcpStream.PENDING) {
                                return Poll.pending();
                            }
                            if (n < 0) {
                                s.close();
                                byte[] out = new byte[received.position()];
                                received.flip().get(out);
                                return Poll.ready(out);
                            }
                        }
                    }
                };
                return Async.join(write, read).map(list -> (byte[]) list.get(1));
            })));
        }
        for (byte[] got : r.blockOn(Async.join(clients))) {
            assertTrue(java.util.Arrays.equals(payload, got));
        }
        l.close();
    }

    @Test
    void closeWakesPendingAcceptAndRead() {
        AsyncRuntime r = make("multi");
        TcpListener l = TcpListener.bind(loopback0(), 16);
        // Waiting for a connection that never comes: only the close can wake it.
        JoinHandle<TcpStream> pendingAccept = Waits.spawnWaiting(r, l.accept(),
                "the accept never waited for a connection");
        l.close();
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> r.blockOn(pendingAccept));
        assertTrue(e.getCause() instanceof UncheckedIOException);
        assertFalse(l.isOpen());
        l.close(); // idempotent
    }

    @Test
    void localCloseWakesPendingReadWithEof() {
        AsyncRuntime r = make("multi");
        TcpListener l = TcpListener.bind(loopback0(), 16);
        JoinHandle<TcpStream> acc = r.spawn(l.accept());
        TcpStream client = r.blockOn(TcpStream.connect(l.localAddress()));
        TcpStream server = r.blockOn(acc);
        // Waiting for bytes that never come: only the close can wake it.
        JoinHandle<Integer> read = Waits.spawnWaiting(r, server.read(ByteBuffer.allocate(16)),
                "the read never waited for bytes");
        assertFalse(read.isFinished());
        server.close();
        assertEquals(Integer.valueOf(-1), r.blockOn(read));
        assertFalse(server.isOpen());
        server.close();
        assertEquals(l.localAddress().getPort(), client.remoteAddress().getPort());
        assertEquals(Integer.valueOf(-1), r.blockOn(client.read(ByteBuffer.allocate(4))));
        client.close();
        l.close();
    }

    @Test
    void connectRefusedFails() {
        AsyncRuntime r = make("current");
        TcpListener l = TcpListener.bind(loopback0(), 1);
        InetSocketAddress addr = l.localAddress();
        l.close();
        assertThrows(UncheckedIOException.class, () -> r.blockOn(TcpStream.connect(addr)));
    }

    @Test
    void reusePortBind() {
        if (!TcpListener.reusePortSupported()) {
            return;
        }
        TcpListener a = TcpListener.bind(loopback0(), 16, true);
        TcpListener b = TcpListener.bind(a.localAddress(), 16, true);
        assertEquals(a.localAddress(), b.localAddress());
        a.close();
        b.close();
    }

    @Test
    void bindConflictFails() {
        TcpListener a = TcpListener.bind(loopback0(), 16);
        assertThrows(UncheckedIOException.class, () -> TcpListener.bind(a.localAddress(), 16));
        a.close();
    }
}
