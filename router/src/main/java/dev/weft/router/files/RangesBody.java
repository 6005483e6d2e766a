package dev.weft.router.files;

import dev.weft.server.Publishers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A {@code multipart/byteranges} body (RFC 9110 §14.6): for each range a part head, then the
 * range's bytes read from the file in chunks on a virtual thread (one chunk per unit of demand),
 * then the closing delimiter. Its length is known up front, so it goes out with Content-Length.
 *
 * <p>Threads: demand and cancellation come from anywhere; at most one virtual thread at a time
 * reads and signals (the one that took the demand from zero).
 */
final class RangesBody implements Publisher<ByteBuffer> {
    private static final int CHUNK = 64 * 1024;

    /** A piece of the body: bytes held in memory, or a region of the file. */
    private record Piece(ByteBuffer bytes, long position, long length) {
    }

    private final FileChannel channel;
    private final List<Piece> pieces = new ArrayList<>();
    private final long length;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    RangesBody(FileChannel channel, List<ByteRanges.Range> ranges, long size, String contentType, String boundary) {
        this.channel = channel;
        long total = 0;
        for (ByteRanges.Range r : ranges) {
            String head = "\r\n--" + boundary + "\r\nContent-Type: " + contentType + "\r\nContent-Range: bytes "
                    + r.first() + "-" + r.last() + "/" + size + "\r\n\r\n";
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            pieces.add(new Piece(ByteBuffer.wrap(h), 0, h.length));
            pieces.add(new Piece(null, r.first(), r.length()));
            total += h.length + r.length();
        }
        byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        pieces.add(new Piece(ByteBuffer.wrap(end), 0, end.length));
        this.length = total + end.length;
    }

    /** The exact length of the body in bytes. */
    long length() {
        return length;
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
        Objects.requireNonNull(subscriber, "Reactive Streams rule 1.9: subscriber must not be null");
        if (!subscribed.compareAndSet(false, true)) {
            Publishers.refuseSubscriber(subscriber, "a byte-ranges body can be subscribed to once");
            return;
        }
        Emitter e = new Emitter(subscriber);
        // A unit of demand held through onSubscribe: a request made inside it must not start the
        // reading thread before onSubscribe returns (rule 1.3).
        e.demand.set(1);
        subscriber.onSubscribe(e);
        if (e.demand.addAndGet(-1) > 0 && !e.stopped) {
            Thread.ofVirtual().name("weft-file-ranges").start(e);
        }
    }

    private void closeFile() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing is lost when closing a file opened for reading fails.
        }
    }

    /** The subscription and its reading loop. */
    private final class Emitter implements Subscription, Runnable {
        private final Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private volatile boolean stopped;
        /** Where the reading stands: touched only by the reading thread of the moment. */
        private int piece;
        private long offset;

        Emitter(Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancel();
                subscriber.onError(new IllegalArgumentException("Reactive Streams rule 3.9: request must be positive, was " + n));
                return;
            }
            long before = demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            if (before == 0 && !stopped) {
                Thread.ofVirtual().name("weft-file-ranges").start(this);
            }
        }

        @Override
        public void cancel() {
            stopped = true;
            closeFile();
        }

        @Override
        public void run() {
            long d = demand.get();
            for (;;) {
                long emitted = 0;
                while (emitted < d) {
                    if (stopped) {
                        return;
                    }
                    if (piece == pieces.size()) {
                        stopped = true;
                        closeFile();
                        subscriber.onComplete();
                        return;
                    }
                    ByteBuffer next;
                    try {
                        next = nextChunk();
                    } catch (IOException e) {
                        if (!stopped) {
                            stopped = true;
                            closeFile();
                            subscriber.onError(e);
                        }
                        return;
                    }
                    subscriber.onNext(next);
                    emitted++;
                }
                d = demand.addAndGet(-emitted);
                if (d == 0) {
                    return;
                }
            }
        }

        private ByteBuffer nextChunk() throws IOException {
            Piece p = pieces.get(piece);
            if (p.bytes() != null) {
                piece++;
                return p.bytes().duplicate();
            }
            ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, p.length() - offset));
            while (chunk.hasRemaining()) {
                if (channel.read(chunk, p.position() + offset + chunk.position()) < 0) {
                    throw new IOException("the file ended before the range it was asked for");
                }
            }
            offset += chunk.limit();
            if (offset == p.length()) {
                piece++;
                offset = 0;
            }
            return chunk.flip();
        }
    }
}
