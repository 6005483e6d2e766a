package dev.weft.router.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Subscription;

/**
 * {@link BodyPump} with the body's signals on one thread and the owner's on others, as on a
 * server: the body sends its last buffer and its end back to back, while other threads keep
 * running the drain. Every byte must reach the step in order, exactly once, before the end, and
 * the step must never run on two threads at once.
 */
@Timeout(120)
class BodyPumpStressTest {

    @Test
    void theStepSeesEveryByteInOrderThenTheEnd() throws Exception {
        ExecutorService body = Executors.newSingleThreadExecutor();
        ExecutorService owners = Executors.newFixedThreadPool(2);
        try {
            Random rnd = new Random(11);
            for (int run = 0; run < 2000; run++) {
                byte[] data = new byte[1 + rnd.nextInt(64)];
                rnd.nextBytes(data);
                int chunk = 1 + rnd.nextInt(16);
                check(data, chunk, body, owners);
            }
        } finally {
            body.shutdownNow();
            owners.shutdownNow();
        }
    }

    private static void check(byte[] data, int chunk, ExecutorService body, ExecutorService owners) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        AtomicInteger inStep = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        CountDownLatch ended = new CountDownLatch(1);
        BodyPump[] pump = new BodyPump[1];
        pump[0] = new BodyPump(() -> {
            if (inStep.incrementAndGet() != 1) {
                overlapped.set(true);
            }
            try {
                for (;;) {
                    ByteBuffer b = pump[0].next();
                    if (b != null) {
                        while (b.hasRemaining()) {
                            got.write(b.get());
                        }
                        continue;
                    }
                    if (pump[0].ended()) {
                        ended.countDown();
                    } else {
                        pump[0].requestOne();
                    }
                    return;
                }
            } finally {
                inStep.decrementAndGet();
            }
        });
        // The body: one chunk per request, on its own thread; the last chunk and the end together.
        int[] at = {0};
        Subscription subscription = new Subscription() {
            @Override
            public void request(long n) {
                body.execute(() -> {
                    int from = at[0];
                    if (from >= data.length) {
                        return;
                    }
                    int to = Math.min(data.length, from + chunk);
                    at[0] = to;
                    pump[0].onNext(ByteBuffer.wrap(Arrays.copyOfRange(data, from, to)));
                    if (to == data.length) {
                        pump[0].onComplete();
                    }
                });
            }

            @Override
            public void cancel() {
            }
        };
        body.execute(() -> pump[0].onSubscribe(subscription));
        // The owner's own signals, from two other threads, until the end is seen.
        for (int t = 0; t < 2; t++) {
            owners.execute(() -> {
                while (ended.getCount() != 0) {
                    pump[0].drain();
                }
            });
        }
        ended.await(); // the class's timeout fails a run whose end never reaches the step
        assertArrayEquals(data, got.toByteArray(), "bytes lost, repeated or reordered");
        assertTrue(!overlapped.get(), "the step ran on two threads at once");
    }
}
