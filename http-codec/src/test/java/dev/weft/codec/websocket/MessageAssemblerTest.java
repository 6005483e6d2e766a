package dev.weft.codec.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Fragmentation, size, UTF-8, close payload and compression rules (Autobahn cases 5.x, 6.x, 7.x, 9.x, 12.x, 13.x). */
class MessageAssemblerTest {
    private static final WebSocketLimits LIMITS = new WebSocketLimits(1000, 2000);

    private static Frame f(Opcode op, boolean fin, byte[] p) {
        return new Frame(fin, false, op, p);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int refused(Runnable r) {
        return assertThrows(WebSocketException.class, r::run).closeCode();
    }

    @Test
    void reassemblesFragments() {
        MessageAssembler a = new MessageAssembler(LIMITS, null);
        assertNull(a.accept(f(Opcode.TEXT, false, utf8("Hel"))));
        assertNull(a.accept(f(Opcode.CONTINUATION, false, utf8("lo, "))));
        Message m = a.accept(f(Opcode.CONTINUATION, true, utf8("world")));
        assertTrue(m.text());
        assertEquals("Hello, world", new String(m.data(), StandardCharsets.UTF_8));
    }

    @Test
    void emptyFragmentsMakeAnEmptyMessage() {
        MessageAssembler a = new MessageAssembler(LIMITS, null);
        assertNull(a.accept(f(Opcode.BINARY, false, new byte[0])));
        assertEquals(0, a.accept(f(Opcode.CONTINUATION, true, new byte[0])).data().length);
    }

    @Test
    void continuationWithoutAMessageIsAProtocolError() {
        MessageAssembler a = new MessageAssembler(LIMITS, null);
        assertEquals(CloseCodes.PROTOCOL_ERROR, refused(() -> a.accept(f(Opcode.CONTINUATION, true, new byte[1]))));
    }

    @Test
    void newMessageInsideAFragmentedOneIsAProtocolError() {
        MessageAssembler a = new MessageAssembler(LIMITS, null);
        a.accept(f(Opcode.TEXT, false, utf8("a")));
        assertEquals(CloseCodes.PROTOCOL_ERROR, refused(() -> a.accept(f(Opcode.BINARY, true, new byte[1]))));
    }

    @Test
    void messageAtTheLimitPassesAndOneByteMoreIsTooBig() {
        MessageAssembler a = new MessageAssembler(LIMITS, null);
        a.accept(f(Opcode.BINARY, false, new byte[1000]));
        assertEquals(2000, a.accept(f(Opcode.CONTINUATION, true, new byte[1000])).data().length);
        a.accept(f(Opcode.BINARY, false, new byte[1000]));
        a.accept(f(Opcode.CONTINUATION, false, new byte[1000]));
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, refused(() -> a.accept(f(Opcode.CONTINUATION, true, new byte[1]))));
    }

    @Test
    void invalidUtf8FailsAtTheFirstBadFragment() {
        MessageAssembler a = new MessageAssembler(LIMITS, null);
        a.accept(f(Opcode.TEXT, false, utf8("κόσμε")));
        assertEquals(CloseCodes.INVALID_PAYLOAD,
                refused(() -> a.accept(f(Opcode.CONTINUATION, false, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}))));
    }

    @Test
    void characterSplitAcrossFragmentsIsValid() {
        byte[] euro = utf8("€"); // E2 82 AC
        MessageAssembler a = new MessageAssembler(LIMITS, null);
        a.accept(f(Opcode.TEXT, false, new byte[] {euro[0]}));
        a.accept(f(Opcode.CONTINUATION, false, new byte[] {euro[1]}));
        assertEquals("€", new String(a.accept(f(Opcode.CONTINUATION, true, new byte[] {euro[2]})).data(), StandardCharsets.UTF_8));
    }

    @Test
    void textEndingInsideACharacterIsInvalid() {
        MessageAssembler a = new MessageAssembler(LIMITS, null);
        assertEquals(CloseCodes.INVALID_PAYLOAD, refused(() -> a.accept(f(Opcode.TEXT, true, new byte[] {(byte) 0xE2, (byte) 0x82}))));
    }

    @Test
    void binaryIsNotValidatedAsUtf8() {
        MessageAssembler a = new MessageAssembler(LIMITS, null);
        assertArrayEquals(new byte[] {(byte) 0xFF}, a.accept(f(Opcode.BINARY, true, new byte[] {(byte) 0xFF})).data());
    }

    @Test
    void compressedFrameWithoutDeflateIsAProtocolError() {
        MessageAssembler a = new MessageAssembler(LIMITS, null);
        assertEquals(CloseCodes.PROTOCOL_ERROR, refused(() -> a.accept(new Frame(true, true, Opcode.TEXT, new byte[1]))));
    }

    @Test
    void rsv1OnAContinuationIsAProtocolError() {
        PerMessageDeflate pmd = PerMessageDeflate.of(false, false);
        MessageAssembler a = new MessageAssembler(LIMITS, pmd);
        a.accept(new Frame(false, true, Opcode.BINARY, new byte[0]));
        assertEquals(CloseCodes.PROTOCOL_ERROR, refused(() -> a.accept(new Frame(true, true, Opcode.CONTINUATION, new byte[1]))));
    }

    @Test
    void compressedMessagesRoundTripWithContextTakeover() {
        PerMessageDeflate sender = PerMessageDeflate.of(false, false);
        PerMessageDeflate receiver = PerMessageDeflate.of(false, false);
        MessageAssembler a = new MessageAssembler(LIMITS, receiver);
        for (String s : List.of("hello hello hello", "hello hello hello again", "ünïcödé")) {
            byte[] z = sender.deflate(utf8(s));
            Message m = a.accept(new Frame(true, true, Opcode.TEXT, z));
            assertEquals(s, new String(m.data(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void compressedMessageSplitIntoFragments() {
        PerMessageDeflate sender = PerMessageDeflate.of(true, true);
        byte[] z = sender.deflate(utf8("x".repeat(1500)));
        MessageAssembler a = new MessageAssembler(LIMITS, PerMessageDeflate.of(true, true));
        int half = z.length / 2;
        assertNull(a.accept(new Frame(false, true, Opcode.TEXT, java.util.Arrays.copyOfRange(z, 0, half))));
        Message m = a.accept(new Frame(true, false, Opcode.CONTINUATION, java.util.Arrays.copyOfRange(z, half, z.length)));
        assertEquals(1500, m.data().length);
    }

    @Test
    void deflateBombIsTooBigAfterInflation() {
        byte[] bomb = PerMessageDeflate.of(false, false).deflate(new byte[1_000_000]);
        assertTrue(bomb.length < 1000, "the bomb fits in one frame: " + bomb.length);
        MessageAssembler a = new MessageAssembler(LIMITS, PerMessageDeflate.of(false, false));
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, refused(() -> a.accept(new Frame(true, true, Opcode.BINARY, bomb))));
    }

    @Test
    void garbageCompressedDataIsInvalidPayload() {
        MessageAssembler a = new MessageAssembler(LIMITS, PerMessageDeflate.of(false, false));
        assertEquals(CloseCodes.INVALID_PAYLOAD,
                refused(() -> a.accept(new Frame(true, true, Opcode.BINARY, new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2}))));
    }

    @Test
    void compressedInvalidUtf8IsInvalidPayload() {
        byte[] z = PerMessageDeflate.of(false, false).deflate(new byte[] {'a', (byte) 0xC0, (byte) 0x80});
        MessageAssembler a = new MessageAssembler(LIMITS, PerMessageDeflate.of(false, false));
        assertEquals(CloseCodes.INVALID_PAYLOAD, refused(() -> a.accept(new Frame(true, true, Opcode.TEXT, z))));
    }

    @Test
    void closePayloads() {
        assertEquals(new Close(CloseCodes.NO_STATUS, ""), Close.parse(new byte[0]));
        assertEquals(new Close(1000, "bye"), Close.parse(FrameEncoder.closePayload(1000, "bye")));
        assertEquals(new Close(4999, ""), Close.parse(FrameEncoder.closePayload(4999, "")));
        assertEquals(CloseCodes.PROTOCOL_ERROR, refused(() -> Close.parse(new byte[] {3})));
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535}) {
            assertEquals(CloseCodes.PROTOCOL_ERROR, refused(() -> Close.parse(FrameEncoder.closePayload(code, ""))), "code " + code);
        }
        byte[] badReason = {0x03, (byte) 0xE8, (byte) 0xCE, (byte) 0xBA, (byte) 0xE1, (byte) 0xBD};
        assertEquals(CloseCodes.INVALID_PAYLOAD, refused(() -> Close.parse(badReason)));
    }
}
