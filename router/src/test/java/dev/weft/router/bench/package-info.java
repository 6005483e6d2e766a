/**
 * Router benchmarks (JMH), in {@link dev.weft.router.bench.RouterBenchmark}: lookup in the radix
 * tree on a 50-route table shaped like a public REST API (static, parameter, catch-all and a
 * miss), a whole request through the router against a hand-written service, and extraction of
 * path, query and JSON body. Scores are ns per operation; compare the router with the hand-written
 * service in one run, never across machines.
 *
 * <p>May import: the JDK, the router's packages including {@code dev.weft.router.internal} (the
 * tree is measured directly; it is the same module), the exported packages of the server, runtime
 * and codec, {@code dev.weft.http}, and JMH.
 *
 * <p>Run from the repository root:
 * <pre>
 * ./mvnw -q -DskipTests install
 * ./mvnw -q -Pjmh -pl router test-compile exec:exec -Djmh.args="RouterBenchmark -f 1 -wi 3 -i 5 -prof gc"
 * </pre>
 */
package dev.weft.router.bench;
