package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

@Tag("transport-independent")
class FileRegionPublisherTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheRegionAndClosesTheFile() throws Exception {
        byte[] bytes = new byte[200_000];
        new java.util.Random(3).nextBytes(bytes);
        Path f = Files.write(tmp.resolve("f"), bytes);
        FileChannel ch = FileChannel.open(f, StandardOpenOption.READ);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        CompletableFuture<Throwable> end = new CompletableFuture<>();
        new ResponseBody.FileRegion(ch, 10, 150_000).publisher().subscribe(collect(got, end));
        end.get(30, TimeUnit.SECONDS);
        assertArrayEquals(Arrays.copyOfRange(bytes, 10, 150_010), got.toByteArray());
        assertFalse(ch.isOpen(), "closed at the end");
    }

    @Test
    void aFileShorterThanItsRegionFails() throws Exception {
        Path f = Files.write(tmp.resolve("f"), new byte[100]);
        FileChannel ch = FileChannel.open(f, StandardOpenOption.READ);
        CompletableFuture<Throwable> end = new CompletableFuture<>();
        new ResponseBody.FileRegion(ch, 0, 1000).publisher().subscribe(collect(new ByteArrayOutputStream(), end));
        assertInstanceOf(IOException.class, end.get(30, TimeUnit.SECONDS));
        assertTrue(!ch.isOpen());
    }

    private static Subscriber<ByteBuffer> collect(ByteArrayOutputStream out, CompletableFuture<Throwable> end) {
        return new Subscriber<>() {
            Subscription s;

            @Override
            public void onSubscribe(Subscription s) {
                this.s = s;
                s.request(1);
            }

            @Override
            public void onNext(ByteBuffer b) {
                byte[] a = new byte[b.remaining()];
                b.get(a);
                out.writeBytes(a);
                s.request(1);
            }

            @Override
            public void onError(Throwable t) {
                end.complete(t);
            }

            @Override
            public void onComplete() {
                end.complete(null);
            }
        };
    }
}
