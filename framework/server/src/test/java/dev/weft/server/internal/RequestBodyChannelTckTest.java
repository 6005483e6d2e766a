package dev.weft.server.internal;

import dev.weft.server.CollectingPublisherVerification;

import java.nio.ByteBuffer;

import org.reactivestreams.Publisher;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK (1.0.4) against the request body publisher, driven by a stand-in for
 * the connection loop that behaves as the connection does: it decodes (here: writes) the next
 * element into one reused buffer only once the previous slice was released, hands the slice to
 * the channel and pumps it; the subscriber's demand is what lets the loop go on.
 */
public class RequestBodyChannelTckTest extends CollectingPublisherVerification<ByteBuffer> {

    private final java.util.List<LoopStandIn> loops = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public Publisher<ByteBuffer> createPublisher(long elements) {
        LoopStandIn loop = new LoopStandIn();
        loops.add(loop);
        RequestBodyChannel body = new RequestBodyChannel(loop, elements == Long.MAX_VALUE ? -1 : elements, 1024);
        // The connection's read buffer: every element is a slice of the same memory.
        ByteBuffer readBuffer = ByteBuffer.allocate(8);
        long[] offered = {0};
        loop.step(() -> {
            boolean progress = false;
            if (!body.isComplete() && !body.discarding() && body.canAcceptSlice()) {
                if (offered[0] < elements) {
                    readBuffer.clear();
                    readBuffer.putLong(offered[0]++);
                    readBuffer.flip();
                    body.offer(readBuffer.slice(), null);
                } else {
                    body.complete(dev.weft.http.HttpHeaders.empty());
                }
                progress = true;
            }
            return body.pump() | progress;
        });
        return body;
    }

    @Override
    public Publisher<ByteBuffer> createFailedPublisher() {
        LoopStandIn loop = new LoopStandIn();
        loops.add(loop);
        RequestBodyChannel body = new RequestBodyChannel(loop, -1, 1024);
        loop.step(body::pump);
        body.fail(new java.io.EOFException("the client closed the connection in the middle of the body (expected by the TCK)"));
        return body;
    }

    /** A request body is not infinite, but chunked bodies have no bound the publisher knows of. */
    @Override
    public long maxElementsFromPublisher() {
        return Long.MAX_VALUE - 1;
    }

    @AfterClass
    public void stopLoops() throws InterruptedException {
        for (LoopStandIn l : loops) {
            l.close();
        }
    }
}
