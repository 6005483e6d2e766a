package dev.weft.it.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for what a test can observe to become true, rather than sleeping and hoping it did. */
public final class Await {
    private Await() {
    }

    /**
     * Returns as soon as {@code condition} holds; fails with {@code what} if it still does not
     * after {@code limit}.
     */
    public static void until(Duration limit, Supplier<String> what, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError(what.get() + " (after " + limit.toMillis() + " ms)");
            }
            Thread.sleep(5); // how often to look: the condition, not this pause, ends the wait
        }
    }
}
