package dev.weft.server.internal;

import dev.weft.server.Tck;

import java.nio.ByteBuffer;

import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberBlackboxVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK (1.0.4) against the response body subscriber, seen from outside. A
 * stand-in for the connection loop takes each buffer, "writes" it, and asks for the next, as the
 * connection does once the socket took the previous one.
 */
public class ResponseBodySubscriberBlackboxTckTest extends SubscriberBlackboxVerification<ByteBuffer> {
    private final java.util.List<LoopStandIn> loops = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ResponseBodySubscriberBlackboxTckTest() {
        super(Tck.environment());
    }

    @Override
    public Subscriber<ByteBuffer> createSubscriber() {
        LoopStandIn loop = new LoopStandIn();
        loops.add(loop);
        ResponseBodySubscriber subscriber = new ResponseBodySubscriber(loop);
        loop.step(() -> writeOne(subscriber));
        return subscriber;
    }

    /** What {@code Connection.writeBody} does with a taken buffer, minus the socket. */
    static boolean writeOne(ResponseBodySubscriber subscriber) {
        ByteBuffer b = subscriber.take();
        if (b == null) {
            return false;
        }
        b.position(b.limit());
        subscriber.requestNext();
        return true;
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
