package dev.weft.router.internal;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The upstream half of a body transformer (a decoder, a multipart parser) and the drain that
 * runs it: subscribes to a request body, asks it for one buffer at a time, only when the owner's
 * step has used up the last one, and keeps a copy of each buffer (the body may reuse its own once
 * {@code onNext} returns) until the step has used it.
 *
 * <p>Threads: the body's signals come from its publisher, and the owner's own signals (its
 * subscriber's {@code request} and {@code cancel}, a handler asking for the next part) from
 * anywhere. Each records what it brings and calls {@link #drain()}; a work-in-progress counter
 * lets one thread at a time run the owner's step, and a signal that arrives meanwhile makes that
 * thread run it once more. Only the step calls {@link #next}, {@link #ended}, {@link #requestOne}
 * and {@link #cancel}, so it alone touches what the owner keeps in plain fields.
 *
 * <pre>{@code
 * BodyPump pump = new BodyPump(this::step);
 * body.subscribe(pump);
 *
 * void step() {
 *     ByteBuffer b = pump.next();
 *     if (b != null) {
 *         parser.offer(b);            // uses some or all of it
 *     } else if (pump.ended()) {
 *         parser.finish();
 *     } else {
 *         pump.requestOne();          // the step runs again when it comes
 *     }
 * }
 * }</pre>
 */
public final class BodyPump implements Subscriber<ByteBuffer> {
    private final Runnable step;
    private final long maxBytes;
    private final Supplier<? extends RuntimeException> tooLarge;
    private final AtomicInteger wip = new AtomicInteger();
    private final ConcurrentLinkedQueue<ByteBuffer> inbox = new ConcurrentLinkedQueue<>();
    private volatile Subscription upstream;
    /** The body completed or failed: it sends nothing more. */
    private volatile boolean done;
    /** A buffer was asked for and has not come yet. */
    private volatile boolean requested;
    private volatile Throwable failure;
    /** Bytes received; only the body's signals, which are serial (rule 1.3), write it. */
    private long received;

    /** A pump running {@code step}, reading a body of any length. */
    public BodyPump(Runnable step) {
        this(step, Long.MAX_VALUE, null);
    }

    /**
     * A pump running {@code step} that fails with {@code tooLarge} once the body has sent more
     * than {@code maxBytes}: the buffer that crosses the limit is not kept.
     */
    public BodyPump(Runnable step, long maxBytes, Supplier<? extends RuntimeException> tooLarge) {
        this.step = Objects.requireNonNull(step, "step");
        this.maxBytes = maxBytes;
        this.tooLarge = tooLarge;
    }

    /** Runs the owner's step now, or has the thread running it run it once more: steps never overlap. */
    public void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            step.run();
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    // ---- the body's subscriber --------------------------------------------------------------

    @Override
    public void onSubscribe(Subscription s) {
        Objects.requireNonNull(s, "Reactive Streams rule 2.13: subscription must not be null");
        if (upstream != null) {
            s.cancel(); // rule 2.5: subscribed already
            return;
        }
        upstream = s;
        drain();
    }

    @Override
    public void onNext(ByteBuffer b) {
        received += b.remaining();
        if (received > maxBytes) {
            if (failure == null) {
                failure = tooLarge.get();
            }
        } else {
            // The buffer is the publisher's once this returns: keep a copy.
            ByteBuffer copy = ByteBuffer.allocate(b.remaining());
            copy.put(b).flip();
            inbox.add(copy);
        }
        requested = false;
        drain();
    }

    @Override
    public void onError(Throwable t) {
        Objects.requireNonNull(t, "Reactive Streams rule 2.13: error must not be null");
        if (failure == null) {
            failure = t;
        }
        done = true;
        drain();
    }

    @Override
    public void onComplete() {
        done = true;
        drain();
    }

    // ---- for the step -----------------------------------------------------------------------

    /**
     * The oldest buffer received that the step has not used up, or null when none waits. The
     * step uses it by moving its position; one it leaves with bytes remaining is given again.
     * Each is a heap buffer of the pump's own, backed by the whole of its array.
     */
    public ByteBuffer next() {
        ByteBuffer b;
        while ((b = inbox.peek()) != null && !b.hasRemaining()) {
            inbox.poll();
        }
        return b;
    }

    /**
     * True once the body has ended (completed, or failed: see {@link #failure}) and every buffer
     * it sent is used up; for the step, after {@link #next} found none.
     */
    public boolean ended() {
        // The end is read before the queue: a body adds its last buffer before it ends, so a
        // buffer that arrived just after next() looked is seen here, not lost behind the end.
        return done && next() == null;
    }

    /** How the body failed, or exceeded the size limit; null while it has not. */
    public Throwable failure() {
        return failure;
    }

    /**
     * Asks the body for one more buffer unless one is already on its way; does nothing before
     * the body's {@code onSubscribe} (which runs the step again when it comes).
     */
    public void requestOne() {
        Subscription s = upstream;
        if (s != null && !requested) {
            requested = true;
            s.request(1);
        }
    }

    /** Stops reading: cancels the body unless it has ended, and drops what waits. */
    public void cancel() {
        Subscription s = upstream;
        if (s != null && !done) {
            s.cancel();
        }
        inbox.clear();
    }
}
