package dev.weft.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Test support: runs a property over inputs drawn from a seeded random source, so that every
 * failure can be replayed.
 *
 * <pre>{@code
 * @Test
 * void roundTrip() {
 *     Tries.forAll(300, gen -> gen.string("abc", 0, 8), s -> assertEquals(s, decode(encode(s))));
 * }
 * }</pre>
 *
 * <p><b>Seeds.</b> Each property prints one line as it starts, {@code Class.method seed=S tries=N}.
 * By default the seed comes from {@link System#nanoTime()}, so every run explores new inputs. To
 * replay a run, set the system property {@value #SEED_PROPERTY} to the printed seed; Maven passes
 * {@code -D} properties on to the test JVM, e.g.
 * {@code ./mvnw -pl http-codec test -Dtest='CodecPropertiesTest#requestsRoundTrip' -Dweft.seed=S}.
 * With the same seed, the same tries draw the same inputs.
 *
 * <p><b>Failures.</b> The first failing try stops the property with an {@link AssertionError}
 * that names the property, the try, the seed and the generated input (its {@code toString()}), with
 * the original failure as the cause. Inputs are not shrunk, so generators keep their sizes small.
 *
 * <p><b>Edge cases.</b> Random draws are biased towards the boundaries of their range (empty
 * strings and lists, minimum and maximum sizes and values, 0, 1 and -1), and the first two tries
 * of every property take only the lowest, then only the highest, edge of every draw.
 */
public final class Tries {
    /** The system property that fixes the seed of every property run in this JVM. */
    public static final String SEED_PROPERTY = "weft.seed";

    private Tries() {}

    /**
     * Runs {@code property} on {@code tries} inputs made by {@code generator}.
     *
     * @throws AssertionError for the first try whose property throws, describing that try
     */
    public static <T> void forAll(int tries, Function<Gen, T> generator, Consumer<T> property) {
        String name = callerName();
        long seed = seed();
        System.out.println(name + " seed=" + seed + " tries=" + tries);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < tries; i++) {
            Gen.Bias bias = i == 0 ? Gen.Bias.LOW : i == 1 ? Gen.Bias.HIGH : Gen.Bias.RANDOM;
            T input = generator.apply(new Gen(random, bias));
            try {
                property.accept(input);
            } catch (Throwable failure) {
                throw new AssertionError(name + " failed on try " + (i + 1) + " of " + tries + " (rerun with -D"
                        + SEED_PROPERTY + "=" + seed + ")\ninput: " + input + "\n" + failure, failure);
            }
        }
    }

    private static long seed() {
        String fixed = System.getProperty(SEED_PROPERTY);
        if (fixed == null || fixed.isBlank()) return System.nanoTime();
        try {
            return Long.parseLong(fixed.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SEED_PROPERTY + " must be a long: " + fixed, e);
        }
    }

    /** {@code SimpleClassName.method} of the test that called {@link #forAll}. */
    private static String callerName() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.dropWhile(f -> f.getDeclaringClass() == Tries.class).findFirst())
                .map(f -> f.getDeclaringClass().getSimpleName() + "." + f.getMethodName())
                .orElse("property");
    }

    /**
     * Draws values for one try. In a random try, a draw returns one of its edge cases one time in
     * {@value #EDGE_ONE_IN}, and a uniformly chosen value otherwise; in the first two tries every
     * draw returns its lowest, then its highest, edge case.
     */
    public static final class Gen {
        /** How often a random draw returns an edge case: a few hundred tries meet each edge of a draw many times. */
        static final int EDGE_ONE_IN = 8;

        enum Bias { LOW, HIGH, RANDOM }

        private final SplittableRandom random;
        private final Bias bias;

        Gen(SplittableRandom random, Bias bias) {
            this.random = random;
            this.bias = bias;
        }

        /** An int in {@code [min, max]}; edges: min, min+1, -1, 0, 1, max-1, max (those in range). */
        public int between(int min, int max) {
            if (min > max) throw new IllegalArgumentException(min + " > " + max);
            return switch (bias) {
                case LOW -> min;
                case HIGH -> max;
                case RANDOM -> {
                    if (edge()) {
                        List<Integer> edges = new ArrayList<>();
                        for (long e : new long[] {min, (long) min + 1, -1, 0, 1, (long) max - 1, max}) {
                            if (e >= min && e <= max) edges.add((int) e);
                        }
                        yield edges.get(random.nextInt(edges.size()));
                    }
                    yield (int) random.nextLong(min, (long) max + 1);
                }
            };
        }

        /** Any long; edges: 0, 1, -1, and the least and greatest longs and their neighbours. */
        public long anyLong() {
            return switch (bias) {
                case LOW -> Long.MIN_VALUE;
                case HIGH -> Long.MAX_VALUE;
                case RANDOM -> edge()
                        ? pick(0L, 1L, -1L, Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1, Long.MAX_VALUE)
                        : random.nextLong();
            };
        }

        /** Any byte; edges: 0, 1, -1, -128, 127. */
        public byte anyByte() {
            return switch (bias) {
                case LOW -> Byte.MIN_VALUE;
                case HIGH -> Byte.MAX_VALUE;
                case RANDOM -> edge() ? pick((byte) 0, (byte) 1, (byte) -1, Byte.MIN_VALUE, Byte.MAX_VALUE)
                        : (byte) random.nextInt(256);
            };
        }

        /** A byte in {@code [min, max]}, with the edges of {@link #between}. */
        public byte byteBetween(int min, int max) {
            return (byte) between(min, max);
        }

        public boolean bool() {
            return switch (bias) {
                case LOW -> false;
                case HIGH -> true;
                case RANDOM -> random.nextBoolean();
            };
        }

        /** True one time in {@code n} (false in the low try, true in the high one). */
        public boolean oneIn(int n) {
            return switch (bias) {
                case LOW -> false;
                case HIGH -> true;
                case RANDOM -> random.nextInt(n) == 0;
            };
        }

        /** One of {@code values}, uniformly (the first in the low try, the last in the high one). */
        @SafeVarargs
        public final <T> T pick(T... values) {
            return switch (bias) {
                case LOW -> values[0];
                case HIGH -> values[values.length - 1];
                case RANDOM -> values[random.nextInt(values.length)];
            };
        }

        /** One of the constants of {@code type}. */
        public <E extends Enum<E>> E pick(Class<E> type) {
            return pick(type.getEnumConstants());
        }

        /** A size in {@code [min, max]}; edges: min, min+1 and max. */
        public int size(int min, int max) {
            if (bias == Bias.RANDOM && edge()) return pick(min, Math.min(min + 1, max), max);
            return between(min, max);
        }

        /** A string of {@code min} to {@code max} chars taken from {@code chars}. */
        public String string(String chars, int min, int max) {
            int n = size(min, max);
            StringBuilder sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) sb.append(chars.charAt(between(0, chars.length() - 1)));
            return sb.toString();
        }

        /** A list of {@code min} to {@code max} elements made by {@code element}. */
        public <T> List<T> list(int min, int max, Supplier<T> element) {
            int n = size(min, max);
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(element.get());
            return out;
        }

        /** Up to {@code max} bytes, each from {@link #anyByte()}. */
        public byte[] bytes(int max) {
            byte[] b = new byte[size(0, max)];
            for (int i = 0; i < b.length; i++) b[i] = anyByte();
            return b;
        }

        private boolean edge() {
            return random.nextInt(EDGE_ONE_IN) == 0;
        }
    }
}
