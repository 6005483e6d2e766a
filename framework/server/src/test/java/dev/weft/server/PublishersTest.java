package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** {@link Publishers#refuseSubscriber}: the signals a refused subscriber gets, in order. */
@Tag("transport-independent")
class PublishersTest {

    @Test
    void aRefusedSubscriberGetsOnSubscribeThenOnErrorAndNothingElse() {
        List<String> signals = new ArrayList<>();
        Subscriber<ByteBuffer> subscriber = new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                signals.add("onSubscribe");
                // Rules 2.5 and 3.6: the subscription may be used, and nothing follows it.
                s.request(1);
                s.request(-1);
                s.cancel();
            }

            @Override
            public void onNext(ByteBuffer b) {
                signals.add("onNext");
            }

            @Override
            public void onError(Throwable t) {
                assertInstanceOf(IllegalStateException.class, t);
                signals.add("onError: " + t.getMessage());
            }

            @Override
            public void onComplete() {
                signals.add("onComplete");
            }
        };

        Publishers.refuseSubscriber(subscriber, "a test body can be subscribed to once");

        assertEquals(List.of("onSubscribe", "onError: a test body can be subscribed to once"), signals);
    }

    @Test
    void aNullSubscriberIsANullPointerException() {
        // Rule 1.9.
        assertThrows(NullPointerException.class, () -> Publishers.refuseSubscriber(null, "why"));
    }

    @Test
    void aFileBodyRefusesItsSecondSubscriberThatWay() throws Exception {
        Path file = Files.createTempFile("weft-publishers", ".bin");
        try (var channel = FileChannel.open(file)) {
            var publisher = new ResponseBody.FileRegion(channel, 0, 0).publisher();
            publisher.subscribe(new Recorder());
            Recorder second = new Recorder();
            publisher.subscribe(second);
            assertEquals(List.of("onSubscribe", "onError: a file body can be subscribed to once"), second.signals);
        } finally {
            Files.delete(file);
        }
    }

    /** Records the signals it gets; asks for nothing. */
    private static final class Recorder implements Subscriber<ByteBuffer> {
        final List<String> signals = new ArrayList<>();

        @Override
        public void onSubscribe(Subscription s) {
            signals.add("onSubscribe");
        }

        @Override
        public void onNext(ByteBuffer b) {
            signals.add("onNext");
        }

        @Override
        public void onError(Throwable t) {
            signals.add("onError: " + t.getMessage());
        }

        @Override
        public void onComplete() {
            signals.add("onComplete");
        }
    }
}
