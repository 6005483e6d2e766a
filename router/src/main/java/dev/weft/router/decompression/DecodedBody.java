package dev.weft.router.decompression;

import dev.weft.router.Rejection;
import dev.weft.router.internal.BodyPump;
import dev.weft.server.BodyTooLargeException;
import dev.weft.server.Publishers;
import dev.weft.server.RequestBody;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.DataFormatException;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A request body decoded as it streams: each decoded chunk is produced only when the subscriber
 * has demand, and compressed input is asked for only when the decoder has run dry, so a body that
 * inflates a thousandfold (a zip bomb) is never decoded ahead of its reader — and is cut off with
 * a {@link BodyTooLargeException} (a 413) once it passes the limit.
 *
 * <p>Threads: the compressed body's signals and the subscriber's requests come from anywhere;
 * each records what it brings and runs the {@link BodyPump}'s drain, which lets one thread at a
 * time run the step; only the step touches the decoder and signals the subscriber.
 */
final class DecodedBody implements RequestBody {
    private static final int CHUNK = 16 * 1024;

    private final RequestBody compressed;
    private final Decoder.Coding coding;
    private final long limit;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    DecodedBody(RequestBody compressed, Decoder.Coding coding, long limit) {
        this.compressed = compressed;
        this.coding = coding;
        this.limit = limit;
    }

    @Override
    public long contentLength() {
        return -1;
    }

    @Override
    public long bufferLimit() {
        return compressed.bufferLimit();
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
        Objects.requireNonNull(subscriber, "Reactive Streams rule 1.9: subscriber must not be null");
        if (!subscribed.compareAndSet(false, true)) {
            Publishers.refuseSubscriber(subscriber, "a request body can be subscribed to once");
            return;
        }
        Pump pump = new Pump(subscriber);
        subscriber.onSubscribe(pump);
        compressed.subscribe(pump.upstream);
    }

    /** The subscription downstream; upstream, the compressed body through a {@link BodyPump}. */
    private final class Pump implements Subscription {
        private final Subscriber<? super ByteBuffer> downstream;
        private final BodyPump upstream = new BodyPump(this::step);
        private final AtomicLong demand = new AtomicLong();
        private volatile boolean cancelled;
        private volatile Throwable failure;
        // Owned by the step.
        private final Decoder decoder = new Decoder(coding);
        private long decoded;
        private boolean finished;
        /** An output array that received nothing yet, kept for the next attempt. */
        private byte[] spare;

        Pump(Subscriber<? super ByteBuffer> downstream) {
            this.downstream = downstream;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                failure = new IllegalArgumentException("Reactive Streams rule 3.9: request must be positive, was " + n);
            } else {
                demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            }
            upstream.drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            upstream.drain();
        }

        private void step() {
            while (!finished) {
                if (cancelled) {
                    stop();
                    return;
                }
                Throwable f = failure != null ? failure : upstream.failure();
                if (f != null) {
                    stop();
                    downstream.onError(f);
                    return;
                }
                if (demand.get() == 0) {
                    return;
                }
                byte[] out = spare != null ? spare : new byte[CHUNK];
                spare = null;
                int n;
                try {
                    n = decoder.decode(out);
                } catch (DataFormatException e) {
                    failure = Rejection.invalid("request body", "not valid " + name() + ": " + e.getMessage());
                    continue;
                }
                if (n > 0) {
                    decoded += n;
                    if (decoded > limit) {
                        failure = new BodyTooLargeException(limit);
                        continue;
                    }
                    demand.decrementAndGet();
                    downstream.onNext(ByteBuffer.wrap(out, 0, n));
                    continue;
                }
                spare = out;
                ByteBuffer in = upstream.next();
                if (in != null) {
                    decoder.offer(in.array()); // the pump's own copy, kept by the decoder
                    in.position(in.limit());
                } else if (upstream.ended()) {
                    try {
                        decoder.finish();
                    } catch (DataFormatException e) {
                        failure = Rejection.invalid("request body", "not valid " + name() + ": " + e.getMessage());
                        continue;
                    }
                    stop();
                    downstream.onComplete();
                    return;
                } else {
                    upstream.requestOne();
                    return;
                }
            }
        }

        private String name() {
            return coding == Decoder.Coding.GZIP ? "gzip" : "deflate";
        }

        private void stop() {
            finished = true;
            decoder.close();
            upstream.cancel();
        }
    }
}
