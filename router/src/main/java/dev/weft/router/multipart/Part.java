package dev.weft.router.multipart;

import dev.weft.http.HttpStatus;

import dev.weft.http.HttpHeaders;
import dev.weft.runtime.Async;
import dev.weft.server.Publishers;
import dev.weft.server.RequestBody;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * One part of a multipart body: its headers, the form field {@link #name()}, the
 * {@link #filename()} of an uploaded file, its {@link #contentType()}, and its {@link #body()},
 * streamed with backpressure. Read the body (or not) before asking {@link Multipart#next()} for
 * the next part: asking skips what is left of this one.
 *
 * <pre>{@code
 * Part p = ...;
 * Async<Long> saved = p.saveTo(uploads.resolve(UUID.randomUUID().toString()));  // to disk, bounded memory
 * Async<String> text = p.body().text();                                         // small fields
 * }</pre>
 */
public final class Part {
    /** Where the part's body stands; written by the multipart stream's drain, read anywhere. */
    enum Phase { OPEN, ENDED, SKIPPED }

    private final HttpHeaders headers;
    private final String name;
    private final String filename;
    private final MultipartStream stream;
    private final long bufferLimit;
    final Body body = new Body();
    volatile Phase phase = Phase.OPEN;
    volatile Subscriber<? super ByteBuffer> subscriber;
    final AtomicLong demand = new AtomicLong();
    volatile boolean cancelled;
    /** Why the multipart stream failed while this part was open, for a subscriber that comes later. */
    volatile Throwable failure;
    private final AtomicBoolean terminated = new AtomicBoolean();
    private final AtomicBoolean subscribed = new AtomicBoolean();

    Part(HttpHeaders headers, MultipartStream stream, long bufferLimit) {
        this.headers = headers;
        this.stream = stream;
        this.bufferLimit = bufferLimit;
        String cd = headers.get("Content-Disposition");
        if (cd == null) {
            throw MultipartParser.malformed("a part has no Content-Disposition header");
        }
        ContentDisposition d = ContentDisposition.parse(cd);
        if (!d.type().equals("form-data") || d.name() == null) {
            throw MultipartParser.malformed("a part's Content-Disposition is not form-data with a name");
        }
        this.name = d.name();
        this.filename = d.filename();
    }

    /** The part's headers. */
    public HttpHeaders headers() {
        return headers;
    }

    /** The form field name ({@code Content-Disposition: form-data; name="..."}). */
    public String name() {
        return name;
    }

    /** The file name an upload was sent with, if any ({@code filename*} preferred over {@code filename}). */
    public Optional<String> filename() {
        return Optional.ofNullable(filename);
    }

    /** The part's content type; {@code text/plain} when it has none (RFC 7578 §4.4). */
    public String contentType() {
        String ct = headers.get("Content-Type");
        return ct == null ? "text/plain" : ct.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The part's body, subscribed to once: demand drives reading the request. A buffer handed to
     * {@code onNext} is valid only until the subscriber returns or requests more (copy what must
     * outlive that). {@code bytes()} and {@code text()} buffer it up to the limits'
     * {@code maxBufferedPartBytes}.
     */
    public RequestBody body() {
        return body;
    }

    /**
     * Passes each buffer of the body to {@code sink} (on the thread that delivers it: it must not
     * block), then asks for the next; the value is the body's length.
     */
    public Async<Long> consume(Consumer<ByteBuffer> sink) {
        return Async.fromFuture(feed(sink));
    }

    /** The whole body in memory, failing with a 413 beyond {@code limit} bytes. */
    CompletableFuture<byte[]> readAll(long limit) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        return feed(b -> {
            if (out.size() + (long) b.remaining() > limit) {
                throw dev.weft.router.Rejection.of(HttpStatus.CONTENT_TOO_LARGE, "multipart part '" + name + "'",
                        "larger than the limit of " + limit + " bytes");
            }
            byte[] a = new byte[b.remaining()];
            b.get(a);
            out.writeBytes(a);
        }).thenApply(n -> out.toByteArray());
    }

    private CompletableFuture<Long> feed(Consumer<ByteBuffer> sink) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        body.subscribe(new Subscriber<ByteBuffer>() {
            private Subscription s;
            private long n;

            @Override
            public void onSubscribe(Subscription s) {
                this.s = s;
                s.request(1);
            }

            @Override
            public void onNext(ByteBuffer b) {
                n += b.remaining();
                try {
                    sink.accept(b);
                } catch (RuntimeException e) {
                    s.cancel();
                    done.completeExceptionally(e);
                    return;
                }
                s.request(1);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(n);
            }
        });
        return done;
    }

    /**
     * Writes the body to {@code file} (created or truncated) on a virtual thread, one buffer at a
     * time, so memory stays bounded however large the upload; the value is the number of bytes.
     */
    public Async<Long> saveTo(Path file) {
        return Async.fromFuture(new FileSink(file).start(body));
    }

    void signalComplete() {
        Subscriber<? super ByteBuffer> s = subscriber;
        if (s != null && terminated.compareAndSet(false, true)) {
            s.onComplete();
        }
    }

    void signalError(Throwable t) {
        Subscriber<? super ByteBuffer> s = subscriber;
        if (s != null && terminated.compareAndSet(false, true)) {
            s.onError(t);
        }
    }

    /** The body as a {@link RequestBody}: backed by the multipart stream. */
    final class Body implements RequestBody {
        @Override
        public long contentLength() {
            return -1;
        }

        @Override
        public long bufferLimit() {
            return bufferLimit;
        }

        @Override
        public void subscribe(Subscriber<? super ByteBuffer> s) {
            Subscription subscription = new Subscription() {
                @Override
                public void request(long n) {
                    if (n <= 0) {
                        cancelled = true;
                        signalError(new IllegalArgumentException("Reactive Streams rule 3.9: request must be positive, was " + n));
                    } else {
                        demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                    }
                    stream.drain();
                }

                @Override
                public void cancel() {
                    cancelled = true;
                    stream.drain();
                }
            };
            if (!subscribed.compareAndSet(false, true)) {
                Publishers.refuseSubscriber(s, "a part's body can be subscribed to once");
                return;
            }
            s.onSubscribe(subscription);
            subscriber = s;
            Phase p = phase;
            if (p == Phase.SKIPPED) {
                Throwable f = failure;
                signalError(f != null ? f
                        : new IllegalStateException("the part was skipped: next() was called before its body was read"));
            } else if (p == Phase.ENDED) {
                signalComplete();
            }
            stream.drain();
        }
    }
}
