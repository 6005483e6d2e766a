package dev.weft.router.internal;

import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The router's Jackson configuration: one immutable mapper, and a writer per class built the first
 * time that class is written (then found through a {@link ClassValue}, so writing a record is a
 * lookup and a serialisation, with no reflection per request).
 */
public final class Json {

    /** The mapper for request and response bodies. */
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final ClassValue<ObjectWriter> WRITERS = new ClassValue<>() {
        @Override
        protected ObjectWriter computeValue(Class<?> type) {
            return MAPPER.writerFor(type);
        }
    };

    private Json() {
    }

    /** Serialises {@code value} to UTF-8 JSON. */
    public static byte[] write(Object value) {
        if (value == null) {
            return "null".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return WRITERS.get(value.getClass()).writeValueAsBytes(value);
    }

    /** A reader for {@code type}, built once per extractor. */
    public static ObjectReader readerFor(Class<?> type) {
        return MAPPER.readerFor(type);
    }

    /** A reader for a generic type, built once per extractor. */
    public static ObjectReader readerFor(tools.jackson.core.type.TypeReference<?> type) {
        return MAPPER.readerFor(type);
    }
}
