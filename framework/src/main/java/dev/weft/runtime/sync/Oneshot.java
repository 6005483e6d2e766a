package dev.weft.runtime.sync;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A single-value channel: one send, one receive. Lock-free (one state word and two wakers).
 *
 * <pre>{@code
 * Oneshot.Channel<String> ch = Oneshot.channel();
 * Runtime.spawnHere(work().map(v -> { ch.sender().send(v); return null; }));
 * Async<String> answer = ch.receiver();     // the receiver is itself the async value
 * }</pre>
 *
 * The receiver throws {@link ClosedException} if the sender is {@linkplain Sender#close() closed}
 * without sending. Cancelling (or closing) the receiver makes later sends return false and
 * completes {@link Sender#closed()}, which lets a producer stop work nobody is waiting for.
 */
public final class Oneshot {
    private Oneshot() {
    }

    /** Creates a channel. */
    public static <T> Channel<T> channel() {
        Inner<T> inner = new Inner<>();
        return new Channel<>(new Sender<>(inner), new Receiver<>(inner));
    }

    /**
     * Both ends of a oneshot channel.
     *
     * @param sender the sending end
     * @param receiver the receiving end
     * @param <T> the value type
     */
    public record Channel<T>(Sender<T> sender, Receiver<T> receiver) {
    }

    static final int EMPTY = 0;
    static final int VALUE = 1;
    static final int TX_CLOSED = 2;
    static final int RX_CLOSED = 4;
    /** A send has claimed the slot and is writing the value. */
    static final int SENDING = 8;

    static final class Inner<T> {
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Inner.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        volatile int state;
        T value;
        volatile Waker rxWaker;
        volatile Waker txWaker;

        boolean cas(int expect, int update) {
            return STATE.compareAndSet(this, expect, update);
        }

        int getAndBitwiseOr(int bits) {
            return (int) STATE.getAndBitwiseOr(this, bits);
        }
    }

    /**
     * The sending end.
     *
     * @param <T> the value type
     */
    public static final class Sender<T> {
        private final Inner<T> inner;

        Sender(Inner<T> inner) {
            this.inner = inner;
        }

        /** Sends the value; false if the receiver is gone or a value was already sent/closed. */
        public boolean send(T value) {
            // Claim the slot before writing it, so a second (or concurrent) send can never
            // overwrite a delivered value; Lincheck caught the unclaimed version doing that.
            for (;;) {
                int s = inner.state;
                if ((s & (VALUE | TX_CLOSED | RX_CLOSED | SENDING)) != 0) {
                    return false;
                }
                if (inner.cas(s, s | SENDING)) {
                    break;
                }
            }
            inner.value = value;
            for (;;) {
                int s = inner.state;
                if ((s & RX_CLOSED) != 0) {
                    inner.value = null; // receiver left meanwhile: nobody will read it
                    inner.cas(s, s & ~SENDING);
                    return false;
                }
                if (inner.cas(s, (s & ~SENDING) | VALUE)) {
                    break;
                }
            }
            Waker w = inner.rxWaker;
            if (w != null) {
                w.wake();
            }
            return true;
        }

        /** Closes without sending: the receiver throws {@link ClosedException}. */
        public void close() {
            if (inner.cas(EMPTY, TX_CLOSED)) {
                Waker w = inner.rxWaker;
                if (w != null) {
                    w.wake();
                }
            }
        }

        /** True once the receiver was cancelled or closed. */
        public boolean isClosed() {
            return (inner.state & RX_CLOSED) != 0;
        }

        /** Completes when the receiver is cancelled or closed. */
        public Async<Void> closed() {
            return new Async<>() {
                @Override
                public Poll<Void> poll(Context cx) {
                    if (isClosed()) {
                        return Poll.ready(null);
                    }
                    inner.txWaker = cx.waker();
                    return isClosed() ? Poll.ready(null) : Poll.pending();
                }

                @Override
                public void cancel() {
                    inner.txWaker = null;
                }
            };
        }
    }

    /**
     * The receiving end; it is the async value of the message.
     *
     * @param <T> the value type
     */
    public static final class Receiver<T> implements Async<T> {
        private final Inner<T> inner;

        Receiver(Inner<T> inner) {
            this.inner = inner;
        }

        @Override
        public Poll<T> poll(Context cx) {
            Poll<T> p = check();
            if (p != null) {
                return p;
            }
            inner.rxWaker = cx.waker();
            p = check();
            return p != null ? p : Poll.pending();
        }

        private Poll<T> check() {
            int s = inner.state;
            if ((s & VALUE) != 0) {
                return Poll.ready(inner.value);
            }
            if ((s & TX_CLOSED) != 0) {
                throw new ClosedException("oneshot sender closed without sending");
            }
            if ((s & RX_CLOSED) != 0) {
                throw new ClosedException("oneshot receiver closed");
            }
            return null;
        }

        /** The value if sent, else null (does not wait). */
        public T tryRecv() {
            return (inner.state & VALUE) != 0 ? inner.value : null;
        }

        /** Stops receiving: later sends fail and the sender's {@code closed()} completes. */
        public void close() {
            int prev = inner.getAndBitwiseOr(RX_CLOSED);
            if ((prev & RX_CLOSED) == 0) {
                inner.rxWaker = null;
                Waker w = inner.txWaker;
                if (w != null) {
                    w.wake();
                }
            }
        }

        @Override
        public void cancel() {
            close();
        }
    }
}
