package dev.weft.runtime;

/**
 * The result of polling an {@link Async}: either {@linkplain #ready(Object) ready} with a value, or
 * {@linkplain #pending() pending}, in which case the polled value has arranged for the
 * {@link Context#waker() waker} to be called when it can make progress.
 *
 * <pre>{@code
 * Poll<Integer> p = async.poll(cx);
 * if (p.isReady()) use(p.value());
 * }</pre>
 *
 * @param <T> the type of the value
 */
public sealed interface Poll<T> permits Poll.Ready, Poll.Pending {

    /** Returns the shared pending marker. */
    @SuppressWarnings("unchecked")
    static <T> Poll<T> pending() {
        return (Poll<T>) Pending.INSTANCE;
    }

    /** Returns a ready result holding {@code value} (which may be {@code null}). */
    static <T> Poll<T> ready(T value) {
        return new Ready<>(value);
    }

    /** True when this is a ready result. */
    boolean isReady();

    /**
     * The ready value.
     *
     * @throws IllegalStateException if this is pending
     */
    T value();

    /** A completed poll. */
    record Ready<T>(T value) implements Poll<T> {
        @Override
        public boolean isReady() {
            return true;
        }
    }

    /** Not yet complete; the waker will be called. */
    final class Pending implements Poll<Object> {
        static final Pending INSTANCE = new Pending();

        private Pending() {
        }

        @Override
        public boolean isReady() {
            return false;
        }

        @Override
        public Object value() {
            throw new IllegalStateException("poll is pending");
        }

        @Override
        public String toString() {
            return "Pending";
        }
    }
}
