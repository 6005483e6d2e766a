package dev.weft.it.soak;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A raw-socket client that pipelines 1 to 8 requests per write (Content-Length, chunked with
 * random chunk sizes, {@code Expect: 100-continue} with and without waiting), several batches per
 * connection, and compares every response body byte for byte. A writer thread sends while this
 * thread reads, as a real pipelining client must: an echo answers while its request still
 * arrives.
 */
public final class PipelineDriver implements SoakDriver {
    @Override
    public String name() {
        return "pipeline";
    }

    @Override
    public void run(int port, SplittableRandom random, SoakTally tally) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port));
            s.setSoTimeout(HANG_MILLIS);
            s.setTcpNoDelay(random.nextBoolean());
            ResponseReader reader = new ResponseReader(new BufferedInputStream(s.getInputStream(), 64 * 1024));
            int batches = 1 + random.nextInt(4);
            for (int b = 0; b < batches; b++) {
                int n = 1 + random.nextInt(8);
                List<RawExchange> batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    batch.add(RawExchange.random(tally.nextId(), random));
                }
                if (!exchange(s, reader, batch, random.split(), tally, port)) {
                    return;
                }
            }
        }
    }

    /** One batch: returns false when the connection cannot be used any more. */
    private boolean exchange(Socket s, ResponseReader reader, List<RawExchange> batch, SplittableRandom random,
                             SoakTally tally, int port) throws Exception {
        CountDownLatch[] continued = new CountDownLatch[batch.size()];
        for (int i = 0; i < continued.length; i++) {
            continued[i] = new CountDownLatch(1);
        }
        AtomicReference<Throwable> writeFailure = new AtomicReference<>();
        OutputStream out = s.getOutputStream();
        Thread writer = Thread.ofPlatform().daemon().name("soak-pipeline-writer").start(() -> {
            try {
                write(out, batch, continued, random);
            } catch (Throwable t) {
                writeFailure.set(t);
            }
        });
        try {
            for (int i = 0; i < batch.size(); i++) {
                RawExchange ex = batch.get(i);
                String what = "pipeline :" + port + " " + ex + " (" + (i + 1) + " of " + batch.size() + " in one write)";
                ResponseReader.Head head;
                try {
                    head = reader.head();
                    while (head != null && head.status() == 100) {
                        continued[i].countDown();
                        head = reader.head();
                    }
                } catch (SocketTimeoutException e) {
                    tally.fail(tally.hung, what + ": no response head in " + HANG_MILLIS + " ms" + Diagnostics.of(port));
                    return false;
                }
                continued[i].countDown();
                if (head == null) {
                    tally.fail(tally.errors, what + ": connection closed before the response"
                            + (writeFailure.get() == null ? "" : " (writer: " + writeFailure.get() + ")"));
                    return false;
                }
                if (head.status() != 200) {
                    tally.fail(tally.errors, what + ": status " + head.status() + "\n" + head.text());
                    return false;
                }
                if (!head.text().contains("\r\ncontent-type: application/x-soak-" + ex.id + "\r\n")) {
                    tally.fail(tally.corrupted, what + ": the response belongs to another request\n" + head.text());
                    return false;
                }
                byte[] body;
                try {
                    body = reader.body(head);
                } catch (SocketTimeoutException e) {
                    tally.fail(tally.hung, what + ": response body stalled" + Diagnostics.of(port));
                    return false;
                }
                tally.compare(what, ex.body, body);
                if (body.length != ex.body.length || head.closes()) {
                    return false;
                }
            }
        } finally {
            for (CountDownLatch c : continued) {
                c.countDown();
            }
            writer.join(TimeUnit.MILLISECONDS.toMillis(HANG_MILLIS));
        }
        Throwable t = writeFailure.get();
        if (t != null) {
            tally.fail(tally.errors, "pipeline :" + port + " writer failed: " + t);
            return false;
        }
        return true;
    }

    /**
     * Writes the batch: everything up to the head of a request that waits for {@code 100
     * Continue} goes in one write, then the rest after the interim response.
     */
    private static void write(OutputStream out, List<RawExchange> batch, CountDownLatch[] continued,
                              SplittableRandom random) throws IOException, InterruptedException {
        java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
        boolean inPieces = random.nextInt(3) == 0;
        for (int i = 0; i < batch.size(); i++) {
            RawExchange ex = batch.get(i);
            pending.writeBytes(ex.head());
            if (ex.waitForContinue) {
                flush(out, pending, inPieces, random);
                if (!continued[i].await(HANG_MILLIS, TimeUnit.MILLISECONDS)) {
                    throw new IOException(ex + ": no 100 Continue in " + HANG_MILLIS + " ms");
                }
            }
            pending.writeBytes(ex.framedBody());
        }
        flush(out, pending, inPieces, random);
    }

    private static void flush(OutputStream out, java.io.ByteArrayOutputStream pending, boolean inPieces,
                              SplittableRandom random) throws IOException {
        byte[] bytes = pending.toByteArray();
        pending.reset();
        if (inPieces) {
            RawExchange.writeInPieces(out, bytes, random);
        } else {
            out.write(bytes);
        }
        out.flush();
    }
}
