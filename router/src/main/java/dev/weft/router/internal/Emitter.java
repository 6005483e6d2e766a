package dev.weft.router.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The downstream half of a publisher: a queue of items delivered to one subscriber as it
 * requests them. Producers on any thread {@link #offer} items and {@link #complete} or
 * {@link #fail}; a work-in-progress counter lets exactly one thread run {@link #drain} at a time,
 * so signals are serial (Reactive Streams rule 1.3) without a lock, {@code onSubscribe} included
 * when the publisher gives it through {@link #subscribe()}. When the subscriber wants
 * more and the queue is empty, {@code onDemand} asks the producer for more.
 *
 * <p>Once the stream ends (cancelled, completed or failed) the emitter lets go of its subscriber
 * and of the {@code onDemand} callback at once (Reactive Streams rule 3.13): a producer that keeps
 * the emitter, such as a task still running or a broadcaster's list, does not keep a cancelled
 * subscriber reachable.
 */
public final class Emitter<T> implements Subscription {
    private static final Runnable NOTHING = () -> { };

    /** The subscriber until the stream ends; null after (rule 3.13). */
    private volatile Subscriber<? super T> downstream;
    private final int capacity;
    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicBoolean cancelHooksRun = new AtomicBoolean();
    private volatile boolean done;
    private volatile boolean dropQueued;
    private volatile Throwable error;
    private volatile boolean terminated;
    private volatile Runnable onDemand = NOTHING;
    private volatile Runnable onCancel = NOTHING;

    /** An emitter to {@code downstream} queuing at most {@code capacity} items. */
    public Emitter(Subscriber<? super T> downstream, int capacity) {
        this.downstream = downstream;
        this.capacity = capacity;
    }

    /** Runs {@code r} (on the draining thread) when the subscriber wants more and nothing is queued. */
    public void onDemand(Runnable r) {
        onDemand = r;
    }

    /** Runs {@code r} once when the stream ends: cancelled, completed or failed. */
    public void onCancel(Runnable r) {
        onCancel = r;
    }

    /** Queues {@code item}; false (and nothing queued) when the queue is full or the stream is over. */
    public boolean offer(T item) {
        if (terminated || done) {
            return false;
        }
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        queue.offer(item);
        drain();
        return true;
    }

    /** True when nothing is queued. */
    public boolean isIdle() {
        return size.get() == 0;
    }

    /**
     * True when nothing is queued and the subscriber has asked for more: an item offered now goes
     * out at once instead of waiting in the queue. For filler a producer sends only while the line
     * is otherwise quiet (a keep-alive), which must never stand in the queue where it would hold
     * back the end of the stream ({@link #complete}, {@link #fail}) until a demand that may not come.
     */
    public boolean wantsMore() {
        return demand.get() > 0 && size.get() == 0;
    }

    /** Completes once the queue is delivered. */
    public void complete() {
        done = true;
        drain();
    }

    /** Fails once the queue is delivered. */
    public void fail(Throwable t) {
        error = t;
        done = true;
        drain();
    }

    /** Fails now, dropping what is queued: an error needs no demand (Reactive Streams rule 1.4). */
    public void failNow(Throwable t) {
        // The draining thread drops the queue: clearing it here would race with a producer that
        // passed offer's check before this call and adds its item after the clear, and the error
        // would wait behind that item for a demand that may never come.
        dropQueued = true;
        fail(t);
    }

    /** True once the subscriber was told the end, or cancelled. */
    public boolean isTerminated() {
        return terminated;
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            // Rule 3.9: the error must come, and an error needs no demand (rule 1.4). Queued items
            // are dropped rather than waited on: fail() would hold the error behind them until a
            // demand that a subscriber this confused may never send.
            failNow(new IllegalArgumentException("Reactive Streams rule 3.9: request(" + n + ") is not positive"));
            return;
        }
        long current;
        long next;
        do {
            current = demand.get();
            next = current + n < 0 ? Long.MAX_VALUE : current + n;
        } while (!demand.compareAndSet(current, next));
        drain();
    }

    @Override
    public void cancel() {
        terminated = true;
        letGo();
        queue.clear();
        runCancelHooks();
    }

    /** Drops the references to the subscriber and the producer's callback: the stream is over. */
    private void letGo() {
        downstream = null;
        onDemand = NOTHING;
    }

    private void runCancelHooks() {
        if (cancelHooksRun.compareAndSet(false, true)) {
            Runnable hook = onCancel;
            onCancel = NOTHING;
            hook.run();
        }
    }

    /** Delivers what is queued and demanded; safe to call from any thread at any time. */
    public void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        drainLoop();
    }

    /**
     * Gives the subscriber this emitter with {@code onSubscribe}, which no other signal overtakes
     * (rule 1.3): a producer that offers from another thread while the subscriber is still inside
     * {@code onSubscribe} (it may request there, and the demand may start a producer elsewhere) has
     * its item delivered once {@code onSubscribe} returns. Publishers call this instead of calling
     * {@code onSubscribe} themselves.
     */
    public void subscribe() {
        wip.getAndIncrement(); // holds the drain: a drain meanwhile only counts itself as missed
        Subscriber<? super T> d = downstream;
        try {
            d.onSubscribe(this);
        } catch (RuntimeException | Error e) {
            cancel(); // rule 2.13 broken by the subscriber: the stream is over
            throw e;
        } finally {
            drainLoop();
        }
    }

    /** The drain, by the thread that moved {@code wip} from zero. */
    private void drainLoop() {
        int missed = 1;
        do {
            Subscriber<? super T> d = downstream; // null once cancelled; terminated is then set
            if (d == null) {
                queue.clear();
                return;
            }
            long requested = demand.get();
            long emitted = 0;
            while (emitted != requested && !terminated && !dropQueued) {
                T item = queue.poll();
                if (item == null) {
                    break;
                }
                size.decrementAndGet();
                d.onNext(item);
                emitted++;
            }
            if (emitted > 0 && requested != Long.MAX_VALUE) {
                demand.addAndGet(-emitted);
            }
            if (terminated) {
                queue.clear();
                return;
            }
            if (done && (dropQueued || queue.isEmpty())) {
                terminated = true;
                letGo();
                queue.clear();
                Throwable e = error;
                if (e != null) {
                    d.onError(e);
                } else {
                    d.onComplete();
                }
                runCancelHooks();
                return;
            }
            if (demand.get() > 0 && queue.isEmpty()) {
                onDemand.run();
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }
}
