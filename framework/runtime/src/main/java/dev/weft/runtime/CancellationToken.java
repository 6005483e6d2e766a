package dev.weft.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * A cancellation signal shared by many tasks (Tokio-util's {@code CancellationToken}).
 * {@link #cancel()} completes every {@link #cancelled()} value and cancels every child token;
 * cancelling a child does not affect its parent.
 *
 * <pre>{@code
 * CancellationToken shutdown = new CancellationToken();
 * CancellationToken perConnection = shutdown.child();
 * Async<Void> served = Async.race(serve(conn), perConnection.cancelled());  // serve is cancelled
 * shutdown.cancel();
 * }</pre>
 */
public final class CancellationToken {
    private final Object lock = new Object();
    private volatile boolean cancelled;
    private List<Waker> waiters = new ArrayList<>();
    private List<CancellationToken> children = new ArrayList<>();
    private final CancellationToken parent;

    /** A new, uncancelled root token. */
    public CancellationToken() {
        this.parent = null;
    }

    private CancellationToken(CancellationToken parent) {
        this.parent = parent;
    }

    /** A child token: cancelled when this one is (immediately, if this one already is). */
    public CancellationToken child() {
        CancellationToken c = new CancellationToken(this);
        synchronized (lock) {
            if (!cancelled) {
                children.add(c);
                return c;
            }
        }
        c.cancel();
        return c;
    }

    /** True once cancelled. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Cancels this token and its descendants. Idempotent. */
    public void cancel() {
        List<Waker> w;
        List<CancellationToken> c;
        synchronized (lock) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            w = waiters;
            c = children;
            waiters = null;
            children = null;
        }
        for (Waker waker : w) {
            waker.wake();
        }
        for (CancellationToken child : c) {
            child.cancel();
        }
        if (parent != null) {
            parent.forget(this);
        }
    }

    private void forget(CancellationToken child) {
        synchronized (lock) {
            if (children != null) {
                children.remove(child);
            }
        }
    }

    /** Completes when the token is cancelled. */
    public Async<Void> cancelled() {
        return new Async<>() {
            private Waker registered;

            @Override
            public Poll<Void> poll(Context cx) {
                if (cancelled) {
                    return Poll.ready(null);
                }
                synchronized (lock) {
                    if (cancelled) {
                        return Poll.ready(null);
                    }
                    Waker w = cx.waker();
                    if (registered != w) {
                        if (registered != null) {
                            waiters.remove(registered);
                        }
                        waiters.add(w);
                        registered = w;
                    }
                    return Poll.pending();
                }
            }

            @Override
            public void cancel() {
                synchronized (lock) {
                    if (!cancelled && registered != null) {
                        waiters.remove(registered);
                    }
                }
            }
        };
    }

    /** Runs {@code body} until it completes or this token is cancelled (then {@code body} is cancelled and this throws {@link CancelledException}). */
    public <T> Async<T> runUntilCancelled(Async<T> body) {
        Async<T> whenCancelled = cancelled().map(v -> {
            throw new CancelledException("cancellation token cancelled");
        });
        return Async.race(body, whenCancelled);
    }
}
