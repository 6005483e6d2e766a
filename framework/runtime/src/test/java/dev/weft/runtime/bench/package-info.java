/**
 * AsyncRuntime benchmarks (JMH), each comparing Weft with {@link java.util.concurrent.ForkJoinPool}
 * doing the same work in the same run.
 *
 * <ul>
 *   <li>{@link dev.weft.runtime.bench.SchedulerBenchmark}: Tokio's {@code spawn_many},
 *       {@code yield_many}, {@code ping_pong}, {@code chained_spawn}.
 *   <li>{@link dev.weft.runtime.bench.TimerBenchmark}: insert and cancel 1,000,000 timers.
 * </ul>
 *
 * <p>Run from the repository root:
 * <pre>
 * ./mvnw -q -DskipTests install
 * ./mvnw -q -Pjmh -pl framework/runtime test-compile exec:exec -Djmh.args="SchedulerBenchmark -f 1 -wi 3 -i 5"
 * ./mvnw -q -Pjmh -pl framework/runtime test-compile exec:exec -Djmh.args="TimerBenchmark -f 1 -wi 3 -i 5"
 * </pre>
 * Scores are batches per second (one operation = the whole batch); compare a Weft row with the
 * ForkJoinPool row of the same benchmark as a ratio, never across machines.
 */
package dev.weft.runtime.bench;
