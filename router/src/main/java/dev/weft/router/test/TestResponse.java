package dev.weft.router.test;

import dev.weft.http.HttpHeaders;
import dev.weft.router.internal.Json;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.type.TypeReference;

/**
 * A response read by a {@link TestClient}, with its body buffered.
 *
 * @param status  the status code
 * @param headers the headers
 * @param bytes   the body
 */
public record TestResponse(int status, HttpHeaders headers, byte[] bytes) {

    /** The first value of header {@code name}, or {@code null}. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The body as JSON into {@code type}. */
    public <T> T json(Class<T> type) {
        return Json.defaults().reader(type).readValue(bytes);
    }

    /** The body as JSON into a generic type. */
    public <T> T json(TypeReference<T> type) {
        return Json.defaults().reader(type).readValue(bytes);
    }

    @Override
    public String toString() {
        return status + " " + headers + " " + text();
    }
}
