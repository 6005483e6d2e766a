package dev.weft.server.internal;

import dev.weft.server.Tck;

import java.nio.ByteBuffer;

import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberWhiteboxVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK (1.0.4) against the response body subscriber, seen from inside: the
 * probe records every signal the subscriber receives. The subscriber asks for one buffer at a
 * time on its own (after the previous one is written), so the puppet's {@code triggerRequest}
 * lets the stand-in loop write what is there, which is what produces the next request.
 */
public class ResponseBodySubscriberWhiteboxTckTest extends SubscriberWhiteboxVerification<ByteBuffer> {
    private final java.util.List<LoopStandIn> loops = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ResponseBodySubscriberWhiteboxTckTest() {
        super(Tck.environment());
    }

    @Override
    public Subscriber<ByteBuffer> createSubscriber(WhiteboxSubscriberProbe<ByteBuffer> probe) {
        LoopStandIn loop = new LoopStandIn();
        loops.add(loop);
        ResponseBodySubscriber inner = new ResponseBodySubscriber(loop);
        loop.step(() -> ResponseBodySubscriberBlackboxTckTest.writeOne(inner));
        // The subscriber's demand is one buffer after each write: a request from the TCK lets the
        // stand-in loop write what is there, which is what produces the next request.
        return Tck.probed(inner, probe, loop, inner::cancel);
    }

    @Override
    public ByteBuffer createElement(int element) {
        return ByteBuffer.allocate(4).putInt(0, element);
    }

    @AfterClass
    public void stopLoops() throws InterruptedException {
        for (LoopStandIn l : loops) {
            l.close();
        }
    }
}
