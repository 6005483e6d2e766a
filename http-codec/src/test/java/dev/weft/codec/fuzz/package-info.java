/**
 * Coverage-guided fuzzing of the request decoder with Jazzer. {@code DecoderFuzzTest} decodes each
 * input whole and split at points derived from it, under small limits, and checks that the decoder
 * throws nothing but {@link dev.weft.codec.HttpCodecException}, always makes progress, keeps every
 * limit, stays failed after an error, and parses the same however the bytes arrive. The normal
 * test run fuzzes for a bounded time ({@code JAZZER_FUZZ=1} in the module's Surefire
 * configuration); without it, only the seed inputs in the test resources are replayed.
 *
 * <p>May import: the JDK, {@code dev.weft.codec} and {@code dev.weft.http}, JUnit and Jazzer; not
 * the codec's internal package.
 */
package dev.weft.codec.fuzz;
