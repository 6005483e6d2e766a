package dev.weft.router;

import dev.weft.http.HttpStatus;
import dev.weft.router.internal.Json;
import dev.weft.server.Response;

import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem detail, answered as {@code application/problem+json}. The router uses it
 * for rejections, 404, 405 and 500; applications use it for their own errors:
 * <pre>{@code
 * return Problem.of(HttpStatus.UNPROCESSABLE_CONTENT)
 *         .title("Validation failed")
 *         .detail("the todo is not valid")
 *         .with("errors", List.of(new FieldError("title", "must not be blank")))
 *         .toResponse();
 * }</pre>
 * Extension members are serialised with the router's JSON mapper ({@link Router#json}), like
 * handler results, when the router sends the problem (returned, or inside a thrown
 * {@link HttpException}); {@link #toResponse()} called directly uses Jackson's defaults.
 */
public final class Problem implements IntoResponse {

    /** The media type of problem details. */
    public static final String CONTENT_TYPE = "application/problem+json";

    private final HttpStatus status;
    private final Map<String, Object> members = new LinkedHashMap<>();

    private Problem(HttpStatus status) {
        this.status = status;
        members.put("type", "about:blank");
        members.put("title", status.reasonPhrase());
        members.put("status", status.code());
    }

    /**
     * A problem with {@code status}; the title defaults to the reason phrase. A code without a
     * constant is {@code HttpStatus.of(418)}.
     */
    public static Problem of(HttpStatus status) {
        return new Problem(java.util.Objects.requireNonNull(status, "status"));
    }

    /** A URI reference that identifies the problem type (default {@code about:blank}). */
    public Problem type(String type) {
        members.put("type", type);
        return this;
    }

    /** A short summary of the problem type. */
    public Problem title(String title) {
        members.put("title", title);
        return this;
    }

    /** An explanation specific to this occurrence. */
    public Problem detail(String detail) {
        members.put("detail", detail);
        return this;
    }

    /** A URI reference that identifies this occurrence. */
    public Problem instance(String instance) {
        members.put("instance", instance);
        return this;
    }

    /** An extension member, serialised as JSON. */
    public Problem with(String name, Object value) {
        members.put(name, value);
        return this;
    }

    /** The status. */
    public HttpStatus status() {
        return status;
    }

    /** The response, with members written by Jackson's default mapper. */
    @Override
    public Response toResponse() {
        return toResponse(Json.defaults().mapper());
    }

    /** The response, with members written by {@code mapper}. */
    public Response toResponse(JsonMapper mapper) {
        return Response.bytes(status, CONTENT_TYPE, mapper.writeValueAsBytes(members));
    }
}
