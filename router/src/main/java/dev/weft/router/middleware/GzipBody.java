package dev.weft.router.middleware;

import dev.weft.router.internal.Emitter;
import dev.weft.server.Publishers;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A streamed body compressed as it flows: one gzip member (RFC 1952) whose deflate stream is
 * flushed after every input buffer (SYNC_FLUSH), so a client sees each piece as soon as the
 * handler produced it. One upstream buffer is requested per downstream demand, so backpressure
 * passes through.
 */
final class GzipBody implements Publisher<ByteBuffer> {
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final Publisher<ByteBuffer> source;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    GzipBody(Publisher<ByteBuffer> source) {
        this.source = source;
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            Publishers.refuseSubscriber(subscriber, "a response body is subscribed to once");
            return;
        }
        Emitter<ByteBuffer> out = new Emitter<>(subscriber, Integer.MAX_VALUE);
        Compressor compressor = new Compressor(out);
        out.onDemand(compressor::pull);
        out.onCancel(compressor::cancel);
        out.subscribe();
        source.subscribe(compressor);
    }

    /** Subscribes to the plain body and offers compressed pieces to the emitter. */
    private static final class Compressor implements Subscriber<ByteBuffer> {
        private final Emitter<ByteBuffer> out;
        private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        private final CRC32 crc = new CRC32();
        private final byte[] chunk = new byte[8192];
        private final AtomicBoolean outstanding = new AtomicBoolean();
        private volatile Subscription subscription;
        private volatile boolean cancelled;
        private volatile boolean ended;
        private boolean headerSent;
        private long size;

        Compressor(Emitter<ByteBuffer> out) {
            this.out = out;
        }

        void pull() {
            Subscription s = subscription;
            if (s != null && outstanding.compareAndSet(false, true)) {
                s.request(1);
            }
        }

        void cancel() {
            cancelled = true;
            Subscription s = subscription;
            // Rule 2.3: the emitter runs this also when the plain body has ended, from inside
            // onComplete or onError, where the subscription must not be called (nor needs to be).
            if (s != null && !ended) {
                s.cancel();
            }
            synchronized (deflater) {
                deflater.end();
            }
        }

        @Override
        public void onSubscribe(Subscription s) {
            Objects.requireNonNull(s, "Reactive Streams rule 2.13: subscription must not be null");
            if (subscription != null) {
                s.cancel(); // rule 2.5: subscribed already
                return;
            }
            subscription = s;
            if (cancelled) {
                s.cancel();
                return;
            }
            out.drain();
        }

        @Override
        public void onNext(ByteBuffer buffer) {
            byte[] plain = new byte[buffer.remaining()];
            buffer.get(plain);
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(plain.length / 2 + 32);
            synchronized (deflater) {
                if (cancelled) {
                    return;
                }
                if (!headerSent) {
                    compressed.writeBytes(HEADER);
                    headerSent = true;
                }
                crc.update(plain);
                size += plain.length;
                deflater.setInput(plain);
                int n;
                while ((n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH)) > 0) {
                    compressed.write(chunk, 0, n);
                }
            }
            outstanding.set(false);
            out.offer(ByteBuffer.wrap(compressed.toByteArray()));
        }

        @Override
        public void onError(Throwable t) {
            Objects.requireNonNull(t, "Reactive Streams rule 2.13: error must not be null");
            ended = true;
            synchronized (deflater) {
                deflater.end();
            }
            out.fail(t);
        }

        @Override
        public void onComplete() {
            ended = true;
            ByteArrayOutputStream tail = new ByteArrayOutputStream(64);
            synchronized (deflater) {
                if (cancelled) {
                    return;
                }
                if (!headerSent) {
                    tail.writeBytes(HEADER);
                }
                deflater.finish();
                int n;
                while (!deflater.finished() && (n = deflater.deflate(chunk)) >= 0) {
                    tail.write(chunk, 0, n);
                }
                deflater.end();
                int c = (int) crc.getValue();
                int s = (int) size;
                tail.write(c);
                tail.write(c >>> 8);
                tail.write(c >>> 16);
                tail.write(c >>> 24);
                tail.write(s);
                tail.write(s >>> 8);
                tail.write(s >>> 16);
                tail.write(s >>> 24);
            }
            out.offer(ByteBuffer.wrap(tail.toByteArray()));
            out.complete();
        }
    }
}
