package dev.weft.it;

import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpStatus;
import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.time.Time;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.ResponseBody;
import dev.weft.server.Service;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** A plain {@link Service} (no router) with one route per behaviour the tests look at. */
final class TestService implements Service {
    /** Bytes the {@code /stalled-reader} route has received. */
    final AtomicLong stalledReaderBytes = new AtomicLong();
    /** Handlers of {@code /hang} that were called. */
    final AtomicLong startedHangs = new AtomicLong();
    /** Handlers of {@code /hang} that were cancelled. */
    final AtomicLong cancelledHangs = new AtomicLong();

    @Override
    public Async<Response> call(Request request) {
        return switch (request.path()) {
            case "/plaintext" -> Async.ready(Response.text("Hello, World!"));
            case "/echo" -> Async.ready(new Response(HttpStatus.OK,
                    HttpHeaders.of("Content-Type", "application/octet-stream"),
                    ResponseBody.stream(request.body(), request.body().contentLength())));
            case "/upper" -> request.body().text().map(s -> Response.text(s.toUpperCase()));
            case "/throw" -> throw new IllegalStateException("thrown by the test's handler (expected)");
            case "/fail" -> Async.failed(new IllegalStateException("failed value from the test's handler (expected)"));
            case "/slow" -> Time.sleep(Duration.ofMillis(200)).map(v -> Response.text("slow"));
            case "/hang" -> {
                startedHangs.incrementAndGet();
                yield new Async<>() {
                    @Override
                    public Poll<Response> poll(Context cx) {
                        return Poll.pending();
                    }

                    @Override
                    public void cancel() {
                        cancelledHangs.incrementAndGet();
                    }
                };
            }
            case "/stalled-reader" -> {
                request.body().subscribe(new Subscriber<ByteBuffer>() {
                    @Override
                    public void onSubscribe(Subscription s) {
                        s.request(1);
                    }

                    @Override
                    public void onNext(ByteBuffer b) {
                        stalledReaderBytes.addAndGet(b.remaining());
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onComplete() {
                    }
                });
                yield Async.never();
            }
            default -> Async.ready(Response.text(HttpStatus.NOT_FOUND, "no route for " + request.path()));
        };
    }
}
