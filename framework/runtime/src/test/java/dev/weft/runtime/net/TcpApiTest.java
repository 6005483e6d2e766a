package dev.weft.runtime.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.JoinHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Socket options, addresses, vectored writes and read-after-close on TcpStream/TcpListener. */
@Timeout(30)
class TcpApiTest {

    @Test
    void optionsAddressesAndVectoredWrite() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(2).build();
             TcpListener l = TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16)) {
            l.setOption(StandardSocketOptions.SO_RCVBUF, 65536);
            JoinHandle<TcpStream> acc = rt.spawn(l.accept());
            TcpStream c = rt.blockOn(TcpStream.connect(l.localAddress()));
            TcpStream s = rt.blockOn(acc);
            c.setNoDelay(true);
            c.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            assertEquals(c.localAddress(), s.remoteAddress());
            assertEquals(l.localAddress().getPort(), s.localAddress().getPort());
            ByteBuffer[] parts = {ByteBuffer.wrap("ab".getBytes()), ByteBuffer.allocate(0), ByteBuffer.wrap("cd".getBytes())};
            rt.blockOn(c.writeAll(parts));
            c.shutdownOutput();
            ByteBuffer got = ByteBuffer.allocate(16);
            int total = 0;
            for (;;) {
                int n = rt.blockOn(s.read(got));
                if (n < 0) {
                    break;
                }
                total += n;
            }
            assertEquals(4, total);
            assertEquals("abcd", new String(got.array(), 0, 4));
            assertThrows(IllegalArgumentException.class, () -> s.pollRead(() -> () -> { }, ByteBuffer.allocate(0)));
            assertTrue(s.toString().startsWith("TcpStream["));
            s.close();
            c.close();
            assertEquals(Integer.valueOf(-1), rt.blockOn(Async.ready(0).map(x -> s.pollRead(() -> () -> { }, ByteBuffer.allocate(1)))));
        }
    }
}
