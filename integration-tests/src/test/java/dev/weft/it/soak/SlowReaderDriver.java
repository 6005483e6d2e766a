package dev.weft.it.soak;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A client that reads its response slowly through a small receive buffer, so that the server's
 * socket fills, its writes wait, and (for the echo) backpressure reaches back into reading the
 * request body while the client is still sending it.
 */
public final class SlowReaderDriver implements SoakDriver {
    @Override
    public String name() {
        return "slow-reader";
    }

    @Override
    public void run(int port, SplittableRandom random, SoakTally tally) throws Exception {
        long id = tally.nextId();
        String path = random.nextBoolean() ? "/echo" : "/echo/buffered";
        byte[] body = SoakBodies.body(random.nextLong(), 64 * 1024 + random.nextInt(512 * 1024));
        String what = "slow-reader :" + port + " #" + id + " POST " + path + " " + body.length + " bytes";
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", port));
            s.setSoTimeout(HANG_MILLIS);
            OutputStream out = s.getOutputStream();
            AtomicReference<Throwable> writeFailure = new AtomicReference<>();
            byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: soak\r\nContent-Type: application/x-soak-" + id
                    + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Thread writer = Thread.ofPlatform().daemon().name("soak-slow-writer").start(() -> {
                try {
                    out.write(head);
                    out.write(body);
                    out.flush();
                } catch (Throwable t) {
                    writeFailure.set(t);
                }
            });
            InputStream in = s.getInputStream();
            ResponseReader reader = new ResponseReader(in);
            ResponseReader.Head h;
            try {
                h = reader.head();
            } catch (SocketTimeoutException e) {
                tally.fail(tally.hung, what + ": no response head" + Diagnostics.of(port));
                return;
            }
            if (h == null || h.status() != 200) {
                tally.fail(tally.errors, what + ": " + (h == null ? "closed before a response" : "status " + h.status()));
                return;
            }
            long length = h.contentLength();
            ByteArrayOutputStream received = new ByteArrayOutputStream(body.length);
            byte[] scratch = new byte[2048];
            int pauseEvery = 8 + random.nextInt(32);
            int reads = 0;
            try {
                while (received.size() < length) {
                    int n = in.read(scratch, 0, (int) Math.min(scratch.length, length - received.size()));
                    if (n < 0) {
                        break;
                    }
                    received.write(scratch, 0, n);
                    if (++reads % pauseEvery == 0) {
                        Thread.sleep(1); // reading slowly is the behaviour under test
                    }
                }
            } catch (SocketTimeoutException e) {
                tally.fail(tally.hung, what + ": response stalled at " + received.size() + " of " + length
                        + Diagnostics.of(port));
                return;
            }
            writer.join(HANG_MILLIS);
            if (writeFailure.get() != null) {
                tally.fail(tally.errors, what + ": writing failed: " + writeFailure.get());
                return;
            }
            tally.compare(what, body, received.toByteArray());
        }
    }
}
