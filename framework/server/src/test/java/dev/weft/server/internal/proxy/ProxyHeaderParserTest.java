package dev.weft.server.internal.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ProxyHeaderParser}: every valid shape of v1 and v2, byte by byte, and every malformed one. */
@Tag("transport-independent")
class ProxyHeaderParserTest {
    private static final byte[] SIG = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final byte[] AFTER = "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A v2 header: command, family/transport byte, body (addresses and TLVs). */
    private static byte[] v2(int verCmd, int famProto, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(16 + body.length);
        b.put(SIG).put((byte) verCmd).put((byte) famProto).putShort((short) body.length).put(body);
        return b.array();
    }

    private static byte[] inet4(String src, String dst, int sport, int dport) {
        ByteBuffer b = ByteBuffer.allocate(12);
        b.put(InetAddress.ofLiteral(src).getAddress()).put(InetAddress.ofLiteral(dst).getAddress());
        b.putShort((short) sport).putShort((short) dport);
        return b.array();
    }

    private static byte[] inet6(String src, String dst, int sport, int dport) {
        ByteBuffer b = ByteBuffer.allocate(36);
        b.put(InetAddress.ofLiteral(src).getAddress()).put(InetAddress.ofLiteral(dst).getAddress());
        b.putShort((short) sport).putShort((short) dport);
        return b.array();
    }

    private static byte[] tlv(int type, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate(3 + value.length);
        b.put((byte) type).putShort((short) value.length).put(value);
        return b.array();
    }

    /**
     * Feeds {@code header} followed by HTTP bytes one byte more at a time: null until the header
     * is whole, then the header, with the position just past it.
     */
    private static ProxyHeader parseIncrementally(byte[] header) throws ProxyHeaderException {
        byte[] all = concat(header, AFTER);
        for (int n = 0; n < header.length; n++) {
            ByteBuffer partial = ByteBuffer.wrap(all, 0, n);
            assertNull(ProxyHeaderParser.parse(partial), "complete after only " + n + " bytes");
            assertEquals(0, partial.position());
        }
        ByteBuffer whole = ByteBuffer.wrap(all);
        ProxyHeader h = ProxyHeaderParser.parse(whole);
        assertEquals(header.length, whole.position(), "the position is just past the header");
        assertEquals(header.length, h.length());
        return h;
    }

    private static String fails(byte[] bytes) {
        return assertThrows(ProxyHeaderException.class, () -> ProxyHeaderParser.parse(ByteBuffer.wrap(bytes))).getMessage();
    }

    // ---- version 1 ------------------------------------------------------------------------------

    @Test
    void v1Tcp4() throws Exception {
        ProxyHeader h = parseIncrementally(ascii("PROXY TCP4 192.0.2.1 198.51.100.2 56324 443\r\n"));
        assertEquals(1, h.version());
        assertEquals(new InetSocketAddress(InetAddress.ofLiteral("192.0.2.1"), 56324), h.source());
        assertEquals(new InetSocketAddress(InetAddress.ofLiteral("198.51.100.2"), 443), h.destination());
    }

    @Test
    void v1Tcp6() throws Exception {
        ProxyHeader h = parseIncrementally(ascii("PROXY TCP6 2001:db8::1 ::1 0 65535\r\n"));
        assertEquals(new InetSocketAddress(InetAddress.ofLiteral("2001:db8::1"), 0), h.source());
        assertEquals(65535, h.destination().getPort());
    }

    @Test
    void v1UnknownKeepsTheSocketsAddressesAndIgnoresTheRest() throws Exception {
        assertNull(parseIncrementally(ascii("PROXY UNKNOWN\r\n")).source());
        assertNull(parseIncrementally(ascii("PROXY UNKNOWN ffff::1 anything at all 1 2\r\n")).source());
    }

    @Test
    void v1OfTheLongestLengthIsAccepted() throws Exception {
        String tcp6 = "TCP6 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff 65535 65535\r\n";
        assertEquals(65535, parseIncrementally(ascii("PROXY " + tcp6)).source().getPort());
        // The specification's worst case: UNKNOWN followed by the longest TCP6 fields.
        String unknown = "PROXY UNKNOWN " + tcp6.substring(5);
        assertEquals(ProxyHeaderParser.V1_MAX_LENGTH, unknown.length());
        assertNull(parseIncrementally(ascii(unknown)).source());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "PROXY TCP4 192.0.2.1 192.0.2.2 1 2\n",           // LF without CR
        "PROXY TCP4 192.0.2.1 192.0.2.2 1 2\rX",          // CR without LF
        "PROXY TCP4 192.0.2.1 192.0.2.2 1\r\n",           // a field missing
        "PROXY TCP4 192.0.2.1 192.0.2.2 1 2 3\r\n",       // a field too many
        "PROXY TCP4  192.0.2.1 192.0.2.2 1 2\r\n",        // double space
        "PROXY TCP4 192.0.2.1 192.0.2.2 1 2 \r\n",        // trailing space
        "PROXY TCP5 192.0.2.1 192.0.2.2 1 2\r\n",         // unknown protocol
        "PROXY tcp4 192.0.2.1 192.0.2.2 1 2\r\n",         // protocol in lower case
        "PROXY \r\n",                                     // nothing after the signature
        "PROXY TCP4 192.0.2.300 192.0.2.2 1 2\r\n",       // not an address
        "PROXY TCP4 2001:db8::1 192.0.2.2 1 2\r\n",       // IPv6 under TCP4
        "PROXY TCP6 192.0.2.1 2001:db8::2 1 2\r\n",       // IPv4 under TCP6
        "PROXY TCP4 localhost 192.0.2.2 1 2\r\n",         // a name
        "PROXY TCP4 192.0.2.1 192.0.2.2 65536 2\r\n",     // port too large
        "PROXY TCP4 192.0.2.1 192.0.2.2 080 2\r\n",       // leading zero
        "PROXY TCP4 192.0.2.1 192.0.2.2 -1 2\r\n",        // negative port
        "PROXY TCP4 192.0.2.1 192.0.2.2 1 \r\n",          // empty port
        "PROXY TCP4 192.0.2.1 192.0.2.2 1 2\u0000\r\n",   // a control byte
        "PROXY TCP4 192.0.2.1 192.0.2.2 1 2\u00e9\r\n",   // a byte beyond ASCII
    })
    void v1Malformed(String header) {
        fails(ascii(header));
    }

    @Test
    void v1WithoutCrlfWithin107BytesIsRefusedWithoutWaitingForMore() {
        String message = fails(ascii("PROXY UNKNOWN " + "x".repeat(100)));
        assertTrue(message.contains("no CRLF within 107 bytes"), message);
        // A CR as the 107th byte leaves no room for the LF.
        fails(ascii("PROXY UNKNOWN " + "x".repeat(92) + "\r\n"));
    }

    // ---- no header --------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"GET / HTTP/1.1\r\n", "P", "PROXX", "proxy ", "\r\n\r\nX", "\u0016\u0003\u0001"})
    void aConnectionThatDoesNotBeginWithASignatureIsRefusedAtItsFirstBytes(String start) {
        // "P" alone could still be "PROXY ": only bytes that rule both signatures out are refused.
        if (start.equals("P")) {
            try {
                assertNull(ProxyHeaderParser.parse(ByteBuffer.wrap(ascii(start))));
            } catch (ProxyHeaderException e) {
                throw new AssertionError(e);
            }
            return;
        }
        String message = fails(ascii(start));
        assertTrue(message.startsWith("no PROXY protocol signature"), message);
    }

    @Test
    void nothingYetNeedsMore() throws Exception {
        assertNull(ProxyHeaderParser.parse(ByteBuffer.allocate(0)));
    }

    // ---- version 2 ------------------------------------------------------------------------------

    @Test
    void v2ProxyTcp4() throws Exception {
        ProxyHeader h = parseIncrementally(v2(0x21, 0x11, inet4("203.0.113.9", "10.0.0.1", 40001, 8080)));
        assertEquals(2, h.version());
        assertEquals(new InetSocketAddress(InetAddress.ofLiteral("203.0.113.9"), 40001), h.source());
        assertEquals(new InetSocketAddress(InetAddress.ofLiteral("10.0.0.1"), 8080), h.destination());
    }

    @Test
    void v2ProxyTcp6() throws Exception {
        ProxyHeader h = parseIncrementally(v2(0x21, 0x21, inet6("2001:db8::9", "2001:db8::1", 65535, 443)));
        assertEquals(new InetSocketAddress(InetAddress.ofLiteral("2001:db8::9"), 65535), h.source());
    }

    @Test
    void v2TlvsAreSkippedAndACorrectCrcIsAccepted() throws Exception {
        byte[] tlvs = concat(tlv(0x01, ascii("h2")), tlv(0x02, ascii("example.com")), tlv(0x05, new byte[0]),
                tlv(0x20, new byte[]{1, 0, 0, 0, 0}));
        parseIncrementally(v2(0x21, 0x11, concat(inet4("192.0.2.1", "192.0.2.2", 1, 2), tlvs)));
        byte[] withCrc = v2(0x21, 0x11, concat(inet4("192.0.2.1", "192.0.2.2", 1, 2), tlvs, tlv(0x03, new byte[4])));
        CRC32C crc = new CRC32C();
        crc.update(withCrc);
        ByteBuffer.wrap(withCrc).putInt(withCrc.length - 4, (int) crc.getValue());
        assertEquals("192.0.2.1", parseIncrementally(withCrc).source().getHostString());
        withCrc[withCrc.length - 1] ^= 1;
        assertTrue(fails(withCrc).contains("CRC32C does not match"));
    }

    @Test
    void v2LocalKeepsTheSocketsAddressesEvenWithAddressesPresent() throws Exception {
        assertNull(parseIncrementally(v2(0x20, 0x00, new byte[0])).source());
        assertNull(parseIncrementally(v2(0x20, 0x11, inet4("192.0.2.1", "192.0.2.2", 1, 2))).source());
    }

    @Test
    void v2UnspecUnixAndDatagramKeepTheSocketsAddresses() throws Exception {
        assertNull(parseIncrementally(v2(0x21, 0x00, new byte[0])).source());
        assertNull(parseIncrementally(v2(0x21, 0x31, new byte[216])).source());
        assertNull(parseIncrementally(v2(0x21, 0x12, inet4("192.0.2.1", "192.0.2.2", 1, 2))).source());
        // Unknown bytes of an UNSPEC header are skipped (its length covers them).
        assertNull(parseIncrementally(v2(0x21, 0x00, new byte[7])).source());
    }

    @Test
    void v2Malformed() {
        byte[] addr = inet4("192.0.2.1", "192.0.2.2", 1, 2);
        assertTrue(fails(v2(0x11, 0x11, addr)).contains("version 1, not 2"));
        assertTrue(fails(v2(0x31, 0x11, addr)).contains("version 3, not 2"));
        assertTrue(fails(v2(0x22, 0x11, addr)).contains("command 2"));
        assertTrue(fails(v2(0x21, 0x41, addr)).contains("unknown address family"));
        assertTrue(fails(v2(0x21, 0x13, addr)).contains("unknown address family or transport"));
        assertTrue(fails(v2(0x21, 0x11, new byte[11])).contains("shorter than its IPv4 addresses"));
        assertTrue(fails(v2(0x21, 0x21, new byte[35])).contains("shorter than its IPv6 addresses"));
        assertTrue(fails(v2(0x21, 0x31, new byte[215])).contains("shorter than its AF_UNIX addresses"));
        assertTrue(fails(v2(0x21, 0x11, concat(addr, new byte[]{0x04, 0x00}))).contains("inside a TLV"));
        assertTrue(fails(v2(0x21, 0x11, concat(addr, new byte[]{0x04, 0x00, 0x05, 1, 2}))).contains("beyond the header's end"));
        assertTrue(fails(v2(0x21, 0x11, concat(addr, tlv(0x03, new byte[3])))).contains("CRC32C TLV is 3 bytes"));
    }

    @Test
    void v2LongerThanTheLimitIsRefusedFromItsFixedPartAlone() {
        byte[] fixed = new byte[16];
        ByteBuffer.wrap(fixed).put(SIG).put((byte) 0x21).put((byte) 0x11).putShort((short) 0xffff);
        String message = fails(fixed);
        assertTrue(message.contains("65551 bytes exceeds the limit of 4096"), message);
        // At the limit exactly it is fine.
        byte[] body = concat(inet4("192.0.2.1", "192.0.2.2", 1, 2), tlv(0xEE, new byte[ProxyHeaderParser.MAX_LENGTH - 16 - 12 - 3]));
        try {
            assertEquals(ProxyHeaderParser.MAX_LENGTH, ProxyHeaderParser.parse(ByteBuffer.wrap(v2(0x21, 0x11, body))).length());
        } catch (ProxyHeaderException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void v2SignatureBrokenLateIsRefused() {
        byte[] bad = v2(0x21, 0x11, inet4("192.0.2.1", "192.0.2.2", 1, 2));
        bad[11] = 0x0B;
        fails(bad);
    }

    @Test
    void aHeaderInTheMiddleOfABufferIsReadFromThePosition() throws Exception {
        byte[] all = concat(ascii("xyz"), ascii("PROXY TCP4 192.0.2.1 192.0.2.2 1 2\r\n"), AFTER);
        ByteBuffer b = ByteBuffer.wrap(all);
        b.position(3);
        assertEquals("192.0.2.1", ProxyHeaderParser.parse(b).source().getHostString());
        assertEquals(3 + "PROXY TCP4 192.0.2.1 192.0.2.2 1 2\r\n".length(), b.position());
    }
}
