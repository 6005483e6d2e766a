package dev.weft.runtime.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.time.Time;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Read interest stays armed between reads and is dropped only when a read event finds nobody
 * waiting; these check that no reader is ever left unwoken by that.
 */
@Timeout(60)
class ReadInterestTest {

    /**
     * Each round the reader stops watching (no waker) while a byte arrives, so the driver sees an
     * event nobody waits for and drops the interest; the reader must still be woken when it comes
     * back with {@link TcpStream#awaitReadable} and when it reads again.
     */
    @Test
    void aReaderThatComesBackAfterAnUnwatchedEventIsWoken() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(2).build();
             TcpListener listener = rt.blockOn(cx -> Poll.ready(
                     TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16)))) {
            int rounds = 300;
            var accepted = rt.spawn(listener.accept());
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort())) {
                TcpStream server = rt.blockOn(accepted);
                OutputStream out = client.getOutputStream();
                var reader = rt.spawn(readRounds(server, rounds));
                for (int i = 0; i < rounds; i++) {
                    out.write(i & 0x7f);
                    out.flush();
                    if (i % 3 == 0) {
                        Thread.sleep(1); // let some events arrive while the reader sleeps
                    }
                }
                assertEquals(rounds, (int) rt.blockOn(Time.timeout(Duration.ofSeconds(30), reader)));
                server.close();
            }
        }
    }

    /** Reads one byte at a time; between reads it sleeps (not watching), then awaits readiness. */
    private static Async<Integer> readRounds(TcpStream s, int rounds) {
        ByteBuffer one = ByteBuffer.allocate(1);
        return new Async<>() {
            int read;
            Async<Void> nap;
            boolean awaited;

            @Override
            public Poll<Integer> poll(Context cx) {
                for (;;) {
                    if (read == rounds) {
                        return Poll.ready(read);
                    }
                    if (nap != null) {
                        if (!nap.poll(cx).isReady()) {
                            return Poll.pending();
                        }
                        nap = null;
                        if (read % 2 == 0 && !awaited) {
                            // Come back through awaitReadable: it must wake us if a byte is there.
                            awaited = true;
                            s.awaitReadable(cx);
                            return Poll.pending();
                        }
                    }
                    awaited = false;
                    one.clear();
                    int n = s.pollRead(cx, one);
                    if (n == TcpStream.PENDING) {
                        return Poll.pending();
                    }
                    if (n < 0) {
                        return Poll.ready(read);
                    }
                    read++;
                    nap = Time.sleep(Duration.ofMillis(read % 4 == 0 ? 2 : 0));
                }
            }
        };
    }
}
