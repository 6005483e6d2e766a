/**
 * Codec benchmarks (JMH), each comparing Weft with Netty's HTTP/1.1 codec fed the same bytes in
 * the same run: {@link dev.weft.codec.bench.RequestDecoderBenchmark} (a browser GET, 16 pipelined
 * GETs, a chunked POST) and {@link dev.weft.codec.bench.ResponseEncoderBenchmark} (the plaintext
 * response). Scores are ns per request or response; with {@code -prof gc},
 * {@code gc.alloc.rate.norm} is bytes per request. Compare rows of one run, never across machines.
 *
 * <p>May import: the JDK, {@code dev.weft.codec} and {@code dev.weft.http}, JMH, and Netty (the
 * baseline, a benchmark-only dependency); not the codec's internal package.
 *
 * <p>Run from the repository root:
 * <pre>
 * ./mvnw -q -Pjmh -pl http-codec test-compile exec:exec -Djmh.args="RequestDecoderBenchmark -prof gc"
 * ./mvnw -q -Pjmh -pl http-codec test-compile exec:exec -Djmh.args="ResponseEncoderBenchmark -prof gc"
 * </pre>
 */
package dev.weft.codec.bench;
