package dev.weft.router;

import dev.weft.http.HttpStatus;
import dev.weft.router.internal.Json;
import dev.weft.router.internal.Responses;
import dev.weft.server.Cookie;
import dev.weft.server.Response;

import java.util.Objects;

import tools.jackson.databind.json.JsonMapper;

/**
 * A status and a value sent as {@code application/json}, with headers and cookies: the one-liner
 * for what a record alone cannot say.
 * <pre>{@code
 * router.post("/todos", state(TodoStore.class), json(NewTodo.class), (store, body) -> {
 *     Todo todo = store.add(body);
 *     return JsonResponse.of(HttpStatus.CREATED, todo)
 *             .header("Location", "/todos/" + todo.id())
 *             .cookie(Cookie.of("last", Long.toString(todo.id())));
 * });
 * }</pre>
 * The value is written with the router's JSON mapper ({@link Router#json}) when the router sends
 * it; {@link #toResponse()} called directly uses Jackson's defaults. Build one per request.
 */
public final class JsonResponse implements IntoResponse {

    private final Response.Builder builder;
    private final Object value;

    private JsonResponse(HttpStatus status, Object value) {
        this.builder = Response.builder(status);
        this.value = value;
    }

    /** {@code value} as JSON with {@code status}. */
    public static JsonResponse of(HttpStatus status, Object value) {
        return new JsonResponse(Objects.requireNonNull(status, "status"), value);
    }

    /** Adds a header; names and values are validated. */
    public JsonResponse header(String name, String value) {
        builder.header(name, value);
        return this;
    }

    /** Adds a {@code Set-Cookie} header for {@code cookie}. */
    public JsonResponse cookie(Cookie cookie) {
        builder.cookie(cookie);
        return this;
    }

    /** The response, with the value written by Jackson's default mapper. */
    @Override
    public Response toResponse() {
        return toResponse(Json.defaults().mapper());
    }

    /** The response, with the value written by {@code mapper}. */
    public Response toResponse(JsonMapper mapper) {
        return builder.body(Responses.JSON, Json.of(mapper).write(value)).build();
    }
}
