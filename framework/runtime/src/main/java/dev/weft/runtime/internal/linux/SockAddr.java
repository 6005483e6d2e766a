package dev.weft.runtime.internal.linux;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.channels.UnresolvedAddressException;

/** {@code sockaddr_in} and {@code sockaddr_in6}, to and from {@link InetSocketAddress}. */
public final class SockAddr {
    /** The largest address written or read here ({@code sockaddr_in6}). */
    public static final int MAX = 28;
    private static final ValueLayout.OfShort PORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private SockAddr() {
    }

    /**
     * The address family a socket for {@code address} needs.
     *
     * @throws UnresolvedAddressException for an unresolved address, as NIO does
     */
    public static int family(InetSocketAddress address) {
        if (address.isUnresolved()) {
            throw new UnresolvedAddressException();
        }
        return address.getAddress() instanceof Inet4Address ? Libc.AF_INET : Libc.AF_INET6;
    }

    /** Writes {@code address} into {@code dst} (at least {@link #MAX} bytes); returns its length. */
    public static int write(InetSocketAddress address, MemorySegment dst) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new UnresolvedAddressException();
        }
        dst.asSlice(0, MAX).fill((byte) 0);
        if (ip instanceof Inet4Address) {
            dst.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_INET);
            dst.set(PORT, 2, (short) address.getPort());
            MemorySegment.copy(ip.getAddress(), 0, dst, ValueLayout.JAVA_BYTE, 4, 4);
            return 16;
        }
        dst.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_INET6);
        dst.set(PORT, 2, (short) address.getPort());
        MemorySegment.copy(ip.getAddress(), 0, dst, ValueLayout.JAVA_BYTE, 8, 16);
        if (ip instanceof Inet6Address v6) {
            dst.set(ValueLayout.JAVA_INT, 24, v6.getScopeId());
        }
        return 28;
    }

    /**
     * Reads the address the kernel wrote into {@code src}. An IPv4-mapped IPv6 address comes back
     * as an {@link Inet4Address}, as NIO reports it.
     *
     * @throws IOException for a family other than {@code AF_INET} and {@code AF_INET6}
     */
    public static InetSocketAddress read(MemorySegment src) throws IOException {
        int family = src.get(ValueLayout.JAVA_SHORT, 0);
        int port = Short.toUnsignedInt(src.get(PORT, 2));
        byte[] ip;
        if (family == Libc.AF_INET) {
            ip = new byte[4];
            MemorySegment.copy(src, ValueLayout.JAVA_BYTE, 4, ip, 0, 4);
        } else if (family == Libc.AF_INET6) {
            ip = new byte[16];
            MemorySegment.copy(src, ValueLayout.JAVA_BYTE, 8, ip, 0, 16);
        } else {
            throw new IOException("not an internet address: family " + family);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4- or 16-byte address is always valid", e);
        }
    }
}
