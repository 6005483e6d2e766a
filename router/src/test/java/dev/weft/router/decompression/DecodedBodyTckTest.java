package dev.weft.router.decompression;

import dev.weft.router.internal.CollectingPublisherVerification;
import dev.weft.server.RequestBody;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

import org.reactivestreams.Publisher;

/**
 * The Reactive Streams TCK (1.0.4) against a decoded request body: {@code n} elements are a gzip
 * body that decodes to exactly {@code n} full chunks (the compressed bytes arrive in one buffer,
 * so every inflate but the last fills its chunk).
 */
public class DecodedBodyTckTest extends CollectingPublisherVerification<ByteBuffer> {
    private static final int CHUNK = 16 * 1024;

    @Override
    public Publisher<ByteBuffer> createPublisher(long elements) {
        byte[] plain = new byte[(int) elements * CHUNK];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = (byte) (i % 251);
        }
        return new DecodedBody(RequestBody.of(gzip(plain)), Decoder.Coding.GZIP, Long.MAX_VALUE);
    }

    @Override
    public long maxElementsFromPublisher() {
        return 64;
    }

    @Override
    public Publisher<ByteBuffer> createFailedPublisher() {
        // The compressed body fails (the client vanished): the decoded body fails too, demand or not.
        Publisher<ByteBuffer> broken = s -> {
            s.onSubscribe(new org.reactivestreams.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            s.onError(new IOException("failed on purpose (expected by the TCK)"));
        };
        return new DecodedBody(RequestBody.of(broken, -1), Decoder.Coding.GZIP, Long.MAX_VALUE);
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
