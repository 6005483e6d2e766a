/**
 * What metrics cost a request (JMH), in {@link dev.weft.metrics.bench.RouteMetersBenchmark}: the
 * same request through a router with and without the {@link dev.weft.metrics.RouteMeters} layer,
 * in one run. Scores are ns per operation; compare within a run, never across machines.
 *
 * <p>May import: the JDK, the metrics and router packages, the exported packages of the server,
 * runtime and codec, {@code dev.weft.http}, Micrometer and JMH.
 *
 * <p>Run from the repository root:
 * <pre>
 * ./mvnw -q -DskipTests install
 * ./mvnw -q -Pjmh -pl metrics test-compile exec:exec -Djmh.args="RouteMetersBenchmark -prof gc"
 * </pre>
 */
package dev.weft.metrics.bench;
