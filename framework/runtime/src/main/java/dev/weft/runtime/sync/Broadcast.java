package dev.weft.runtime.sync;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;
import java.util.Objects;

/**
 * A multi-producer, multi-consumer channel where every receiver sees every message (Tokio's
 * {@code broadcast}), held in a ring of {@code capacity} slots. Senders never wait: a receiver
 * that falls more than {@code capacity} messages behind gets a {@link LaggedException} saying how
 * many it missed, and then continues from the oldest message still held.
 *
 * <pre>{@code
 * Broadcast.Channel<Event> ch = Broadcast.channel(1024);
 * Broadcast.Receiver<Event> rx = ch.sender().subscribe();
 * ch.sender().send(event);
 * Async<Event> next = rx.recv();
 * }</pre>
 */
public final class Broadcast {
    private Broadcast() {
    }

    /** Creates a channel with a ring of {@code capacity} messages and one receiver. */
    public static <T> Channel<T> channel(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        Shared<T> s = new Shared<>(capacity);
        Sender<T> tx = new Sender<>(s);
        return new Channel<>(tx, tx.subscribe());
    }

    /**
     * Both ends.
     *
     * @param sender the sender
     * @param receiver a first receiver
     * @param <T> message type
     */
    public record Channel<T>(Sender<T> sender, Receiver<T> receiver) {
    }

    static final class Shared<T> {
        final Object[] ring;
        long tail;
        int receivers;
        int senders = 1;
        final WaiterList waiters = new WaiterList();

        Shared(int capacity) {
            ring = new Object[capacity];
        }
    }

    /**
     * A sending end.
     *
     * @param <T> message type
     */
    public static final class Sender<T> {
        private final Shared<T> s;
        private boolean closed;

        Sender(Shared<T> s) {
            this.s = s;
        }

        /** Sends to every current receiver; returns how many there are (0: the message is dropped). */
        public int send(T value) {
            Objects.requireNonNull(value, "value");
            java.util.ArrayList<Waker> wake;
            int n;
            synchronized (s) {
                if (closed) {
                    throw new ClosedException("sender closed");
                }
                n = s.receivers;
                if (n == 0) {
                    return 0;
                }
                s.ring[(int) (s.tail % s.ring.length)] = value;
                s.tail++;
                wake = s.waiters.drain();
            }
            wake.forEach(Waker::wake);
            return n;
        }

        /** A new receiver that will see messages sent from now on. */
        public Receiver<T> subscribe() {
            synchronized (s) {
                s.receivers++;
                return new Receiver<>(s, s.tail);
            }
        }

        /** Another sender. */
        public Sender<T> copy() {
            synchronized (s) {
                s.senders++;
            }
            return new Sender<>(s);
        }

        /** Releases this sender; after the last one, receivers drain and then get {@link ClosedException}. */
        public void close() {
            java.util.ArrayList<Waker> wake = null;
            synchronized (s) {
                if (closed) {
                    return;
                }
                closed = true;
                if (--s.senders == 0) {
                    wake = s.waiters.drain();
                }
            }
            if (wake != null) {
                wake.forEach(Waker::wake);
            }
        }
    }

    /**
     * A receiving end, used by one task at a time.
     *
     * @param <T> message type
     */
    public static final class Receiver<T> {
        private final Shared<T> s;
        private long next;
        private boolean closed;
        private final WaiterList.Node node = new WaiterList.Node();

        Receiver(Shared<T> s, long next) {
            this.s = s;
            this.next = next;
        }

        /**
         * The next message, or pending. Throws {@link LaggedException} when messages were lost
         * (the next call continues), {@link ClosedException} when all senders are closed and this
         * receiver has read everything.
         */
        @SuppressWarnings("unchecked")
        public Poll<T> pollRecv(Context cx) {
            if (!cx.tryConsumeBudget()) {
                cx.waker().wake();
                return Poll.pending();
            }
            synchronized (s) {
                if (closed) {
                    throw new ClosedException("receiver closed");
                }
                long oldest = s.tail - s.ring.length;
                if (next < oldest) {
                    long missed = oldest - next;
                    next = oldest;
                    throw new LaggedException(missed);
                }
                if (next < s.tail) {
                    T v = (T) s.ring[(int) (next % s.ring.length)];
                    next++;
                    return Poll.ready(v);
                }
                if (s.senders == 0) {
                    throw new ClosedException("all senders closed");
                }
                s.waiters.register(node, cx.waker());
                return Poll.pending();
            }
        }

        /** Waits for the next message (see {@link #pollRecv}). */
        public Async<T> recv() {
            return new Async<>() {
                @Override
                public Poll<T> poll(Context cx) {
                    return pollRecv(cx);
                }

                @Override
                public void cancel() {
                    synchronized (s) {
                        s.waiters.remove(node);
                    }
                }
            };
        }

        /** Unsubscribes. */
        public void close() {
            synchronized (s) {
                if (!closed) {
                    closed = true;
                    s.receivers--;
                    s.waiters.remove(node);
                }
            }
        }
    }
}
