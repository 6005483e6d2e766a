package dev.weft.router.internal;

import dev.weft.runtime.AsyncRuntime;

import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;

import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.TestEnvironment.ManualSubscriber;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * A TCK publisher verification whose publishers need a runtime: a two-worker one, started for the
 * test class and closed after it.
 *
 * <p>Rule 3.13 is checked by waiting for the thing itself. The TCK's own test sleeps a fixed time
 * after the cancel, collects garbage once and gives the reference queue 100 ms. Here a publisher's
 * last references to a subscriber can sit on a worker's stack until that worker's task returns,
 * and the reference queue is fed by another thread: both must happen, but on a loaded two-core
 * machine neither comes within a fixed time (one CI run in ten failed that way). So the
 * subscriber is collected for as long as a signal that must come is awaited
 * ({@link TckSupport#SIGNAL_MILLIS}), and the test ends as soon as it is gone.
 */
public abstract class RuntimePublisherVerification<T> extends PublisherVerification<T> {
    private final String name;
    private final TestEnvironment env;
    private AsyncRuntime rt;

    protected RuntimePublisherVerification(String name) {
        this(name, TckSupport.environment());
    }

    private RuntimePublisherVerification(String name, TestEnvironment env) {
        super(env, TckSupport.NO_SIGNAL_MILLIS);
        this.name = name;
        this.env = env;
    }

    /** The runtime of this test class. */
    protected AsyncRuntime runtime() {
        return rt;
    }

    @BeforeClass
    public void startRuntime() {
        rt = AsyncRuntime.builder().workers(2).name(name).build();
    }

    @AfterClass
    public void closeRuntime() {
        rt.close();
    }

    @Override
    @Test
    public void required_spec313_cancelMustMakeThePublisherEventuallyDropAllReferencesToTheSubscriber() throws Throwable {
        activePublisherTest(3, false, pub -> {
            WeakReference<ManualSubscriber<T>> subscriber = takeOneAndCancel(pub);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TckSupport.SIGNAL_MILLIS);
            while (subscriber.get() != null) {
                if (System.nanoTime() - deadline > 0) {
                    env.flopAndFail("Publisher " + pub + " still holds the test subscriber " + TckSupport.SIGNAL_MILLIS
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
