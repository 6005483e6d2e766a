package dev.weft.router.multipart;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Writes a body to a file from a virtual thread: each buffer is copied as it arrives (the
 * publisher keeps its own), handed to the writer, and the next is asked for only once it is
 * written, so one buffer at a time is ever held. File writes block; they never run on a worker.
 *
 * <p>Threads: signals arrive on the publisher's thread and only enqueue; the virtual thread
 * owns the file.
 */
final class FileSink implements Subscriber<ByteBuffer> {
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final Path file;
    private final CompletableFuture<Long> done = new CompletableFuture<>();
    /** At most one buffer and one terminal signal wait here: demand is one at a time. */
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Subscription subscription;

    FileSink(Path file) {
        this.file = file;
    }

    CompletableFuture<Long> start(Publisher<ByteBuffer> body) {
        Thread.ofVirtual().name("weft-multipart-save").start(this::write);
        body.subscribe(this);
        return done;
    }

    @Override
    public void onSubscribe(Subscription s) {
        subscription = s;
        queue.add(s);
    }

    @Override
    public void onNext(ByteBuffer b) {
        ByteBuffer copy = ByteBuffer.allocate(b.remaining());
        copy.put(b).flip();
        queue.add(copy);
    }

    @Override
    public void onError(Throwable t) {
        queue.add(t);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    private void write() {
        long written = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Subscription s = (Subscription) queue.take();
            s.request(1);
            for (;;) {
                Object next = queue.take();
                if (next == END) {
                    done.complete(written);
                    return;
                }
                if (next instanceof Throwable t) {
                    done.completeExceptionally(t);
                    return;
                }
                ByteBuffer b = (ByteBuffer) next;
                while (b.hasRemaining()) {
                    written += ch.write(b);
                }
                s.request(1);
            }
        } catch (IOException | RuntimeException e) {
            Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            done.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        }
    }
}
