package dev.weft.it.soak;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.SplittableRandom;

/**
 * Clients that vanish: in the middle of sending a request body, or after reading part of a
 * response, with a FIN or with a reset. Nothing is compared; the soak's final checks (every
 * connection closed, every buffer back in its pool, the server still answering) are what this
 * driver tests.
 */
public final class DisconnectDriver implements SoakDriver {
    @Override
    public String name() {
        return "disconnect";
    }

    @Override
    public void run(int port, SplittableRandom random, SoakTally tally) throws Exception {
        RawExchange ex = RawExchange.random(tally.nextId(), random);
        byte[] framed = ex.framedBody();
        boolean midRequest = framed.length > 1 && random.nextBoolean();
        boolean reset = random.nextBoolean();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port));
            s.setSoTimeout(HANG_MILLIS);
            if (reset) {
                s.setSoLinger(true, 0); // close() sends RST
            }
            OutputStream out = s.getOutputStream();
            out.write(ex.head());
            if (midRequest) {
                out.write(framed, 0, 1 + random.nextInt(framed.length - 1));
                out.flush();
            } else {
                Thread writer = Thread.ofPlatform().daemon().name("soak-disconnect-writer").start(() -> {
                    try {
                        out.write(framed);
                        out.flush();
                    } catch (java.io.IOException e) {
                        // the reader below closes the socket mid-response: expected
                    }
                });
                InputStream in = s.getInputStream();
                byte[] scratch = new byte[4096];
                long want = 1 + random.nextInt(Math.max(1, ex.body.length));
                long got = 0;
                while (got < want) {
                    int n = in.read(scratch, 0, (int) Math.min(scratch.length, want - got));
                    if (n < 0) {
                        break;
                    }
                    got += n;
                }
                s.close();
                writer.join(HANG_MILLIS);
            }
        } catch (java.net.SocketTimeoutException e) {
            tally.fail(tally.hung, "disconnect :" + port + " " + ex + ": no response byte in " + HANG_MILLIS + " ms"
                    + Diagnostics.of(port));
            return;
        } catch (java.io.IOException e) {
            // A reset from the server after we stopped reading is one way this can end.
        }
        tally.abandoned.increment();
    }
}
