package dev.weft.runtime.sync;

import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A single-value channel: one send, one receive. Lock-free (one state reference and two wakers).
 *
 * <pre>{@code
 * Oneshot.Channel<String> ch = Oneshot.channel();
 * AsyncRuntime.spawnHere(work().map(v -> { ch.sender().send(v); return null; }));
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
        Receiver<T> rx = new Receiver<>();
        return new Channel<>(new Sender<>(rx), rx);
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

    /*
     * The whole state is one reference, the slot, so that a send is a single compare-and-set
     * (claim and publish at once; a second or concurrent send finds the slot taken and can never
     * overwrite a delivered value):
     *
     *   null       empty
     *   TX_CLOSED  the sender closed without sending
     *   RX_CLOSED  the receiver closed before anything else happened
     *   Late(s)    the receiver closed after the slot had become s (a value, which tryRecv still
     *              returns, or TX_CLOSED); rare, so it may allocate
     *   otherwise  the value (NULL stands for a sent null)
     *
     * Every state but null is final for senders. The receiver object holds the state (no separate
     * shared object), which keeps a channel at three small allocations.
     */
    private static final Object TX_CLOSED = new Object();
    private static final Object RX_CLOSED = new Object();
    private static final Object NULL = new Object();

    private static final VarHandle SLOT;

    static {
        try {
            SLOT = MethodHandles.lookup().findVarHandle(Receiver.class, "slot", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The receiver closed after the slot had become {@code inner}. */
    private record Late(Object inner) {
    }

    /**
     * The sending end.
     *
     * @param <T> the value type
     */
    public static final class Sender<T> {
        private final Receiver<T> rx;

        Sender(Receiver<T> rx) {
            this.rx = rx;
        }

        /** Sends the value; false if the receiver is gone or a value was already sent/closed. */
        public boolean send(T value) {
            // One CAS claims the slot and publishes the value; the volatile read of the waker
            // after it pairs with the receiver's waker store before its re-check (Dekker).
            if (!SLOT.compareAndSet(rx, null, value == null ? NULL : value)) {
                return false;
            }
            Waker w = rx.rxWaker;
            if (w != null) {
                w.wake();
            }
            return true;
        }

        /** Closes without sending: the receiver throws {@link ClosedException}. */
        public void close() {
            if (SLOT.compareAndSet(rx, null, TX_CLOSED)) {
                Waker w = rx.rxWaker;
                if (w != null) {
                    w.wake();
                }
            }
        }

        /** True once the receiver was cancelled or closed. */
        public boolean isClosed() {
            Object s = rx.slot;
            return s == RX_CLOSED || s instanceof Late;
        }

        /** Completes when the receiver is cancelled or closed. */
        public Async<Void> closed() {
            return new Async<>() {
                @Override
                public Poll<Void> poll(Context cx) {
                    if (isClosed()) {
                        return Poll.ready(null);
                    }
                    rx.txWaker = cx.waker();
                    return isClosed() ? Poll.ready(null) : Poll.pending();
                }

                @Override
                public void cancel() {
                    rx.txWaker = null;
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
        /** Written through {@link #SLOT} (see the state table above). */
        private volatile Object slot;
        private volatile Waker rxWaker;
        private volatile Waker txWaker;

        Receiver() {
        }

        @Override
        public Poll<T> poll(Context cx) {
            Object s = slot;
            if (s == null) {
                rxWaker = cx.waker();
                s = slot;
                if (s == null) {
                    return Poll.pending();
                }
            }
            return outcome(s);
        }

        @SuppressWarnings("unchecked")
        private Poll<T> outcome(Object s) {
            if (s instanceof Late l) {
                s = l.inner();
            }
            if (s == TX_CLOSED) {
                throw new ClosedException("oneshot sender closed without sending");
            }
            if (s == RX_CLOSED) {
                throw new ClosedException("oneshot receiver closed");
            }
            return Poll.ready(s == NULL ? null : (T) s);
        }

        /** The value if sent, else null (does not wait). */
        @SuppressWarnings("unchecked")
        public T tryRecv() {
            Object s = slot;
            if (s instanceof Late l) {
                s = l.inner();
            }
            return s == null || s == NULL || s == TX_CLOSED || s == RX_CLOSED ? null : (T) s;
        }

        /** Stops receiving: later sends fail and the sender's {@code closed()} completes. */
        public void close() {
            for (;;) {
                Object s = slot;
                if (s == RX_CLOSED || s instanceof Late) {
                    return; // closed already
                }
                // Empty: refuse any later value. Final (a value or the sender's close): keep it
                // readable, but record that nobody listens any more.
                if (SLOT.compareAndSet(this, s, s == null ? RX_CLOSED : new Late(s))) {
                    wakeSenderOnClose();
                    return;
                }
            }
        }

        private void wakeSenderOnClose() {
            rxWaker = null;
            Waker w = txWaker;
            if (w != null) {
                w.wake();
            }
        }

        @Override
        public void cancel() {
            close();
        }
    }
}
