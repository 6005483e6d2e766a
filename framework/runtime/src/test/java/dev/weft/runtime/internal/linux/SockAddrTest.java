package dev.weft.runtime.internal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code sockaddr_in} and {@code sockaddr_in6} both ways, and what is refused. */
@Tag("transport-independent")
class SockAddrTest {
    @Test
    void roundTripsIpv4AndIpv6WithTheirFamiliesAndLengths() throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment m = a.allocate(SockAddr.MAX, 8);
            InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 65000);
            assertEquals(16, SockAddr.write(v4, m));
            assertEquals(Libc.AF_INET, m.get(ValueLayout.JAVA_SHORT, 0));
            assertEquals((byte) 0xfd, m.get(ValueLayout.JAVA_BYTE, 2), "port in network order");
            assertEquals(v4, SockAddr.read(m));
            assertEquals(Libc.AF_INET, SockAddr.family(v4));

            InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 8080);
            assertEquals(28, SockAddr.write(v6, m));
            assertEquals(Libc.AF_INET6, m.get(ValueLayout.JAVA_SHORT, 0));
            assertEquals(v6, SockAddr.read(m));
            assertEquals(Libc.AF_INET6, SockAddr.family(v6));
        }
    }

    @Test
    void refusesUnresolvedAddressesAndOtherFamilies() {
        InetSocketAddress unresolved = InetSocketAddress.createUnresolved("example.invalid", 80);
        assertThrows(UnresolvedAddressException.class, () -> SockAddr.family(unresolved));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment m = a.allocate(SockAddr.MAX, 8);
            assertThrows(UnresolvedAddressException.class, () -> SockAddr.write(unresolved, m));
            m.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_UNIX);
            assertThrows(IOException.class, () -> SockAddr.read(m));
        }
    }
}
