/**
 * The typed router: routes, extractor and handler contracts, responses from plain values,
 * problems and errors. A {@link dev.weft.router.Router} maps a method and path to a handler, a
 * lambda over the values its {@link dev.weft.router.Extractor}s (and at most one, last,
 * {@link dev.weft.router.BodyExtractor}) took from the request; it is itself a
 * {@link dev.weft.server.Service}. Whatever a handler returns or throws becomes a response:
 * {@link dev.weft.router.IntoResponse}, {@link dev.weft.router.Problem},
 * {@link dev.weft.router.HttpException} and {@link dev.weft.router.Rejection} are the typed
 * ways. The built-in extractors, layers, server-sent events, health endpoints and the test
 * client are in the sub-packages.
 *
 * <p>May import: the JDK, {@code dev.weft.router.internal}, and what the router module reads (the
 * exported packages of the server, runtime and codec, {@code dev.weft.http}, Reactive Streams,
 * Jackson, SLF4J); never its sub-packages {@code extract}, {@code health}, {@code middleware},
 * {@code sse} and {@code test}, which are built on it.
 *
 * <pre>{@code
 * import static dev.weft.router.extract.Extractors.*;
 * import dev.weft.http.HttpStatus;
 *
 * record NewTodo(String title) {}
 *
 * Router router = Router.create()
 *         .withState(new TodoStore())
 *         .get("/", () -> "Hello, World!")                                      // text/plain
 *         .get("/todos/{id}", state(TodoStore.class), path("id", long.class),
 *                 (store, id) -> store.find(id).orElseThrow(() -> new HttpException(HttpStatus.NOT_FOUND, "no todo " + id)))
 *         .post("/todos", state(TodoStore.class), json(NewTodo.class), (store, todo) -> store.add(todo))
 *         .delete("/todos/{id}", state(TodoStore.class), path("id", long.class),
 *                 (store, id) -> store.remove(id) ? HttpStatus.NO_CONTENT : HttpStatus.NOT_FOUND);
 * Server.start(ServerConfig.defaults(), router).awaitTermination();
 * }</pre>
 */
package dev.weft.router;
