package dev.weft.codec.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every frame shape RFC 6455 §5 allows, and every one it refuses (Autobahn cases 1.x, 2.x, 3.x, 4.x, 5.x, 9.x). */
class FrameDecoderTest {
    private static final byte[] KEY = {1, 2, 3, 4};

    private static FrameDecoder server() {
        return new FrameDecoder(new WebSocketLimits(1000, 5000), true, false);
    }

    private static ByteBuffer masked(Opcode op, boolean fin, byte[] payload) {
        return FrameEncoder.frame(op, fin, false, payload, KEY);
    }

    private static int refused(FrameDecoder d, ByteBuffer in) {
        return assertThrows(WebSocketException.class, () -> d.decode(in)).closeCode();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 1000})
    void decodesMaskedFramesOfEveryLengthForm(int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (i * 7);
        }
        Frame f = server().decode(masked(Opcode.BINARY, true, payload));
        assertEquals(Opcode.BINARY, f.opcode());
        assertTrue(f.fin());
        assertArrayEquals(payload, f.payload());
    }

    @Test
    void decodesOneByteAtATime() {
        byte[] payload = "Hello, frames".getBytes(StandardCharsets.UTF_8);
        ByteBuffer all = masked(Opcode.TEXT, false, payload);
        FrameDecoder d = server();
        Frame f = null;
        while (all.hasRemaining()) {
            assertNull(f, "a frame before its last byte");
            f = d.decode(all.slice(all.position(), 1));
            all.position(all.position() + 1);
        }
        assertEquals(Opcode.TEXT, f.opcode());
        assertFalse(f.fin());
        assertArrayEquals(payload, f.payload());
    }

    @Test
    void decodesTwoFramesFromOneBuffer() {
        ByteBuffer both = ByteBuffer.allocate(64);
        both.put(masked(Opcode.TEXT, true, "a".getBytes(StandardCharsets.UTF_8)));
        both.put(masked(Opcode.PING, true, "b".getBytes(StandardCharsets.UTF_8)));
        both.flip();
        FrameDecoder d = server();
        assertEquals(Opcode.TEXT, d.decode(both).opcode());
        assertEquals(Opcode.PING, d.decode(both).opcode());
        assertFalse(both.hasRemaining());
    }

    @Test
    void unmaskedClientFrameIsAProtocolError() {
        assertEquals(CloseCodes.PROTOCOL_ERROR, refused(server(), FrameEncoder.frame(Opcode.TEXT, true, false, new byte[3], null)));
    }

    @Test
    void maskedServerFrameIsAProtocolErrorForAClient() {
        FrameDecoder client = new FrameDecoder(WebSocketLimits.defaults(), false, false);
        assertEquals(CloseCodes.PROTOCOL_ERROR, refused(client, masked(Opcode.TEXT, true, new byte[3])));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x20, 0x10, 0x70})
    void reservedBitsAreAProtocolError(int bits) {
        ByteBuffer f = masked(Opcode.TEXT, true, new byte[1]);
        f.put(0, (byte) (f.get(0) | bits));
        assertEquals(CloseCodes.PROTOCOL_ERROR, refused(server(), f));
    }

    @Test
    void rsv1IsAllowedWhenDeflateWasNegotiated() {
        ByteBuffer f = FrameEncoder.frame(Opcode.TEXT, true, true, new byte[1], KEY);
        assertTrue(new FrameDecoder(WebSocketLimits.defaults(), true, true).decode(f).rsv1());
    }

    @Test
    void rsv1OnAControlFrameIsAProtocolErrorEvenWithDeflate() {
        ByteBuffer f = FrameEncoder.frame(Opcode.PING, true, true, new byte[1], KEY);
        assertEquals(CloseCodes.PROTOCOL_ERROR, refused(new FrameDecoder(WebSocketLimits.defaults(), true, true), f));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void reservedOpcodesAreAProtocolError(int opcode) {
        ByteBuffer f = masked(Opcode.TEXT, true, new byte[1]);
        f.put(0, (byte) (0x80 | opcode));
        assertEquals(CloseCodes.PROTOCOL_ERROR, refused(server(), f));
    }

    @Test
    void fragmentedControlFrameIsAProtocolError() {
        assertEquals(CloseCodes.PROTOCOL_ERROR, refused(server(), masked(Opcode.PING, false, new byte[1])));
    }

    @Test
    void controlFrameOver125BytesIsAProtocolError() {
        ByteBuffer f = masked(Opcode.PING, true, new byte[126]);
        assertEquals(CloseCodes.PROTOCOL_ERROR, refused(server(), f));
    }

    @Test
    void controlFrameOf125BytesIsAccepted() {
        assertEquals(125, server().decode(masked(Opcode.PONG, true, new byte[125])).payload().length);
    }

    @Test
    void frameOverTheLimitIsRefusedFromItsHeader() {
        ByteBuffer header = masked(Opcode.BINARY, true, new byte[1001]).limit(8);
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, refused(server(), header));
    }

    @Test
    void sixtyFourBitLengthWithTopBitSetIsAProtocolError() {
        ByteBuffer f = ByteBuffer.allocate(14);
        f.put((byte) 0x82).put((byte) (0x80 | 127)).putLong(Long.MIN_VALUE + 5).put(KEY).flip();
        assertEquals(CloseCodes.PROTOCOL_ERROR, refused(server(), f));
    }

    @Test
    void hugeSixtyFourBitLengthIsTooBig() {
        ByteBuffer f = ByteBuffer.allocate(14);
        f.put((byte) 0x82).put((byte) (0x80 | 127)).putLong(1L << 40).put(KEY).flip();
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, refused(server(), f));
    }

    @Test
    void encoderUsesTheShortestLengthForm() {
        assertEquals(2 + 125, FrameEncoder.frame(Opcode.TEXT, true, false, new byte[125], null).remaining());
        assertEquals(4 + 126, FrameEncoder.frame(Opcode.TEXT, true, false, new byte[126], null).remaining());
        assertEquals(10 + 65536, FrameEncoder.frame(Opcode.TEXT, true, false, new byte[65536], null).remaining());
    }

    @Test
    void closePayloadIsCutAtACharacterBoundary() {
        byte[] p = FrameEncoder.closePayload(1000, "é".repeat(100));
        assertTrue(p.length <= 125);
        assertEquals("é".repeat(61), Close.parse(p).reason());
    }
}
