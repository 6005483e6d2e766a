/**
 * What a service speaks and the server that runs it. A {@link dev.weft.server.Service} turns a
 * {@link dev.weft.server.Request} into an async {@link dev.weft.server.Response}; request and
 * response bodies ({@link dev.weft.server.RequestBody}, {@link dev.weft.server.ResponseBody}) are
 * Reactive Streams publishers whose demand reaches the socket. {@link dev.weft.server.Server}
 * listens, accepts connections and drives each one through the codec into the service, with the
 * limits, timeouts and shutdown behaviour that {@link dev.weft.server.ServerConfig} describes
 * (every default is stated there once).
 *
 * <p>May import: the JDK, {@code dev.weft.runtime} and its exported packages, {@code dev.weft.codec}
 * and {@code dev.weft.http}, Reactive Streams, SLF4J, and {@code dev.weft.server.internal}; never
 * the runtime's or the codec's internals, nor anything of the router.
 *
 * <pre>{@code
 * Server server = Server.start(ServerConfig.builder().port(8080).build(),
 *         request -> Async.ready(Response.text("Hello, World!")));
 * server.awaitTermination();
 * }</pre>
 *
 * <p>How a connection works inside, and who may touch its buffers, is in the
 * {@code dev.weft.server.internal} package's documentation.
 */
package dev.weft.server;
