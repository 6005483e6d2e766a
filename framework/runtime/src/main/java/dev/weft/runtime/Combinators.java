package dev.weft.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/** The state machines behind {@link Async}'s combinators. */
final class Combinators {
    private Combinators() {
    }

    static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        return new CompletionException(t);
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        throw unchecked(t);
    }

    static final class Map<T, R> implements Async<R> {
        private final Async<T> inner;
        private final Function<? super T, ? extends R> f;

        Map(Async<T> inner, Function<? super T, ? extends R> f) {
            this.inner = inner;
            this.f = f;
        }

        @Override
        public Poll<R> poll(Context cx) {
            Poll<T> p = inner.poll(cx);
            if (!p.isReady()) {
                return Poll.pending();
            }
            return Poll.ready(f.apply(p.value()));
        }

        @Override
        public void cancel() {
            inner.cancel();
        }
    }

    static final class FlatMap<T, R> implements Async<R> {
        private Async<T> first;
        private final Function<? super T, ? extends Async<R>> f;
        private Async<R> second;

        FlatMap(Async<T> first, Function<? super T, ? extends Async<R>> f) {
            this.first = first;
            this.f = f;
        }

        @Override
        public Poll<R> poll(Context cx) {
            if (second == null) {
                Poll<T> p = first.poll(cx);
                if (!p.isReady()) {
                    return Poll.pending();
                }
                first = null;
                second = f.apply(p.value());
            }
            return second.poll(cx);
        }

        @Override
        public void cancel() {
            if (second != null) {
                second.cancel();
            } else if (first != null) {
                first.cancel();
            }
        }
    }

    static final class Recover<T> implements Async<T> {
        private final Async<T> inner;
        private final Function<? super RuntimeException, ? extends T> f;

        Recover(Async<T> inner, Function<? super RuntimeException, ? extends T> f) {
            this.inner = inner;
            this.f = f;
        }

        @Override
        public Poll<T> poll(Context cx) {
            try {
                return inner.poll(cx);
            } catch (RuntimeException e) {
                return Poll.ready(f.apply(e));
            }
        }

        @Override
        public void cancel() {
            inner.cancel();
        }
    }

    static final class FromFuture<T> implements Async<T> {
        private final CompletableFuture<T> future;
        private volatile Waker waker;
        private boolean subscribed;

        FromFuture(CompletableFuture<T> future) {
            this.future = future;
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (!future.isDone()) {
                waker = cx.waker();
                if (!subscribed) {
                    subscribed = true;
                    future.whenComplete((v, e) -> {
                        Waker w = waker;
                        if (w != null) {
                            w.wake();
                        }
                    });
                }
                if (!future.isDone()) {
                    return Poll.pending();
                }
            }
            try {
                return Poll.ready(future.get());
            } catch (CancellationException e) {
                throw new CancelledException("future was cancelled");
            } catch (ExecutionException e) {
                throw rethrow(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e); // unreachable: the future is done
            }
        }

        @Override
        public void cancel() {
            waker = null;
        }
    }

    static final class YieldNow implements Async<Void> {
        private boolean yielded;

        @Override
        public Poll<Void> poll(Context cx) {
            if (yielded) {
                return Poll.ready(null);
            }
            yielded = true;
            cx.waker().wake();
            return Poll.pending();
        }
    }

    static final class Select<T> implements Async<Async.Selected<T>> {
        private final Async<? extends T>[] branches;
        private boolean done;

        @SuppressWarnings("unchecked")
        Select(List<? extends Async<? extends T>> branches) {
            this((Async<? extends T>[]) branches.toArray(new Async<?>[0]));
        }

        Select(Async<? extends T>[] branches) {
            if (branches.length == 0) {
                throw new IllegalArgumentException("select needs at least one branch");
            }
            this.branches = branches;
        }

        @Override
        public Poll<Async.Selected<T>> poll(Context cx) {
            for (int i = 0; i < branches.length; i++) {
                Poll<? extends T> p;
                try {
                    p = branches[i].poll(cx);
                } catch (Throwable t) {
                    done = true;
                    cancelAllBut(i);
                    throw rethrow(t);
                }
                if (p.isReady()) {
                    done = true;
                    cancelAllBut(i);
                    return Poll.ready(new Async.Selected<>(i, p.value()));
                }
            }
            return Poll.pending();
        }

        private void cancelAllBut(int winner) {
            for (int i = 0; i < branches.length; i++) {
                if (i != winner) {
                    branches[i].cancel();
                }
            }
        }

        @Override
        public void cancel() {
            if (!done) {
                done = true;
                cancelAllBut(-1);
            }
        }
    }

    static final class JoinAll<T> implements Async<List<T>> {
        private final Async<? extends T>[] branches;
        private final Object[] values;
        private final boolean[] finished;
        private final boolean failFast;
        private int remaining;
        private Throwable failure;

        @SuppressWarnings("unchecked")
        JoinAll(List<? extends Async<? extends T>> branches, boolean failFast) {
            this((Async<? extends T>[]) branches.toArray(new Async<?>[0]), failFast);
        }

        JoinAll(Async<? extends T>[] branches, boolean failFast) {
            this.branches = branches;
            this.values = new Object[this.branches.length];
            this.finished = new boolean[this.branches.length];
            this.remaining = this.branches.length;
            this.failFast = failFast;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Poll<List<T>> poll(Context cx) {
            for (int i = 0; i < branches.length && remaining > 0; i++) {
                if (finished[i]) {
                    continue;
                }
                try {
                    Poll<? extends T> p = branches[i].poll(cx);
                    if (!p.isReady()) {
                        continue;
                    }
                    values[i] = p.value();
                } catch (Throwable t) {
                    finished[i] = true;
                    remaining--;
                    if (failFast) {
                        cancelUnfinished();
                        throw rethrow(t);
                    }
                    if (failure == null) {
                        failure = t;
                    } else {
                        failure.addSuppressed(t);
                    }
                    continue;
                }
                finished[i] = true;
                remaining--;
            }
            if (remaining > 0) {
                return Poll.pending();
            }
            if (failure != null) {
                throw rethrow(failure);
            }
            List<T> out = new ArrayList<>(values.length);
            for (Object v : values) {
                out.add((T) v);
            }
            return Poll.ready(out);
        }

        private void cancelUnfinished() {
            for (int i = 0; i < branches.length; i++) {
                if (!finished[i]) {
                    finished[i] = true;
                    branches[i].cancel();
                }
            }
            remaining = 0;
        }

        @Override
        public void cancel() {
            if (remaining > 0) {
                cancelUnfinished();
            }
        }

        @Override
        public String toString() {
            return "join" + Arrays.toString(branches);
        }
    }
}
