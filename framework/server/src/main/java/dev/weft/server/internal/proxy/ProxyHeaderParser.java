package dev.weft.server.internal.proxy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The PROXY protocol header (HAProxy's specification, "The PROXY protocol", versions 1 and 2)
 * that a proxy sends before anything else on a connection, parsed without I/O: give it the bytes
 * received so far, as often as more arrive, until it returns the header or throws.
 *
 * <ul>
 *   <li>Version 1 is one line of text: {@code PROXY TCP4 192.0.2.1 192.0.2.2 56324 443\r\n},
 *       {@code TCP6} with IPv6 addresses, or {@code PROXY UNKNOWN ...\r\n}; at most 107 bytes
 *       (§2.1). Every field is checked: single spaces, addresses of the named family, ports
 *       0-65535 without leading zeros.</li>
 *   <li>Version 2 is a 12-byte signature, version and command, family and transport, a 16-bit
 *       length, then addresses and TLVs (§2.2). {@code LOCAL} (a proxy's own health check) and
 *       {@code UNSPEC}, {@code AF_UNIX} and datagram families are accepted without addresses (the
 *       bytes after an {@code UNSPEC} header's fixed part are skipped unread); the TLVs are walked to check that each lies within the header, and a {@code PP2_TYPE_CRC32C}
 *       is verified; the others are skipped.</li>
 * </ul>
 * The header is bounded by {@link #MAX_LENGTH} bytes whatever its length field says, and refused
 * as soon as its first bytes show it cannot be one, so a client that is not a proxy is turned
 * away at its first read.
 */
public final class ProxyHeaderParser {
    /**
     * The largest header accepted, in bytes. A v1 header is at most 107; a v2 header's addresses
     * take at most 216 and the TLVs proxies send (ALPN, authority, unique id, SSL facts, cloud
     * endpoint ids) a few hundred. 4 KiB leaves room and keeps what one connection can make the
     * server hold before it has said anything small.
     */
    public static final int MAX_LENGTH = 4096;
    /** §2.1: "a 108-byte buffer is always enough to store all the line and a trailing zero". */
    static final int V1_MAX_LENGTH = 107;

    private static final byte[] V1_SIGNATURE = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] V2_SIGNATURE = {
        0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final int V2_FIXED = 16;
    private static final int PP2_TYPE_CRC32C = 0x03;

    private ProxyHeaderParser() {
    }

    /**
     * Parses the header at {@code in}'s position.
     *
     * @return the header, with {@code in}'s position moved past it; null when more bytes are
     *     needed (the position is unchanged)
     * @throws ProxyHeaderException when the bytes cannot begin, or do not form, a valid header
     */
    public static ProxyHeader parse(ByteBuffer in) throws ProxyHeaderException {
        int p = in.position();
        int available = in.remaining();
        if (available == 0) {
            return null;
        }
        if (prefixMatches(in, p, V2_SIGNATURE)) {
            return available < V2_SIGNATURE.length ? null : v2(in, p);
        }
        if (prefixMatches(in, p, V1_SIGNATURE)) {
            return available < V1_SIGNATURE.length ? null : v1(in, p);
        }
        throw new ProxyHeaderException("no PROXY protocol signature: the connection began with "
                + printable(in, p, Math.min(available, 16)));
    }

    /** The bytes available agree with {@code signature} as far as they go. */
    private static boolean prefixMatches(ByteBuffer in, int p, byte[] signature) {
        int n = Math.min(in.limit() - p, signature.length);
        for (int i = 0; i < n; i++) {
            if (in.get(p + i) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    // ---- version 1 ------------------------------------------------------------------------------

    private static ProxyHeader v1(ByteBuffer in, int p) throws ProxyHeaderException {
        int end = -1;
        int scan = Math.min(in.limit() - p, V1_MAX_LENGTH);
        for (int i = 0; i < scan; i++) {
            byte b = in.get(p + i);
            if (b == '\r') {
                if (i + 1 == scan) {
                    if (i + 1 == V1_MAX_LENGTH) {
                        break;
                    }
                    return null; // the LF may be next
                }
                if (in.get(p + i + 1) != '\n') {
                    throw new ProxyHeaderException("v1 header has a CR not followed by LF");
                }
                end = i;
                break;
            }
            if (b < 0x20 || b > 0x7e) {
                throw new ProxyHeaderException("v1 header holds a byte that is not printable ASCII: 0x"
                        + Integer.toHexString(b & 0xff));
            }
        }
        if (end < 0) {
            if (scan < V1_MAX_LENGTH) {
                return null;
            }
            throw new ProxyHeaderException("v1 header has no CRLF within " + V1_MAX_LENGTH + " bytes");
        }
        byte[] line = new byte[end];
        in.get(p, line);
        String text = new String(line, StandardCharsets.US_ASCII);
        String[] f = text.split(" ", -1);
        ProxyHeader header;
        int length = end + 2;
        if (f.length >= 2 && f[1].equals("UNKNOWN")) {
            // §2.1: "the receiver must ignore anything presented before the CRLF".
            header = new ProxyHeader(1, length, null, null);
        } else if (f.length != 6) {
            throw new ProxyHeaderException("v1 header '" + text + "' does not have the six fields "
                    + "PROXY, TCP4 or TCP6, two addresses and two ports");
        } else {
            boolean v6;
            if (f[1].equals("TCP4")) {
                v6 = false;
            } else if (f[1].equals("TCP6")) {
                v6 = true;
            } else {
                throw new ProxyHeaderException("v1 header names protocol '" + f[1] + "', not TCP4, TCP6 or UNKNOWN");
            }
            InetAddress src = v1Address(f[2], v6);
            InetAddress dst = v1Address(f[3], v6);
            header = new ProxyHeader(1, length, new InetSocketAddress(src, v1Port(f[4])),
                    new InetSocketAddress(dst, v1Port(f[5])));
        }
        in.position(p + length);
        return header;
    }

    private static InetAddress v1Address(String s, boolean v6) throws ProxyHeaderException {
        InetAddress a = null;
        boolean digitsAndSeparators = !s.isEmpty();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = v6 ? (c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.')
                    : (c >= '0' && c <= '9' || c == '.');
            digitsAndSeparators &= ok;
        }
        if (digitsAndSeparators) {
            try {
                a = InetAddress.ofLiteral(s);
            } catch (IllegalArgumentException e) {
                a = null;
            }
        }
        boolean familyOk = a != null && (v6 ? s.indexOf(':') >= 0 : a instanceof Inet4Address);
        if (!familyOk) {
            throw new ProxyHeaderException("v1 header address '" + s + "' is not an " + (v6 ? "IPv6" : "IPv4") + " address");
        }
        return a;
    }

    private static int v1Port(String s) throws ProxyHeaderException {
        boolean ok = !s.isEmpty() && s.length() <= 5 && (s.length() == 1 || s.charAt(0) != '0');
        int n = 0;
        for (int i = 0; ok && i < s.length(); i++) {
            char c = s.charAt(i);
            ok = c >= '0' && c <= '9';
            n = n * 10 + (c - '0');
        }
        if (!ok || n > 65535) {
            throw new ProxyHeaderException("v1 header port '" + s + "' is not a number from 0 to 65535");
        }
        return n;
    }

    // ---- version 2 ------------------------------------------------------------------------------

    private static ProxyHeader v2(ByteBuffer in, int p) throws ProxyHeaderException {
        if (in.limit() - p < V2_FIXED) {
            return null;
        }
        int verCmd = in.get(p + 12) & 0xff;
        int famProto = in.get(p + 13) & 0xff;
        int len = in.getShort(p + 14) & 0xffff;
        if (verCmd >> 4 != 2) {
            throw new ProxyHeaderException("v2 header has version " + (verCmd >> 4) + ", not 2");
        }
        int command = verCmd & 0x0f;
        if (command > 1) {
            throw new ProxyHeaderException("v2 header has command " + command + ", neither LOCAL (0) nor PROXY (1)");
        }
        int family = famProto >> 4;
        int transport = famProto & 0x0f;
        if (family > 3 || transport > 2) {
            throw new ProxyHeaderException("v2 header has an unknown address family or transport: 0x"
                    + Integer.toHexString(famProto));
        }
        int total = V2_FIXED + len;
        if (total > MAX_LENGTH) {
            throw new ProxyHeaderException("v2 header of " + total + " bytes exceeds the limit of " + MAX_LENGTH);
        }
        int addressLength = switch (family) {
            case 1 -> 12;
            case 2 -> 36;
            case 3 -> 216;
            default -> 0;
        };
        if (len < addressLength) {
            throw new ProxyHeaderException("v2 header's length " + len + " is shorter than its "
                    + (family == 1 ? "IPv4" : family == 2 ? "IPv6" : "AF_UNIX") + " addresses (" + addressLength + ")");
        }
        if (in.limit() - p < total) {
            return null;
        }
        if (family != 0) {
            // With AF_UNSPEC the layout of what follows is unknown (§2.2: the receiver skips it).
            checkTlvs(in, p, p + V2_FIXED + addressLength, p + total);
        }
        InetSocketAddress source = null;
        InetSocketAddress destination = null;
        // §2.2: LOCAL keeps the real connection's endpoints; so do UNSPEC, AF_UNIX (not an IP
        // address) and anything but a stream transport, whose addresses mean nothing for TCP.
        if (command == 1 && transport == 1 && (family == 1 || family == 2)) {
            int a = p + V2_FIXED;
            int size = family == 1 ? 4 : 16;
            InetAddress src = address(in, a, size);
            InetAddress dst = address(in, a + size, size);
            int ports = a + 2 * size;
            source = new InetSocketAddress(src, in.getShort(ports) & 0xffff);
            destination = new InetSocketAddress(dst, in.getShort(ports + 2) & 0xffff);
        }
        in.position(p + total);
        return new ProxyHeader(2, total, source, destination);
    }

    private static InetAddress address(ByteBuffer in, int at, int size) {
        byte[] bytes = new byte[size];
        in.get(at, bytes);
        try {
            // An IPv4-mapped IPv6 address comes back as the IPv4 one, which is what it means.
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }

    /** Each TLV lies within the header; a CRC32C one matches the header's checksum. */
    private static void checkTlvs(ByteBuffer in, int start, int from, int end) throws ProxyHeaderException {
        int i = from;
        while (i < end) {
            if (end - i < 3) {
                throw new ProxyHeaderException("v2 header ends inside a TLV's type and length");
            }
            int type = in.get(i) & 0xff;
            int length = in.getShort(i + 1) & 0xffff;
            int value = i + 3;
            if (length > end - value) {
                throw new ProxyHeaderException("v2 header's TLV of type 0x" + Integer.toHexString(type)
                        + " claims " + length + " bytes, beyond the header's end");
            }
            if (type == PP2_TYPE_CRC32C) {
                checkCrc(in, start, end, value, length);
            }
            i = value + length;
        }
    }

    /** §2.2.5: the CRC32c of the whole header, with the checksum's own four bytes as zeros. */
    private static void checkCrc(ByteBuffer in, int start, int end, int value, int length) throws ProxyHeaderException {
        if (length != 4) {
            throw new ProxyHeaderException("v2 header's CRC32C TLV is " + length + " bytes, not 4");
        }
        byte[] header = new byte[end - start];
        in.get(start, header);
        int at = value - start;
        int expected = ((header[at] & 0xff) << 24) | ((header[at + 1] & 0xff) << 16)
                | ((header[at + 2] & 0xff) << 8) | (header[at + 3] & 0xff);
        header[at] = header[at + 1] = header[at + 2] = header[at + 3] = 0;
        CRC32C crc = new CRC32C();
        crc.update(header);
        if ((int) crc.getValue() != expected) {
            throw new ProxyHeaderException("v2 header's CRC32C does not match its bytes");
        }
    }

    private static String printable(ByteBuffer in, int p, int n) {
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < n; i++) {
            int c = in.get(p + i) & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                b.append((char) c);
            } else {
                b.append(String.format("\\x%02x", c));
            }
        }
        return b.append('\'').toString();
    }
}
