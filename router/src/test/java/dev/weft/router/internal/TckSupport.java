package dev.weft.router.internal;

import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.Poll;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongFunction;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.SubscriberPuppet;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.WhiteboxSubscriberProbe;

/**
 * What the router's Reactive Streams TCK tests share: sources to put upstream of the wrappers
 * under test, built on {@link Emitter} (verified by {@link EmitterTckTest} and
 * {@link EmitterOnRuntimeTckTest}), and the probe that whitebox tests put around a subscriber.
 */
public final class TckSupport {
    /**
     * How long the TCK watches for a signal that must not come, and how long it waits before it
     * looks for an expected error (its {@code expectError} sleeps that long once, then looks): what
     * a passing run costs, as in the framework's TCK tests.
     */
    public static final long NO_SIGNAL_MILLIS = 300;

    /**
     * How long the TCK waits for a signal that must come; it stops waiting when the signal comes,
     * so a passing run takes no longer for it. Not {@link #NO_SIGNAL_MILLIS}: on a two-core machine
     * shared with other builds (load average 15 to 19), a hand-off between two threads of a plain
     * executor was measured taking up to 340 ms, and the TCK's own helper publisher missed 300 ms
     * in about one full run in three, failing tests before the code under test was reached.
     */
    public static final long SIGNAL_MILLIS = 2000;

    private TckSupport() {
    }

    /** The TCK's environment for the router's tests: see {@link #SIGNAL_MILLIS}. */
    public static TestEnvironment environment() {
        return new TestEnvironment(SIGNAL_MILLIS, NO_SIGNAL_MILLIS, NO_SIGNAL_MILLIS);
    }

    /** {@code count} elements, each made on the requesting thread when the subscriber wants one, then completion. */
    public static <T> Publisher<T> onDemand(long count, LongFunction<T> element) {
        return subscriber -> {
            Emitter<T> e = new Emitter<>(subscriber, Integer.MAX_VALUE);
            long[] next = {0};
            e.onDemand(() -> {
                if (next[0] < count) {
                    e.offer(element.apply(next[0]++));
                } else {
                    e.complete();
                }
            });
            e.subscribe();
            if (count == 0) {
                e.complete();
            }
        };
    }

    /**
     * {@code count} elements, then completion, each made by a task on {@code rt} when the
     * subscriber wants more: signals come from the runtime's workers, as they do from a handler's
     * publisher, while requests come from the subscriber's thread.
     */
    public static <T> Publisher<T> onRuntime(AsyncRuntime rt, long count, LongFunction<T> element) {
        return subscriber -> {
            Emitter<T> e = new Emitter<>(subscriber, Integer.MAX_VALUE);
            AtomicBoolean producing = new AtomicBoolean();
            long[] next = {0}; // touched only by the one task that holds producing
            e.onDemand(() -> {
                if (producing.compareAndSet(false, true)) {
                    rt.spawn("tck-source", cx -> {
                        if (next[0] < count) {
                            e.offer(element.apply(next[0]++));
                        } else {
                            e.complete();
                        }
                        producing.set(false);
                        e.drain(); // demand that came while this task ran asks again
                        return Poll.ready(null);
                    });
                }
            });
            e.subscribe();
            if (count == 0) {
                e.complete();
            }
        };
    }

    /** Fails right after {@code onSubscribe}, without demand. */
    public static <T> Publisher<T> failing(Throwable error) {
        return subscriber -> {
            Emitter<T> e = new Emitter<>(subscriber, Integer.MAX_VALUE);
            e.subscribe();
            e.fail(error);
        };
    }

    /**
     * {@code inner} with {@code probe} listening: the probe hears of each signal after the
     * subscriber took it, and gets {@code puppet} with the first subscription. A null goes to the
     * subscriber only: it is the subscriber's to refuse (rule 2.13), and the probe, which throws on
     * a null itself, would otherwise hide a subscriber that does not.
     */
    @SuppressWarnings("unchecked")
    public static <T> Subscriber<T> probed(Subscriber<? super T> inner, WhiteboxSubscriberProbe<T> probe,
                                           SubscriberPuppet puppet) {
        return new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                inner.onSubscribe(s);
                probe.registerOnSubscribe(puppet);
            }

            @Override
            public void onNext(T element) {
                inner.onNext(element);
                if (element != null) {
                    probe.registerOnNext(element);
                }
            }

            @Override
            public void onError(Throwable t) {
                inner.onError(t);
                if (t != null) {
                    probe.registerOnError(t);
                }
            }

            @Override
            public void onComplete() {
                inner.onComplete();
                probe.registerOnComplete();
            }
        };
    }

    /**
     * The subscriber that the publisher {@code wrap} makes puts on its source when {@code client}
     * subscribes to it: the subscriber side of a wrapper, to be driven by a test as its source.
     */
    public static <U, D> Subscriber<? super U> upstreamOf(Function<Publisher<U>, Publisher<D>> wrap, Sink<D> client) {
        AtomicReference<Subscriber<? super U>> upstream = new AtomicReference<>();
        wrap.apply(upstream::set).subscribe(client);
        return upstream.get();
    }

    /**
     * {@link #upstreamOf} for a whitebox test: probed, with a client whose requests and cancels
     * are the puppet's.
     */
    public static <U, D> Subscriber<U> probedUpstreamOf(Function<Publisher<U>, Publisher<D>> wrap,
                                                        WhiteboxSubscriberProbe<U> probe) {
        Sink<D> client = new Sink<>();
        return probed(upstreamOf(wrap, client), probe, client.puppet());
    }

    /**
     * The consumer downstream of a wrapper whose subscriber side is under test: it only keeps its
     * subscription, so that the puppet can ask and cancel through the wrapper as a client would.
     */
    public static final class Sink<T> implements Subscriber<T> {
        private volatile Subscription subscription;
        private volatile Throwable error;

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(T element) {
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onComplete() {
        }

        /** The subscription it was given, or null. */
        public Subscription subscription() {
            return subscription;
        }

        /** The error it was told of, or null. */
        public Throwable error() {
            return error;
        }

        /** Requests and cancels on the sink's subscription: the wrapper then does what it does upstream. */
        public SubscriberPuppet puppet() {
            return new SubscriberPuppet() {
                @Override
                public void triggerRequest(long elements) {
                    subscription.request(elements);
                }

                @Override
                public void signalCancel() {
                    subscription.cancel();
                }
            };
        }
    }
}
