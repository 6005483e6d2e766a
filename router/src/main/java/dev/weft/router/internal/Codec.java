package dev.weft.router.internal;

import dev.weft.codec.HttpHeaders;
import dev.weft.codec.HttpMethod;
import dev.weft.codec.HttpStatus;

import java.util.List;

/**
 * The few codec calls the router makes, in one place: the router was written while the codec was,
 * and this keeps the dependency narrow.
 */
public final class Codec {
    private Codec() {
    }

    /** The status for {@code code}. */
    public static HttpStatus status(int code) {
        return HttpStatus.of(code);
    }

    /** The numeric code of {@code status}. */
    public static int code(HttpStatus status) {
        return status.code();
    }

    /** The reason phrase for {@code code}. */
    public static String reason(int code) {
        return HttpStatus.of(code).reasonPhrase();
    }

    /** The first value of header {@code name}, or {@code null}. */
    public static String header(HttpHeaders headers, String name) {
        return headers.get(name);
    }

    /** All values of header {@code name}, in order. */
    public static List<String> headers(HttpHeaders headers, String name) {
        return headers.getAll(name);
    }

    /** The method's token, such as {@code GET}. */
    public static String name(HttpMethod method) {
        return method.name();
    }
}
