/**
 * Liveness and readiness endpoints for load balancers and orchestrators, in one line of
 * application code. {@link dev.weft.router.health.Health} adds {@code GET /livez} (the process
 * answers) and {@code GET /readyz} (this instance should get traffic: its server is
 * {@link dev.weft.server.ServerPhase#SERVING} and every {@link dev.weft.router.health.HealthCheck}
 * passes, each run on a virtual thread with a timeout). Readiness turns 503 the moment the server
 * begins to drain.
 *
 * <p>May import: the JDK, {@code dev.weft.router}, and what the router module reads (the exported
 * packages of the server, runtime and codec, {@code dev.weft.http}, SLF4J); not the router's
 * internal or other sub-packages.
 *
 * <pre>{@code
 * Router router = Router.create()
 *         .merge(Health.builder().check("database", Duration.ofSeconds(1), db::ping).build().router())
 *         .get("/", () -> "Hello, World!");
 * }</pre>
 */
package dev.weft.router.health;
