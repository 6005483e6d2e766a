package dev.weft.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A file region read in chunks on a virtual thread, one chunk per unit of demand: the buffered
 * path for a {@link ResponseBody.FileRegion} where the kernel cannot send the file (TLS) and for
 * in-process clients. A read may wait for the disk, so it never runs on the caller's thread.
 *
 * <p>Threads: {@code request} and {@code cancel} come from anywhere; at most one virtual thread
 * at a time reads and signals (the one that took the demand from zero), so signals are serial.
 */
final class FileRegionPublisher implements Publisher<ByteBuffer> {
    /** Chunk size: large enough to keep the syscall count low, small enough to bound memory per response. */
    static final int CHUNK = 64 * 1024;

    private final ResponseBody.FileRegion region;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    FileRegionPublisher(ResponseBody.FileRegion region) {
        this.region = region;
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
        Objects.requireNonNull(subscriber, "Reactive Streams rule 1.9: subscriber must not be null");
        if (!subscribed.compareAndSet(false, true)) {
            Publishers.refuseSubscriber(subscriber, "a file body can be subscribed to once");
            return;
        }
        new Reader(region, subscriber).start();
    }

    /** The subscription: demand in, chunks out on a virtual thread. */
    private static final class Reader implements Subscription, Runnable {
        private final ResponseBody.FileRegion region;
        private final Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private volatile boolean cancelled;
        private volatile Throwable badRequest;
        /** Next file position and bytes left: touched only by the reading thread of the moment. */
        private long position;
        private long left;
        private boolean done;

        Reader(ResponseBody.FileRegion region, Subscriber<? super ByteBuffer> subscriber) {
            this.region = region;
            this.subscriber = subscriber;
            this.position = region.position();
            this.left = region.length();
        }

        void start() {
            // A unit of demand held through onSubscribe: a request made inside it must not start
            // the reading thread before onSubscribe returns (rule 1.3).
            demand.set(1);
            subscriber.onSubscribe(this);
            long d = demand.addAndGet(-1);
            if (d > 0) {
                Thread.ofVirtual().name("weft-file-read").start(this);
            } else if (left == 0) {
                // Rule 1.9 allows completing an empty stream without demand.
                request(1);
            }
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                badRequest = new IllegalArgumentException("Reactive Streams rule 3.9: request must be positive, was " + n);
            }
            long before;
            long after;
            do {
                before = demand.get();
                after = before + Math.max(n, 1);
                if (after < 0) {
                    after = Long.MAX_VALUE;
                }
            } while (!demand.compareAndSet(before, after));
            if (before == 0) {
                Thread.ofVirtual().name("weft-file-read").start(this);
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            region.close();
        }

        @Override
        public void run() {
            long d = demand.get();
            for (;;) {
                long emitted = 0;
                while (emitted < d && !done) {
                    if (cancelled) {
                        return;
                    }
                    if (badRequest != null) {
                        finish(badRequest);
                        return;
                    }
                    if (left == 0) {
                        finish(null);
                        return;
                    }
                    ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, left));
                    try {
                        while (chunk.hasRemaining()) {
                            int n = region.channel().read(chunk, position + chunk.position());
                            if (n < 0) {
                                throw new IOException("the file ended " + (left - chunk.position())
                                        + " bytes before its region did (truncated while being sent?)");
                            }
                        }
                    } catch (IOException e) {
                        if (!cancelled) {
                            finish(e);
                        }
                        return;
                    }
                    position += chunk.limit();
                    left -= chunk.limit();
                    subscriber.onNext(chunk.flip());
                    emitted++;
                }
                if (done) {
                    return;
                }
                d = demand.addAndGet(-emitted);
                if (d == 0) {
                    return;
                }
            }
        }

        private void finish(Throwable error) {
            done = true;
            region.close();
            if (error == null) {
                subscriber.onComplete();
            } else {
                subscriber.onError(error);
            }
        }
    }
}
