/**
 * What the codec and the HTTP types share but nobody else may use. The module does not export
 * this package, so code outside it cannot name these classes; they are public only so that
 * {@code dev.weft.http} and {@code dev.weft.codec} can both reach them.
 *
 * <ul>
 *   <li>{@link dev.weft.codec.internal.Ascii}, {@link dev.weft.codec.internal.Swar},
 *       {@link dev.weft.codec.internal.Bytes} — byte classes of the HTTP grammar (tokens, field
 *       values, request-targets) and fast scans over byte arrays and buffers;</li>
 *   <li>{@link dev.weft.codec.internal.HeaderIds} — the numbers by which the codec recognises the
 *       header fields that frame a message (Content-Length, Transfer-Encoding, …);</li>
 *   <li>{@link dev.weft.codec.internal.HttpAccess} — the "shared secrets" bridge: the interfaces
 *       through which the codec reads and fills the storage of the {@code dev.weft.http} types,
 *       which is not their API.</li>
 * </ul>
 *
 * <p>It may use the JDK, and {@code dev.weft.http} for the types the access interfaces take and
 * return; never {@code dev.weft.codec}, which builds on it.
 */
package dev.weft.codec.internal;
