package dev.weft.server;

import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpStatus;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.reactivestreams.Publisher;

/**
 * An HTTP response on its way out: a status, headers and a {@link ResponseBody}. The server adds
 * the framing headers ({@code Content-Length} or {@code Transfer-Encoding}), {@code Date} and
 * {@code Connection}; everything else comes from here.
 *
 * <pre>{@code
 * Response.text("Hello, World!");
 * Response.of(HttpStatus.NO_CONTENT);
 * Response.builder(HttpStatus.CREATED)
 *         .header("Location", "/users/7")
 *         .cookie(Cookie.of("session", token).httpOnly())
 *         .body("application/json", jsonBytes)
 *         .build();
 * }</pre>
 *
 * <h2>Contract: a message in flight, not a value</h2>
 * A response is deliberately not a record: its status and body are fixed, but its
 * {@linkplain #headers() headers} are a mutable map that changes on the way out. A response has one
 * owner at a time: the handler that made it, then each layer it passes through on the way back
 * (which may add or replace headers in place, as {@code Vary}, {@code traceresponse} or CORS headers
 * are added), then the server, which writes and forgets it. So:
 * <ul>
 *   <li>make a new response per request; do not keep one in a field and return it twice (keep a
 *       {@code Supplier<Response>} or the bytes instead);</li>
 *   <li>{@link #withStatus} and {@link #withBody} hand the headers over to the new response: use
 *       the new one, not the old;</li>
 *   <li>equality is identity: two responses with equal parts are still two messages.</li>
 * </ul>
 */
public final class Response {

    private static final String TEXT_PLAIN = "text/plain; charset=utf-8";

    private final HttpStatus status;
    private final HttpHeaders headers;
    private final ResponseBody body;
    /** Null for an answer; set on a refusal the server counts (see {@link #refused}). */
    private final Refusal refusal;

    /**
     * A response from its parts; {@code headers} now belong to it.
     *
     * @param status  the status
     * @param headers the headers (not including framing headers)
     * @param body    the body
     */
    public Response(HttpStatus status, HttpHeaders headers, ResponseBody body) {
        this(status, headers, body, null);
    }

    private Response(HttpStatus status, HttpHeaders headers, ResponseBody body, Refusal refusal) {
        this.status = Objects.requireNonNull(status, "status");
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = Objects.requireNonNull(body, "body");
        this.refusal = refusal;
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

    /** The status. */
    public HttpStatus status() {
        return status;
    }

    /**
     * The headers, mutable by whoever owns the response now (see the class comment); framing
     * headers are the server's.
     */
    public HttpHeaders headers() {
        return headers;
    }

    /** The body. */
    public ResponseBody body() {
        return body;
    }

    /** A response with {@code body} in place of this one's; it takes over this response's headers (and its refusal). */
    public Response withBody(ResponseBody body) {
        return new Response(status, headers, body, refusal);
    }

    /** A response with another status; it takes over this response's headers (and its refusal). */
    public Response withStatus(HttpStatus status) {
        return new Response(status, headers, body, refusal);
    }

    /**
     * This response marked as a refusal, so that the server counts it when it writes it: in
     * {@link ServerStats#requestsOverloaded()} or {@link ServerStats#requestsTimedOut()}. The
     * client gets the response as it is (the mark is not sent); the new response takes over this
     * one's headers. A load-shedding layer marks the answer it gives instead of calling the
     * handler:
     * <pre>{@code
     * return Async.ready(Response.text(HttpStatus.SERVICE_UNAVAILABLE, "busy, retry later\n")
     *         .refused(Response.Refusal.OVERLOADED));
     * }</pre>
     *
     * @param why why the request was not handled
     */
    public Response refused(Refusal why) {
        return new Response(status, headers, body, Objects.requireNonNull(why, "why"));
    }

    /** Why this response refuses its request ({@link #refused}), or null for an answer. */
    public Refusal refusal() {
        return refusal;
    }

    /** Why a service answered a request without handling it: what {@link #refused} marks a response with. */
    public enum Refusal {
        /** Too busy: a concurrency limit or another load shedder turned the request away. */
        OVERLOADED,
        /** The handler did not answer in time and a timeout layer answered for it. */
        TIMED_OUT
    }

    @Override
    public String toString() {
        return "Response[" + status + ", " + headers + "]";
    }

    /** Builds a {@link Response}. Not thread-safe; build one response with it. */
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

        /** Adds a {@code Set-Cookie} header for {@code cookie}; one per cookie, as RFC 6265 requires. */
        public Builder cookie(Cookie cookie) {
            headers.add("Set-Cookie", cookie.toString());
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
