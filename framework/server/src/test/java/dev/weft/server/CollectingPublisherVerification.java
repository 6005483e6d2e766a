package dev.weft.server;

import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;

import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.TestEnvironment.ManualSubscriber;
import org.testng.annotations.Test;

/**
 * The server's TCK publisher verifications, in {@link Tck#environment()}, with rule 3.13
 * checked by waiting for the thing itself.
 *
 * <p>The TCK's own 3.13 test sleeps a fixed time after the cancel, collects garbage once and then
 * gives the reference queue 100 ms. Both things it waits for happen on other threads: a
 * publisher's last references to a subscriber can sit on a worker's stack until that worker's task
 * returns, and the reference queue is fed by the JDK's reference handler thread. On a loaded
 * two-core machine neither comes within a fixed time: one CI run in ten failed the router's
 * {@code LimitedBodyTckTest}'s 3.13 test, and a full build under load failed
 * {@code SseBodyTckTest}'s, whose publisher is synchronous. Here the subscriber is collected
 * until its weak reference is cleared (which the collector does itself), for as long as a signal
 * that must come is awaited ({@link Tck#SIGNAL_MILLIS}); a passing run ends as soon as
 * it is gone. The router's tests have a twin of this class: modules share no test code.
 */
public abstract class CollectingPublisherVerification<T> extends PublisherVerification<T> {
    private final TestEnvironment env;

    protected CollectingPublisherVerification() {
        this(Tck.environment());
    }

    private CollectingPublisherVerification(TestEnvironment env) {
        super(env, Tck.NO_SIGNAL_MILLIS);
        this.env = env;
    }

    @Override
    @Test
    public void required_spec313_cancelMustMakeThePublisherEventuallyDropAllReferencesToTheSubscriber() throws Throwable {
        activePublisherTest(3, false, pub -> {
            WeakReference<ManualSubscriber<T>> subscriber = takeOneAndCancel(pub);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Tck.SIGNAL_MILLIS);
            while (subscriber.get() != null) {
                if (System.nanoTime() - deadline > 0) {
                    env.flopAndFail("Publisher " + pub + " still holds the test subscriber " + Tck.SIGNAL_MILLIS
                            + " ms after it cancelled (rule 3.13)");
                }
                System.gc();
                Thread.sleep(10);
            }
            env.verifyNoAsyncErrorsNoDelay();
        });
    }

    /** Subscribes, takes one element and cancels; only the returned weak reference remains. */
    private WeakReference<ManualSubscriber<T>> takeOneAndCancel(Publisher<T> pub) throws InterruptedException {
        ManualSubscriber<T> sub = env.newManualSubscriber(pub);
        sub.request(1);
        sub.nextElement();
        sub.cancel();
        return new WeakReference<>(sub);
    }
}
