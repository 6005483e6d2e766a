package dev.weft.server;

import dev.weft.runtime.Async;

/**
 * An HTTP application: a request in, an asynchronous response out. The server calls it once per
 * request, on a runtime worker; the router implements it.
 *
 * <pre>{@code
 * Service hello = request -> Async.ready(Response.text("Hello, World!"));
 * }</pre>
 *
 * <p>A service must not block the worker that calls it: return an {@link Async} that completes
 * later, or run blocking code with {@code AsyncRuntime.spawnBlocking}. A service that throws, or whose
 * response fails, is answered with {@code 500 Internal Server Error} and the connection lives on.
 */
@FunctionalInterface
public interface Service {

    /**
     * Handles one request.
     *
     * @param request the request; its body may still be arriving
     * @return the response, possibly not yet available
     */
    Async<Response> call(Request request);

    /**
     * Called once by each {@link Server} that is about to run this service: after it has bound its
     * port, before it accepts the first connection. The default does nothing; the router uses it to
     * tell its readiness endpoint which server's {@link Server#phase() phase} to report.
     *
     * @param server the server, already bound
     */
    default void serverStarting(Server server) {
    }
}
