package dev.weft.server.internal.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.codec.websocket.FrameEncoder;
import dev.weft.codec.websocket.Opcode;
import dev.weft.http.HttpMethod;
import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.server.Request;
import dev.weft.server.UpgradedConnection;
import dev.weft.server.websocket.WebSocket;
import dev.weft.server.websocket.WebSocketConfig;
import dev.weft.server.websocket.WsMessage;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * A session over a scripted socket, polled by hand: a slow application stops the reader, and a
 * slow peer makes senders wait, with what is held bounded in both cases.
 */
class SessionBackpressureTest {
    private static final WebSocketConfig CONFIG = WebSocketConfig.defaults().withKeepAlive(Duration.ZERO, Duration.ofSeconds(1));
    private static final int FRAME_PAYLOAD = 100;

    /** A peer that always has another masked text frame to send, and reads whatever is written (or nothing). */
    static final class ScriptedPeer implements UpgradedConnection {
        final ByteBuffer frame = FrameEncoder.frame(Opcode.TEXT, true, false, "x".repeat(FRAME_PAYLOAD).getBytes(),
                new byte[] {1, 2, 3, 4});
        long served;
        long accepted;
        boolean reading = true;
        boolean sending = true;

        @Override
        public int pollRead(Context cx, ByteBuffer dst) {
            if (!sending) {
                return PENDING;
            }
            int n = 0;
            while (dst.hasRemaining()) {
                if (!frame.hasRemaining()) {
                    frame.rewind();
                }
                int k = Math.min(dst.remaining(), frame.remaining());
                dst.put(frame.slice(frame.position(), k));
                frame.position(frame.position() + k);
                n += k;
            }
            served += n;
            if (served > 16 * 1024 * 1024) {
                throw new AssertionError("the session read " + served + " bytes: nothing holds the reader back");
            }
            return n;
        }

        @Override
        public long pollWrite(Context cx, ByteBuffer[] srcs, int offset, int length) {
            if (!reading) {
                return PENDING;
            }
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                n += srcs[i].remaining();
                srcs[i].position(srcs[i].limit());
            }
            accepted += n;
            return n;
        }

        @Override
        public void shutdownOutput() {
        }

        @Override
        public boolean serverShuttingDown() {
            return false;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 1);
        }
    }

    private static final AtomicInteger WAKES = new AtomicInteger();
    private static final Context CX = () -> WAKES::incrementAndGet;

    private static Session session(ScriptedPeer peer, AtomicReference<WebSocket> socket) {
        return new Session(peer, Request.builder(HttpMethod.GET, "/ws").build(), null, null, CONFIG, ws -> {
            socket.set(ws);
            return Async.never();
        });
    }

    @Test
    void anApplicationThatDoesNotReceiveStopsTheReader() {
        ScriptedPeer peer = new ScriptedPeer();
        AtomicReference<WebSocket> socket = new AtomicReference<>();
        Session s = session(peer, socket);
        for (int i = 0; i < 100; i++) {
            assertFalse(s.poll(CX).isReady());
        }
        long afterOneMessage = peer.served;
        assertTrue(afterOneMessage <= 16 * 1024, "read " + afterOneMessage + " bytes for one waiting message");

        // Each message taken lets the session read on, about one frame's worth at a time.
        for (int i = 0; i < 1000; i++) {
            Poll<Optional<WsMessage>> m = socket.get().receive().poll(CX);
            assertTrue(m.isReady());
            assertEquals(WsMessage.text("x".repeat(FRAME_PAYLOAD)), m.value().orElseThrow());
            s.poll(CX);
        }
        long perFrame = peer.frame.capacity();
        assertTrue(peer.served <= 1001 * perFrame + 16 * 1024,
                "read " + peer.served + " bytes for 1001 messages of " + perFrame + " bytes on the wire");
        s.cancel();
    }

    @Test
    void aPeerThatDoesNotReadMakesSendersWait() {
        ScriptedPeer peer = new ScriptedPeer();
        peer.sending = false;
        peer.reading = false;
        AtomicReference<WebSocket> socket = new AtomicReference<>();
        Session s = session(peer, socket);
        s.poll(CX);
        byte[] tenK = new byte[10 * 1024];
        long queued = 0;
        Async<Void> blocked = null;
        for (int i = 0; i < 1000 && blocked == null; i++) {
            Async<Void> send = socket.get().send(WsMessage.binary(tenK));
            if (send.poll(CX).isReady()) {
                queued += tenK.length;
            } else {
                blocked = send;
            }
            s.poll(CX); // the session moves what it may into its write queue
        }
        assertTrue(blocked != null, "every send completed while the peer read nothing");
        long bound = 2L * CONFIG.sendQueueBytes() + 2 * tenK.length;
        assertTrue(queued <= bound, "queued " + queued + " bytes for a peer that reads nothing (bound " + bound + ")");
        assertFalse(blocked.poll(CX).isReady());

        peer.reading = true; // the peer drains: the waiting sender goes through
        s.poll(CX);
        assertTrue(blocked.poll(CX).isReady());
        assertTrue(peer.accepted >= queued, "accepted " + peer.accepted);
        s.cancel();
    }

    @Test
    void cancellingTheSessionFailsWaitingReceiversAndSenders() {
        ScriptedPeer peer = new ScriptedPeer();
        peer.sending = false;
        AtomicReference<WebSocket> socket = new AtomicReference<>();
        Session s = session(peer, socket);
        s.poll(CX);
        Async<Optional<WsMessage>> receive = socket.get().receive();
        assertFalse(receive.poll(CX).isReady());
        s.cancel();
        assertThrowsClosed(() -> receive.poll(CX));
        assertThrowsClosed(() -> socket.get().send(WsMessage.text("late")).poll(CX));
    }

    private static void assertThrowsClosed(Runnable r) {
        try {
            r.run();
        } catch (dev.weft.server.websocket.WebSocketClosedException expected) {
            return;
        }
        throw new AssertionError("expected WebSocketClosedException");
    }
}
