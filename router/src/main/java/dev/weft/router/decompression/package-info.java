/**
 * Request decompression: {@link dev.weft.router.decompression.RequestDecompression} turns request
 * bodies sent with {@code Content-Encoding: gzip} or {@code deflate} into their decoded bytes for
 * every body extractor, streaming and with a bound on the decoded size.
 */
package dev.weft.router.decompression;
