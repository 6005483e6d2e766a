package dev.weft.runtime.sync;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;

/**
 * A single-value channel that keeps only the latest value (Tokio's {@code watch}): receivers see
 * the current value at any time and can wait for it to change. Good for configuration and state
 * broadcasts where intermediate values may be skipped.
 *
 * <pre>{@code
 * Watch.Channel<Config> ch = Watch.channel(initial);
 * Watch.Receiver<Config> rx = ch.receiver();
 * Async<Config> next = rx.changed().map(v -> rx.borrowAndUpdate());
 * ch.sender().send(updated);
 * }</pre>
 */
public final class Watch {
    private Watch() {
    }

    /** Creates a channel holding {@code initial}. */
    public static <T> Channel<T> channel(T initial) {
        Shared<T> s = new Shared<>(initial);
        return new Channel<>(new Sender<>(s), new Receiver<>(s, 0));
    }

    /**
     * Both ends.
     *
     * @param sender the sender
     * @param receiver a first receiver ({@link Sender#subscribe()} makes more)
     * @param <T> value type
     */
    public record Channel<T>(Sender<T> sender, Receiver<T> receiver) {
    }

    static final class Shared<T> {
        T value;
        long version;
        boolean closed;
        final WaiterList waiters = new WaiterList();

        Shared(T v) {
            this.value = v;
        }
    }

    /**
     * The sending end.
     *
     * @param <T> value type
     */
    public static final class Sender<T> {
        private final Shared<T> s;

        Sender(Shared<T> s) {
            this.s = s;
        }

        /** Replaces the value and wakes every receiver waiting in {@code changed()}. */
        public void send(T value) {
            java.util.ArrayList<Waker> wake;
            synchronized (s) {
                if (s.closed) {
                    throw new ClosedException("watch sender closed");
                }
                s.value = value;
                s.version++;
                wake = s.waiters.drain();
            }
            wake.forEach(Waker::wake);
        }

        /** The current value. */
        public T borrow() {
            synchronized (s) {
                return s.value;
            }
        }

        /** A new receiver that has seen the current value. */
        public Receiver<T> subscribe() {
            synchronized (s) {
                return new Receiver<>(s, s.version);
            }
        }

        /** Closes: waiting and future {@code changed()} calls throw {@link ClosedException}. */
        public void close() {
            java.util.ArrayList<Waker> wake;
            synchronized (s) {
                s.closed = true;
                wake = s.waiters.drain();
            }
            wake.forEach(Waker::wake);
        }
    }

    /**
     * A receiving end; each receiver tracks which version it has seen. Used by one task at a time.
     *
     * @param <T> value type
     */
    public static final class Receiver<T> {
        private final Shared<T> s;
        private long seen;

        Receiver(Shared<T> s, long seen) {
            this.s = s;
            this.seen = seen;
        }

        /** The current value (does not mark it seen). */
        public T borrow() {
            synchronized (s) {
                return s.value;
            }
        }

        /** The current value, marking it seen. */
        public T borrowAndUpdate() {
            synchronized (s) {
                seen = s.version;
                return s.value;
            }
        }

        /** True if a value was sent since this receiver last marked one seen. */
        public boolean hasChanged() {
            synchronized (s) {
                return s.version != seen;
            }
        }

        /** Another receiver with the same seen version. */
        public Receiver<T> copy() {
            return new Receiver<>(s, seen);
        }

        /**
         * Completes (marking the new version seen) when a value newer than the last seen one is
         * sent. Throws {@link ClosedException} if the sender closes first.
         */
        public Async<Void> changed() {
            WaiterList.Node node = new WaiterList.Node();
            return new Async<>() {
                @Override
                public Poll<Void> poll(Context cx) {
                    synchronized (s) {
                        if (s.version != seen) {
                            seen = s.version;
                            s.waiters.remove(node);
                            return Poll.ready(null);
                        }
                        if (s.closed) {
                            throw new ClosedException("watch sender closed");
                        }
                        s.waiters.register(node, cx.waker());
                        return Poll.pending();
                    }
                }

                @Override
                public void cancel() {
                    synchronized (s) {
                        s.waiters.remove(node);
                    }
                }
            };
        }
    }
}
