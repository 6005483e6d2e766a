package dev.weft.server;

import java.nio.ByteBuffer;
import java.util.Objects;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;

/** A request body streamed from any publisher. */
final class PublisherBody implements RequestBody {
    private final Publisher<ByteBuffer> publisher;
    private final long length;
    private final long limit;

    PublisherBody(Publisher<ByteBuffer> publisher, long length, long limit) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        if (length < -1) {
            throw new IllegalArgumentException("length must be >= -1: " + length);
        }
        this.length = length;
        this.limit = limit;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public long bufferLimit() {
        return limit;
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
        publisher.subscribe(subscriber);
    }
}
