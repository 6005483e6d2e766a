package dev.weft.router.internal;

/**
 * A request extension set by the body-limit layer: the most bytes body extractors buffer, in place
 * of the body's own {@code bufferLimit()}.
 *
 * @param bytes the limit
 */
public record BodyLimit(long bytes) {
}
