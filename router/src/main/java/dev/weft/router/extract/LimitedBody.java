package dev.weft.router.extract;

import dev.weft.http.HttpHeaders;
import dev.weft.server.BodyTooLargeException;
import dev.weft.server.RequestBody;

import java.nio.ByteBuffer;
import java.util.Objects;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A streamed request body that fails with {@link BodyTooLargeException} (and cancels the upstream)
 * once more than {@code limit} bytes have passed: the body-limit layer's rule for bodies of unknown
 * length, which it cannot refuse up front.
 */
final class LimitedBody implements RequestBody {
    private final RequestBody body;
    private final long limit;

    LimitedBody(RequestBody body, long limit) {
        this.body = body;
        this.limit = limit;
    }

    @Override
    public long contentLength() {
        return body.contentLength();
    }

    @Override
    public HttpHeaders trailers() {
        return body.trailers();
    }

    @Override
    public long bufferLimit() {
        return Math.min(limit, body.bufferLimit());
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
        body.subscribe(new Subscriber<ByteBuffer>() {
            private Subscription subscription;
            private long seen;
            private boolean failed;

            @Override
            public void onSubscribe(Subscription s) {
                Objects.requireNonNull(s, "Reactive Streams rule 2.13: subscription must not be null");
                if (subscription != null) {
                    s.cancel(); // rule 2.5: subscribed already; the reader keeps the first
                    return;
                }
                subscription = s;
                subscriber.onSubscribe(s);
            }

            @Override
            public void onNext(ByteBuffer buffer) {
                if (failed) {
                    return;
                }
                seen += buffer.remaining();
                if (seen > limit) {
                    failed = true;
                    subscription.cancel();
                    subscriber.onError(new BodyTooLargeException(limit));
                    return;
                }
                subscriber.onNext(buffer);
            }

            @Override
            public void onError(Throwable t) {
                Objects.requireNonNull(t, "Reactive Streams rule 2.13: error must not be null");
                if (!failed) {
                    subscriber.onError(t);
                }
            }

            @Override
            public void onComplete() {
                if (!failed) {
                    subscriber.onComplete();
                }
            }
        });
    }
}
