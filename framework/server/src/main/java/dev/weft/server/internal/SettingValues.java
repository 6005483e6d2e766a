package dev.weft.server.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text forms a setting takes in the environment: whole numbers, durations ({@code 2s},
 * {@code 500ms}), byte sizes ({@code 64KiB}, {@code 2MiB}) and booleans. Each refusal says what was
 * expected; the caller adds which variable held the value.
 */
final class SettingValues {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?");

    private SettingValues() {
    }

    static int wholeNumber(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number");
        }
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}: a whole number and a unit. */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration; write a whole number and a unit: 500ms, 2s, 1m or 1h");
        }
        long n = number(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /** Bytes: {@code 65536}, {@code 64KiB}, {@code 2MiB}, {@code 1GiB}. */
    static long size(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size; write bytes, or a whole number and a unit: 65536, 64KiB, 2MiB, 1GiB");
        }
        long n = number(m.group(1));
        int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            default -> 0;
        };
        if (n > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException("too large");
        }
        return n << shift;
    }

    /** {@code true} or {@code false}, in any case. */
    static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not true or false");
        };
    }

    private static long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("too large");
        }
    }
}
