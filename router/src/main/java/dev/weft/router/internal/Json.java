package dev.weft.router.internal;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * One router's Jackson configuration: its immutable mapper, a writer per class built the first
 * time that class is written (then found through a {@link ClassValue}, so writing a record is a
 * lookup and a serialisation, with no reflection per request) and a reader per type.
 *
 * <p>Shared by every worker: the mapper, writers and readers are immutable and thread-safe, and the
 * caches are concurrent.
 */
public final class Json {

    /** The JSON of routers that configure none; its mapper is built at its first use. */
    private static final Json DEFAULT = new Json(null);
    /** Jackson's default mapper, once built (see {@link #mapper()}). */
    private static volatile JsonMapper defaultMapper;

    /** The router's own mapper, or null for {@link #defaultMapper}. */
    private final JsonMapper configured;
    private final ClassValue<ObjectWriter> writers = new ClassValue<>() {
        @Override
        protected ObjectWriter computeValue(Class<?> type) {
            return mapper().writerFor(type);
        }
    };
    private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();

    private Json(JsonMapper configured) {
        this.configured = configured;
    }

    /**
     * The JSON of a router that configures none: Jackson's defaults, built when first used (a
     * router that never writes JSON never loads Jackson).
     */
    public static Json defaults() {
        return DEFAULT;
    }

    /**
     * JSON through {@code mapper}, one instance per mapper (so its caches are shared by every
     * router and extractor using that mapper; an application has one or two mappers).
     */
    public static Json of(JsonMapper mapper) {
        java.util.Objects.requireNonNull(mapper, "mapper");
        if (mapper == defaultMapper) {
            return DEFAULT;
        }
        Json j = BY_MAPPER.get(mapper);
        return j != null ? j : BY_MAPPER.computeIfAbsent(mapper, Json::new);
    }

    /** Keyed by identity: a mapper does not override equals. */
    private static final Map<JsonMapper, Json> BY_MAPPER = new ConcurrentHashMap<>();

    /** The mapper. */
    public JsonMapper mapper() {
        if (configured != null) {
            return configured;
        }
        JsonMapper m = defaultMapper;
        return m != null ? m : buildDefaultMapper();
    }

    private static synchronized JsonMapper buildDefaultMapper() {
        if (defaultMapper == null) {
            defaultMapper = JsonMapper.builder().build();
        }
        return defaultMapper;
    }

    /** Serialises {@code value} to UTF-8 JSON. */
    public byte[] write(Object value) {
        if (value == null) {
            return "null".getBytes(StandardCharsets.US_ASCII);
        }
        return writers.get(value.getClass()).writeValueAsBytes(value);
    }

    /** The reader for {@code type}, built once. */
    public ObjectReader reader(Class<?> type) {
        ObjectReader r = readers.get(type);
        return r != null ? r : readers.computeIfAbsent(type, t -> mapper().readerFor(type));
    }

    /** The reader for a generic type, built once. */
    public ObjectReader reader(TypeReference<?> type) {
        Type key = type.getType();
        ObjectReader r = readers.get(key);
        return r != null ? r : readers.computeIfAbsent(key, t -> mapper().readerFor(type));
    }

    /**
     * Initialises Jackson on the calling thread (the one starting the server): its serialiser and
     * deserialiser factories, the parser and generator, and the problem-detail writer. Jackson's
     * first use costs 100 ms or more of class loading; done here, the first request does not pay
     * it on a worker (where the stall detector would rightly call it blocking).
     */
    public void warm() {
        Map<String, Object> problem = new java.util.LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("status", 200);
        byte[] bytes = write(problem);
        reader(Warm.class).readValue(write(new Warm("x", 1, true, java.util.List.of(1L))));
        mapper().readTree(bytes);
    }

    /** A record shaped like an API body, written and read once by {@link #warm}. */
    public record Warm(String text, int number, boolean flag, java.util.List<Long> list) {
    }
}
