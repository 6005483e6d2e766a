package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.Async;

import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** What a body subscriber hears when the handler answers before the body is all read. */
@Timeout(30)
class BodyLifecycleTest {

    @Test
    void aSubscriberStillReadingWhenTheResponseIsSentIsToldTheRestIsDiscarded() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        try (Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2).build(),
                (Request request) -> {
                    request.body().subscribe(new Subscriber<ByteBuffer>() {
                        @Override
                        public void onSubscribe(Subscription s) {
                            s.request(1);
                        }

                        @Override
                        public void onNext(ByteBuffer b) {
                            // one buffer, then no more demand
                        }

                        @Override
                        public void onError(Throwable t) {
                            outcome.complete(t);
                        }

                        @Override
                        public void onComplete() {
                            outcome.complete(null);
                        }
                    });
                    return Async.ready(Response.text("early"));
                });
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /early HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            assertTrue(ServerTest.readResponse(in).endsWith("early"));
            // Without a terminal signal, a subscriber like this one would wait forever.
            assertInstanceOf(BodyReadException.class, outcome.get(5, TimeUnit.SECONDS));
            // The rest of the body is drained and the connection goes on.
            s.getOutputStream().write(("1234567GET /next HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertTrue(ServerTest.readResponse(in).endsWith("early"));
        }
    }

    /**
     * A body that arrived with its head, before the handler subscribed, still completes: the
     * read buffer goes back to the pool once its bytes are decoded and handed over, and the end of
     * the body must then be decoded from nothing.
     */
    @Test
    void aBodyThatArrivedBeforeItsSubscriberStillCompletes() throws Exception {
        try (Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(1).build(),
                (Request request) -> dev.weft.runtime.time.Time.sleep(Duration.ofMillis(50))
                        .flatMap(v -> request.body().text()).map(t -> Response.text("got " + t)));
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /late HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
                    .getBytes(StandardCharsets.US_ASCII));
            assertTrue(ServerTest.readResponse(s.getInputStream()).endsWith("got hello"));
        }
    }
}
