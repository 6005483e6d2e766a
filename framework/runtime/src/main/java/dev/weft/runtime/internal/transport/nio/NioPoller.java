package dev.weft.runtime.internal.transport.nio;

import dev.weft.runtime.internal.transport.Poller;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

/** A worker's {@link Selector}: readiness is delivered to each key's {@link NioSource}. */
final class NioPoller implements Poller, Consumer<SelectionKey> {
    private final Selector selector;
    /** Selector wake-ups issued (metrics); written by whichever thread wakes, read loosely. */
    private volatile long wakeups;

    NioPoller() throws IOException {
        selector = Selector.open();
    }

    /** Registers a channel with interest 0; readiness is delivered to {@code source}. */
    SelectionKey register(SelectableChannel ch, NioSource source) throws IOException {
        return ch.register(selector, 0, source);
    }

    @Override
    public boolean isEmpty() {
        return selector.keys().isEmpty();
    }

    @Override
    public void poll(long timeoutMs) throws IOException {
        if (timeoutMs == 0) {
            selector.selectNow(this);
        } else {
            // select(0) waits indefinitely
            selector.select(this, timeoutMs < 0 ? 0L : timeoutMs);
        }
    }

    @Override
    public void accept(SelectionKey key) {
        if (key.attachment() instanceof NioSource src) {
            src.onReady(key);
        }
    }

    @Override
    @SuppressWarnings("NonAtomicOperationOnVolatileField") // a metric: a lost increment is harmless
    public void wakeup() {
        wakeups++;
        selector.wakeup();
    }

    @Override
    public long wakeups() {
        return wakeups;
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing a selector that failed to close leaves nothing to release
        }
    }
}
