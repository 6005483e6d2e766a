/**
 * The built-in layers around a router: timeout, request id, CORS, compression, body limit, access
 * log, catch-panic. Each is a {@link dev.weft.router.Middleware} from
 * {@link dev.weft.router.middleware.Layers} (CORS is configured with
 * {@link dev.weft.router.middleware.Cors}), added with {@link dev.weft.router.Router#layer}; layers
 * run in the order added, the first one outermost.
 *
 * <p>May import: the JDK, {@code dev.weft.router} and {@code dev.weft.router.internal}, and what
 * the router module reads (the exported packages of the server, runtime and codec,
 * {@code dev.weft.http}, Reactive Streams, Jackson, SLF4J); not the router's other sub-packages.
 *
 * <pre>{@code
 * Router.create()
 *         .layer(Layers.catchPanic())                  // outermost: sees every failure below it
 *         .layer(Layers.requestId())
 *         .layer(Layers.timeout(Duration.ofSeconds(10)))
 *         .layer(Layers.cors(Cors.builder().allowOrigin("https://app.example").build()))
 *         .get("/whoami", extension(RequestId.class), id -> "request " + id.value());
 * }</pre>
 */
package dev.weft.router.middleware;
