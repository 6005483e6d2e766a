/**
 * See inside a running server from a browser or curl: a task dump ({@code GET /debug/tasks}) and a
 * live runtime dashboard ({@code GET /debug/runtime}), both off until an application enables them
 * with {@link dev.weft.router.debug.RuntimeDebug}, and refused to anyone its
 * {@link dev.weft.router.debug.DebugAccess} does not let in (loopback clients by default).
 *
 * <p>May import: the JDK, the router's exported packages and {@code dev.weft.router.internal},
 * the server, runtime and codec's exported packages, Jackson and SLF4J.
 *
 * <pre>{@code
 * Router router = Router.create().get("/", () -> "hello");
 * RuntimeDebug.enable(router);                       // loopback clients only
 * Server.start(ServerConfig.defaults(), router);
 * }</pre>
 */
package dev.weft.router.debug;
