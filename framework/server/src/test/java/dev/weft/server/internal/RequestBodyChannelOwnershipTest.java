package dev.weft.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * When a request body's slices stop being the subscriber's: only when it asks for more, cancels,
 * or the response is sent — never merely because the body ended. The server's own echo writes the
 * last slice after the body completed; if completion released it, the read buffer under it could
 * be compacted, read into or lent to another connection before that slice reached the socket.
 */
@Tag("transport-independent")
class RequestBodyChannelOwnershipTest {
    private final BufferAccount account = new BufferAccount("RequestBodyChannelOwnershipTest");

    /** A subscriber that takes one slice and asks for nothing more, as the response writer does until a write completes. */
    private static final class OneAtATime implements Subscriber<ByteBuffer> {
        final List<ByteBuffer> received = new ArrayList<>();
        Subscription subscription;
        boolean completed;

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(ByteBuffer b) {
            received.add(b);
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }

    private static ByteBuffer sliceOf(PooledBuffer b, int n) {
        b.buffer.put(new byte[n]).flip();
        return b.buffer.asReadOnlyBuffer().slice(0, n);
    }

    private final OneAtATime subscriber = new OneAtATime();
    private final PooledBuffer read = BufferPool.borrow(account, "test read buffer");

    /** A body of {@code length} bytes whose first 8 arrived and went to the subscriber. */
    private RequestBodyChannel deliveredOneSlice(long length) {
        RequestBodyChannel body = new RequestBodyChannel(() -> { }, length, 1024);
        body.subscribe(subscriber);
        body.offer(sliceOf(read, 8), read);
        body.pump();
        return body;
    }

    @Test
    void theLastSliceStaysOwnedAfterTheBodyCompletesUntilTheResponseIsSent() {
        RequestBodyChannel body = deliveredOneSlice(8);
        ByteBuffer slice = subscriber.received.getFirst();
        read.release(); // the connection's read buffer lets go, as it does when idle
        body.complete(dev.weft.http.HttpHeaders.empty());
        body.pump();
        assertTrue(subscriber.completed);
        assertTrue(read.isLive(), "the body's end released the slice the subscriber still owns");
        assertTrue(body.holdsSlice());
        assertSame(read, body.sourceOf(slice), "the writer cannot tell the slice is a view of the read buffer");
        body.responseSent();
        assertFalse(read.isLive(), "the response was sent and the slice was still held");
        assertEquals(0, account.outstanding());
    }

    @Test
    void askingForMoreReleasesTheSliceBefore() {
        RequestBodyChannel body = deliveredOneSlice(16);
        assertEquals(2, read.refs());
        subscriber.subscription.request(1);
        body.pump();
        assertEquals(1, read.refs(), "asking for more did not release the slice delivered before");
        read.release();
        assertEquals(0, account.outstanding());
    }

    @Test
    void closingTheConnectionLetsGoOfEverySlice() {
        RequestBodyChannel body = deliveredOneSlice(16);
        read.release();
        body.fail(new java.io.IOException("the connection closed"));
        body.dispose();
        assertFalse(read.isLive());
        assertEquals(0, account.outstanding());
    }
}
