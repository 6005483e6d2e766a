package dev.weft.server;

import java.nio.ByteBuffer;

import org.reactivestreams.Subscriber;

/** A request body held in memory; emits one read-only buffer. */
final class BufferBody implements RequestBody {
    private final ByteBuffer bytes;
    private final long limit;

    BufferBody(ByteBuffer bytes, long limit) {
        this.bytes = bytes;
        this.limit = limit;
    }

    @Override
    public long contentLength() {
        return bytes.remaining();
    }

    @Override
    public long bufferLimit() {
        return limit;
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
        new SingleBufferSubscription(subscriber, bytes.asReadOnlyBuffer()).start();
    }
}
