package dev.weft.router.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns one decoded text value (a path segment, a query value, a header) into a typed value. A
 * converter is chosen once per extractor, at route definition; converting is a plain method call.
 *
 * @param <T> the target type
 */
@FunctionalInterface
public interface Converter<T> {

    /**
     * Converts {@code text}.
     *
     * @throws IllegalArgumentException with the reason, phrased to follow the value: "is not a long"
     */
    T convert(String text);

    /**
     * The converter for {@code type}: {@code String}, primitives and their boxes, {@code UUID},
     * {@code BigDecimal}, {@code BigInteger}, {@code LocalDate}, {@code Instant} and enums.
     *
     * @throws IllegalArgumentException if the type is not supported (at route definition)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> Converter<T> forType(Class<T> type) {
        Converter<?> c;
        if (type == String.class || type == CharSequence.class || type == Object.class) {
            c = new Converter<String>() {
                @Override
                public String convert(String s) {
                    return s;
                }
            };
        } else if (type == long.class || type == Long.class) {
            c = s -> parse(s, "a long", Long::parseLong);
        } else if (type == int.class || type == Integer.class) {
            c = s -> parse(s, "an int", Integer::parseInt);
        } else if (type == short.class || type == Short.class) {
            c = s -> parse(s, "a short", Short::parseShort);
        } else if (type == byte.class || type == Byte.class) {
            c = s -> parse(s, "a byte", Byte::parseByte);
        } else if (type == double.class || type == Double.class) {
            c = s -> parse(s, "a number", Double::parseDouble);
        } else if (type == float.class || type == Float.class) {
            c = s -> parse(s, "a number", Float::parseFloat);
        } else if (type == boolean.class || type == Boolean.class) {
            c = Converter::parseBoolean;
        } else if (type == char.class || type == Character.class) {
            c = s -> {
                if (s.length() != 1) {
                    throw new IllegalArgumentException("is not a single character");
                }
                return s.charAt(0);
            };
        } else if (type == UUID.class) {
            c = s -> parse(s, "a UUID", UUID::fromString);
        } else if (type == BigDecimal.class) {
            c = s -> parse(s, "a decimal number", BigDecimal::new);
        } else if (type == BigInteger.class) {
            c = s -> parse(s, "an integer", BigInteger::new);
        } else if (type == LocalDate.class) {
            c = s -> parse(s, "a date (yyyy-mm-dd)", LocalDate::parse);
        } else if (type == Instant.class) {
            c = s -> parse(s, "an instant (ISO-8601)", Instant::parse);
        } else if (type.isEnum()) {
            c = enumConverter((Class) type);
        } else {
            throw new IllegalArgumentException("cannot convert text to " + type.getName()
                    + ": use String, a number, boolean, UUID, BigDecimal, LocalDate, Instant or an enum");
        }
        return (Converter<T>) c;
    }

    private static <E extends Enum<E>> Converter<E> enumConverter(Class<E> type) {
        E[] values = type.getEnumConstants();
        String names = Arrays.toString(values);
        return s -> {
            for (E e : values) {
                if (e.name().equals(s)) {
                    return e;
                }
            }
            for (E e : values) {
                if (e.name().equalsIgnoreCase(s)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("is not one of " + names);
        };
    }

    private static Boolean parseBoolean(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> Boolean.TRUE;
            case "false", "0", "no", "off" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("is not a boolean (true or false)");
        };
    }

    private static <T> T parse(String s, String what, java.util.function.Function<String, T> f) {
        try {
            return f.apply(s);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not " + what);
        }
    }
}
