package dev.weft.router.extract;

import dev.weft.router.Rejection;
import dev.weft.router.internal.Converter;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds a record from named text values (path parameters, query parameters, form fields). All
 * reflection happens here, once, when the extractor is created: each component gets a converter, a
 * kind (required, {@code Optional}, {@code List}) and an optional {@link Default}; the canonical
 * constructor becomes a method handle. Binding is then a loop of lookups and conversions.
 *
 * @param <R> the record type
 */
final class RecordBinder<R> {

    private enum Kind { REQUIRED, OPTIONAL, LIST }

    private record Component(String name, Kind kind, Converter<?> converter, String defaultText) {
    }

    private final Class<R> type;
    private final Component[] components;
    private final MethodHandle constructor;

    private RecordBinder(Class<R> type, Component[] components, MethodHandle constructor) {
        this.type = type;
        this.components = components;
        this.constructor = constructor;
    }

    static <R> RecordBinder<R> of(Class<R> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        RecordComponent[] rcs = type.getRecordComponents();
        Component[] components = new Component[rcs.length];
        Class<?>[] types = new Class<?>[rcs.length];
        for (int i = 0; i < rcs.length; i++) {
            RecordComponent rc = rcs[i];
            types[i] = rc.getType();
            Kind kind = rc.getType() == Optional.class ? Kind.OPTIONAL
                    : rc.getType() == List.class ? Kind.LIST : Kind.REQUIRED;
            Class<?> element = kind == Kind.REQUIRED ? rc.getType() : typeArgument(type, rc);
            Converter<?> converter;
            try {
                converter = Converter.forType(element);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("record " + type.getName() + ", component '" + rc.getName()
                        + "': " + e.getMessage(), e);
            }
            Default d = rc.getAnnotation(Default.class);
            components[i] = new Component(rc.getName(), kind, converter, d == null ? null : d.value());
            if (d != null) {
                try {
                    converter.convert(d.value());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("record " + type.getName() + ", component '" + rc.getName()
                            + "': default '" + d.value() + "' " + e.getMessage(), e);
                }
            }
        }
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(types);
            ctor.trySetAccessible();
            MethodHandle mh = MethodHandles.lookup().unreflectConstructor(ctor)
                    .asSpreader(Object[].class, rcs.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
            return new RecordBinder<>(type, components, mh);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("cannot construct record " + type.getName()
                    + " (is it public, or its package open to dev.weft.router?): " + e.getMessage(), e);
        }
    }

    private static Class<?> typeArgument(Class<?> record, RecordComponent rc) {
        Type g = rc.getGenericType();
        if (g instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        throw new IllegalArgumentException("record " + record.getName() + ", component '" + rc.getName()
                + "': give " + rc.getType().getSimpleName() + " a concrete type argument");
    }

    /** The component names, in order. */
    List<String> names() {
        List<String> names = new ArrayList<>(components.length);
        for (Component c : components) {
            names.add(c.name());
        }
        return names;
    }

    /**
     * Binds a record from {@code source}.
     *
     * @param what how rejections name a value: "query parameter"
     */
    R bind(Source source, String what) {
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Component c = components[i];
            args[i] = switch (c.kind()) {
                case REQUIRED -> {
                    String text = source.first(c.name());
                    if (text == null) {
                        text = c.defaultText();
                    }
                    if (text == null) {
                        throw Rejection.missing(what + " '" + c.name() + "'");
                    }
                    yield convert(c, text, what);
                }
                case OPTIONAL -> {
                    String text = source.first(c.name());
                    if (text == null) {
                        text = c.defaultText();
                    }
                    yield text == null ? Optional.empty() : Optional.of(convert(c, text, what));
                }
                case LIST -> {
                    List<String> texts = source.all(c.name());
                    List<Object> values = new ArrayList<>(texts.size());
                    for (String t : texts) {
                        values.add(convert(c, t, what));
                    }
                    yield List.copyOf(values);
                }
            };
        }
        try {
            return type.cast(constructor.invokeExact(args));
        } catch (IllegalArgumentException e) {
            // The record's own validation (a compact constructor) refused the values.
            throw Rejection.invalid(what + "s", e.getMessage());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static Object convert(Component c, String text, String what) {
        try {
            return c.converter().convert(text);
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid(what + " '" + c.name() + "'", "'" + text + "' " + e.getMessage());
        }
    }
}
