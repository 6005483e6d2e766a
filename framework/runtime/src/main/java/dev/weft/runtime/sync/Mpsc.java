package dev.weft.runtime.sync;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Multi-producer, single-consumer channels. {@link #bounded(int)} applies backpressure: a send
 * waits (in FIFO order, through a fair {@link Semaphore}) while the channel holds
 * {@code capacity} messages. {@link #unbounded()} never waits.
 *
 * <pre>{@code
 * Mpsc.Channel<String> ch = Mpsc.bounded(64);
 * Mpsc.Sender<String> tx = ch.sender();
 * AsyncRuntime.spawnHere(tx.send("hi"));                 // waits if full
 * Async<String> next = ch.receiver().recv();        // null once every sender is closed and drained
 * }</pre>
 *
 * <p>Messages must be non-null. Java has no destructors, so senders are counted explicitly:
 * {@link Sender#copy()} adds one, {@link Sender#close()} removes one, and when the last is closed
 * the receiver drains what is left and then receives {@code null}. Closing the receiver makes
 * sends throw {@link ClosedException} (and wakes senders waiting for capacity).
 */
public final class Mpsc {
    private Mpsc() {
    }

    /** A channel holding at most {@code capacity} messages. */
    public static <T> Channel<T> bounded(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        Shared<T> s = new Shared<>(new Semaphore(capacity));
        return new Channel<>(new Sender<>(s), new Receiver<>(s));
    }

    /** A channel without a bound; sends never wait. */
    public static <T> Channel<T> unbounded() {
        Shared<T> s = new Shared<>(null);
        return new Channel<>(new Sender<>(s), new Receiver<>(s));
    }

    /**
     * Both ends of a channel.
     *
     * @param sender the first sender
     * @param receiver the receiver
     * @param <T> message type
     */
    public record Channel<T>(Sender<T> sender, Receiver<T> receiver) {
    }

    static final class Shared<T> {
        final Semaphore capacity;
        final ArrayDeque<T> queue = new ArrayDeque<>();
        Waker rxWaker;
        int senders = 1;
        boolean rxClosed;

        Shared(Semaphore capacity) {
            this.capacity = capacity;
        }

        /** Enqueues (the caller holds a capacity permit if bounded). */
        void push(T v) {
            Waker w;
            synchronized (this) {
                if (rxClosed) {
                    throw new ClosedException("receiver closed");
                }
                queue.addLast(v);
                w = rxWaker;
                rxWaker = null;
            }
            if (w != null) {
                w.wake();
            }
        }
    }

    /**
     * A sending end. One {@code Sender} object may be used by one task at a time; use
     * {@link #copy()} for each producer.
     *
     * @param <T> message type
     */
    public static final class Sender<T> {
        private final Shared<T> shared;
        private boolean closed;

        Sender(Shared<T> shared) {
            this.shared = shared;
        }

        /** Another sender for the same channel (the channel stays open until all are closed). */
        public Sender<T> copy() {
            synchronized (shared) {
                if (closed) {
                    throw new IllegalStateException("sender closed");
                }
                shared.senders++;
            }
            return new Sender<>(shared);
        }

        /**
         * Sends, waiting for capacity on a bounded channel. Throws {@link ClosedException} if the
         * receiver is closed. Cancelling a waiting send gives up its place in line.
         */
        public Async<Void> send(T value) {
            Objects.requireNonNull(value, "value");
            if (shared.capacity == null) {
                return cx -> {
                    shared.push(value);
                    return Poll.ready(null);
                };
            }
            return new Send<>(shared, value);
        }

        /** Sends if there is room now; returns false if full. Throws if the receiver is closed. */
        public boolean trySend(T value) {
            Objects.requireNonNull(value, "value");
            if (shared.capacity == null) {
                shared.push(value);
                return true;
            }
            Waker w;
            synchronized (shared) {
                // Taking the permit and enqueueing under the channel's lock makes trySend
                // linearizable against other trySends and receives (Lincheck found the gap when
                // they were two steps). Lock order: channel, then semaphore.
                if (shared.rxClosed) {
                    throw new ClosedException("receiver closed");
                }
                if (shared.capacity.tryAcquire(1) == null) {
                    return false;
                }
                shared.queue.addLast(value);
                w = shared.rxWaker;
                shared.rxWaker = null;
            }
            if (w != null) {
                w.wake();
            }
            return true;
        }

        /** True once the receiver is closed. */
        public boolean isClosed() {
            synchronized (shared) {
                return shared.rxClosed;
            }
        }

        /** Releases this sender; when the last one closes, the receiver sees the end. Idempotent. */
        public void close() {
            Waker w = null;
            synchronized (shared) {
                if (closed) {
                    return;
                }
                closed = true;
                if (--shared.senders == 0) {
                    w = shared.rxWaker;
                    shared.rxWaker = null;
                }
            }
            if (w != null) {
                w.wake();
            }
        }
    }

    private static final class Send<T> implements Async<Void> {
        private final Shared<T> shared;
        private final T value;
        private Async<Semaphore.Permit> acquire;
        private boolean done;

        Send(Shared<T> shared, T value) {
            this.shared = shared;
            this.value = value;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (done) {
                return Poll.ready(null);
            }
            if (acquire == null) {
                acquire = shared.capacity.acquire(1);
            }
            Poll<Semaphore.Permit> p;
            try {
                p = acquire.poll(cx);
            } catch (ClosedException e) {
                done = true;
                throw new ClosedException("receiver closed");
            }
            if (!p.isReady()) {
                return Poll.pending();
            }
            done = true;
            // The permit now travels with the message; the receiver returns it on recv.
            shared.push(value);
            return Poll.ready(null);
        }

        @Override
        public void cancel() {
            if (!done && acquire != null) {
                acquire.cancel();
            }
            done = true;
        }
    }

    /**
     * The receiving end, used by one task at a time.
     *
     * @param <T> message type
     */
    public static final class Receiver<T> {
        private final Shared<T> shared;

        Receiver(Shared<T> shared) {
            this.shared = shared;
        }

        /**
         * The next message: the value, {@code Poll.ready(null)} when every sender is closed and the
         * queue is drained, or pending after registering the waker. Allocation-free when pending.
         */
        public Poll<T> pollRecv(Context cx) {
            if (!cx.tryConsumeBudget()) {
                cx.waker().wake();
                return Poll.pending();
            }
            T v;
            synchronized (shared) {
                v = shared.queue.pollFirst();
                if (v == null) {
                    if (shared.senders == 0 || shared.rxClosed) {
                        return Poll.ready(null);
                    }
                    shared.rxWaker = cx.waker();
                    return Poll.pending();
                }
                if (shared.capacity != null) {
                    // Freed slot and returned permit appear together (see trySend).
                    shared.capacity.release(1);
                }
            }
            return Poll.ready(v);
        }

        /** Waits for the next message (null at end of stream). */
        public Async<T> recv() {
            return new Async<>() {
                @Override
                public Poll<T> poll(Context cx) {
                    return pollRecv(cx);
                }

                @Override
                public void cancel() {
                    synchronized (shared) {
                        shared.rxWaker = null;
                    }
                }
            };
        }

        /** A message if one is queued, else null. */
        public T tryRecv() {
            synchronized (shared) {
                T v = shared.queue.pollFirst();
                if (v != null && shared.capacity != null) {
                    shared.capacity.release(1);
                }
                return v;
            }
        }

        /** Messages queued now. */
        public int size() {
            synchronized (shared) {
                return shared.queue.size();
            }
        }

        /**
         * Stops the channel: sends fail with {@link ClosedException}, senders waiting for capacity
         * wake and fail. Messages already queued can still be received.
         */
        public void close() {
            synchronized (shared) {
                shared.rxClosed = true;
            }
            if (shared.capacity != null) {
                shared.capacity.close();
            }
        }
    }
}
