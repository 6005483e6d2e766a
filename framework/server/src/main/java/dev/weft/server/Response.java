package dev.weft.server;

import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpStatus;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.reactivestreams.Publisher;

/**
 * An HTTP response: a status, headers and a {@link ResponseBody}. The server adds the framing
 * headers ({@code Content-Length} or {@code Transfer-Encoding}), {@code Date} and {@code Connection};
 * everything else comes from here.
 *
 * <pre>{@code
 * Response.text("Hello, World!");
 * Response.of(HttpStatus.NO_CONTENT);
 * Response.builder(HttpStatus.CREATED)
 *         .header("Location", "/users/7")
 *         .body("application/json", jsonBytes)
 *         .build();
 * }</pre>
 *
 * @param status  the status
 * @param headers the headers (not including framing headers), owned by this response
 * @param body    the body
 */
public record Response(HttpStatus status, HttpHeaders headers, ResponseBody body) {

    private static final String TEXT_PLAIN = "text/plain; charset=utf-8";

    /** Validates the parts. */
    public Response {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** A response with {@code status}, no headers and no body. */
    public static Response of(HttpStatus status) {
        return new Response(status, new HttpHeaders(), ResponseBody.empty());
    }

    /** A {@code 200 OK} with a UTF-8 {@code text/plain} body. */
    public static Response text(String text) {
        return text(HttpStatus.OK, text);
    }

    /** A response with a UTF-8 {@code text/plain} body. */
    public static Response text(HttpStatus status, String text) {
        return bytes(status, TEXT_PLAIN, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A response with the given content type and body bytes (not copied). */
    public static Response bytes(HttpStatus status, String contentType, byte[] body) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Content-Type", contentType);
        return new Response(status, headers, ResponseBody.of(body));
    }

    /** A response whose body is streamed from {@code publisher}, chunked unless the length is known. */
    public static Response stream(HttpStatus status, String contentType, Publisher<ByteBuffer> publisher) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Content-Type", contentType);
        return new Response(status, headers, ResponseBody.stream(publisher, -1));
    }

    /** Starts a builder for a response with {@code status}. */
    public static Builder builder(HttpStatus status) {
        return new Builder(status);
    }

    /** A copy of this response with {@code body} in place of the current body. */
    public Response withBody(ResponseBody body) {
        return new Response(status, headers, body);
    }

    /** A copy of this response with another status. */
    public Response withStatus(HttpStatus status) {
        return new Response(status, headers, body);
    }

    /** Builds a {@link Response}. Not thread-safe. */
    public static final class Builder {
        private final HttpStatus status;
        private final HttpHeaders headers = new HttpHeaders();
        private ResponseBody body = ResponseBody.empty();

        private Builder(HttpStatus status) {
            this.status = Objects.requireNonNull(status, "status");
        }

        /** Adds a header; names and values are validated, so header injection is impossible. */
        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /** Sets the body and its content type. */
        public Builder body(String contentType, byte[] bytes) {
            headers.set("Content-Type", contentType);
            this.body = ResponseBody.of(bytes);
            return this;
        }

        /** Sets a UTF-8 text body with {@code text/plain}. */
        public Builder text(String text) {
            return body(TEXT_PLAIN, text.getBytes(StandardCharsets.UTF_8));
        }

        /** Sets the body. */
        public Builder body(ResponseBody body) {
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        /** The response. */
        public Response build() {
            return new Response(status, headers, body);
        }
    }
}
