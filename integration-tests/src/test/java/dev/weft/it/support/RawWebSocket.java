package dev.weft.it.support;

import dev.weft.codec.websocket.Frame;
import dev.weft.codec.websocket.FrameDecoder;
import dev.weft.codec.websocket.FrameEncoder;
import dev.weft.codec.websocket.Opcode;
import dev.weft.codec.websocket.WebSocketLimits;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * A WebSocket client over a plain socket, for tests that must break the rules (unmasked frames,
 * bad UTF-8, bad close codes) or watch the wire. Frames it reads are decoded as a client decodes
 * them (server frames unmasked).
 */
public final class RawWebSocket implements AutoCloseable {
    private static final byte[] MASK = {0x11, 0x22, 0x33, 0x44};

    public final Socket socket;
    public final String responseHead;
    private final InputStream in;
    private final FrameDecoder decoder = new FrameDecoder(new WebSocketLimits(1 << 24, 1 << 24), false, false);
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024).flip();

    private RawWebSocket(Socket socket, String responseHead) throws IOException {
        this.socket = socket;
        this.responseHead = responseHead;
        this.in = socket.getInputStream();
    }

    /** Connects and completes the opening handshake at {@code path}; fails unless the answer is 101. */
    public static RawWebSocket open(int port, String path) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port));
        s.setSoTimeout(20_000);
        Wire.send(s, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        String head = Wire.readHead(s.getInputStream());
        if (head == null || !head.startsWith("HTTP/1.1 101")) {
            s.close();
            throw new IOException("no 101: " + head);
        }
        return new RawWebSocket(s, head);
    }

    /** Sends a masked frame, as a client must. */
    public void send(Opcode op, boolean fin, byte[] payload) throws IOException {
        write(FrameEncoder.frame(op, fin, false, payload, MASK));
    }

    /** Sends an unmasked frame, which a server must refuse. */
    public void sendUnmasked(Opcode op, byte[] payload) throws IOException {
        write(FrameEncoder.frame(op, true, false, payload, null));
    }

    public void write(ByteBuffer frame) throws IOException {
        byte[] b = new byte[frame.remaining()];
        frame.get(b);
        socket.getOutputStream().write(b);
        socket.getOutputStream().flush();
    }

    /** The next frame from the server, or null at end of stream. */
    public Frame read() throws IOException {
        for (;;) {
            if (buffer.hasRemaining()) {
                Frame f = decoder.decode(buffer);
                if (f != null) {
                    return f;
                }
            }
            buffer.clear();
            int n = in.read(buffer.array(), 0, buffer.capacity());
            if (n < 0) {
                buffer.limit(0);
                return null;
            }
            buffer.limit(n);
        }
    }

    /** True when the server closed its side: the next read is end of stream. */
    public boolean atEof() throws IOException {
        return !buffer.hasRemaining() && in.read() < 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
