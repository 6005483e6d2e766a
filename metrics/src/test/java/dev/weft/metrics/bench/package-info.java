/**
 * What observing costs a request (JMH): {@link dev.weft.metrics.bench.ObserveLayersBenchmark}
 * sends the same request through a router with each layer {@code --observe} adds, alone and
 * together; {@link dev.weft.metrics.bench.RecordingPrimitivesBenchmark} measures the pieces
 * recording is made of (the timer, the clock reads, the label's route lookup). Scores are ns per
 * operation; compare within a run, never across machines.
 *
 * <p>May import: the JDK, the metrics and router packages, the exported packages of the server,
 * runtime and codec, {@code dev.weft.http}, Micrometer, the Prometheus client and JMH.
 *
 * <p>Run from the repository root:
 * <pre>
 * ./mvnw -q -DskipTests install
 * ./mvnw -q -Pjmh -pl metrics test-compile exec:exec -Djmh.args="ObserveLayersBenchmark|RecordingPrimitivesBenchmark -prof gc"
 * </pre>
 */
package dev.weft.metrics.bench;
