/**
 * Router internals, not exported: the radix tree and path patterns, percent-decoding and text
 * conversions for extractors, the JSON mapper, turning handler results into responses, mapping
 * failures to responses, blocking handler calls on virtual threads, handler names for route
 * listings, and the publisher plumbing behind the SSE and gzip bodies ({@code Emitter}) and behind
 * the request-body decoders and the multipart reader ({@code BodyPump}).
 *
 * <p>May import: the JDK, {@code dev.weft.router} (the contracts it serves, such as
 * {@code IntoResponse}), and what the router module reads (the exported packages of the server,
 * runtime and codec, {@code dev.weft.http}, Reactive Streams, Jackson, SLF4J); never the router's
 * sub-packages {@code extract}, {@code middleware}, {@code sse} and {@code test}, which are built
 * on it.
 */
package dev.weft.router.internal;
