package dev.weft.router.internal;

import dev.weft.runtime.AsyncRuntime;

import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * A TCK publisher verification whose publishers need a runtime: a two-worker one, started for the
 * test class and closed after it.
 */
public abstract class RuntimePublisherVerification<T> extends CollectingPublisherVerification<T> {
    private final String name;
    private AsyncRuntime rt;

    protected RuntimePublisherVerification(String name) {
        this.name = name;
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
}
