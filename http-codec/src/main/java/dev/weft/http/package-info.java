/**
 * The basic HTTP types (RFC 9110): the vocabulary every Weft application, router and test uses
 * to read a request and answer it, whatever parses and writes the bytes.
 *
 * <ul>
 *   <li>{@link dev.weft.http.HttpMethod} — GET, POST, … and extension methods;</li>
 *   <li>{@link dev.weft.http.HttpStatus} — a status code with its reason phrase;</li>
 *   <li>{@link dev.weft.http.HttpVersion} — HTTP/1.0 or HTTP/1.1;</li>
 *   <li>{@link dev.weft.http.HttpHeaders} — an ordered multi-map of header fields, with
 *       pre-encoded {@link dev.weft.http.HeaderName}s and {@link dev.weft.http.HeaderValue}s for
 *       the hot path.</li>
 * </ul>
 *
 * <h2>Why a package of their own</h2>
 *
 * These types are what applications name; the HTTP/1.1 codec ({@code dev.weft.codec}) is how
 * the server moves them on the wire, and applications rarely touch it. Rust draws the same line:
 * the types live in the {@code http} crate, not in hyper's parser. So a handler that answers
 * {@code HttpStatus.NOT_FOUND} imports this package and nothing of the codec, and the codec can
 * change (or another wire format be added) without touching what applications import.
 *
 * <pre>{@code
 * import dev.weft.http.HeaderName;
 * import dev.weft.http.HeaderValue;
 * import dev.weft.http.HttpHeaders;
 * import dev.weft.http.HttpMethod;
 * import dev.weft.http.HttpStatus;
 *
 * static final HeaderName X_REQUEST_ID = HeaderName.of("X-Request-Id");
 *
 * HttpHeaders response = new HttpHeaders()
 *         .set(HeaderName.CONTENT_TYPE, HeaderValue.APPLICATION_JSON)
 *         .add("Cache-Control", "no-store");
 * String id = requestHeaders.get(X_REQUEST_ID);    // names are case-insensitive; null if absent
 * if (id != null) response.add(X_REQUEST_ID, id);
 * HttpStatus status = requestMethod == HttpMethod.POST ? HttpStatus.CREATED : HttpStatus.OK;
 * HttpStatus.of(404).reasonPhrase();               // "Not Found"
 * }</pre>
 *
 * <h2>What this package may use</h2>
 *
 * The JDK ({@code java.base}) only, and of this module only its non-exported
 * {@code dev.weft.codec.internal}: the byte-class tables every HTTP grammar check shares, the
 * header ids, and the access interfaces these types implement for the codec. Never
 * {@code dev.weft.codec}: the codec depends on these types, not the other way round, and neither
 * depends on a server or any library (a test checks this).
 *
 * <p>What the codec needs beyond the public API — the bytes behind a header map, the
 * pre-encoded status line, method lookup from bytes — it reaches through those access interfaces,
 * implemented by private nested classes here; none of it is public.
 */
package dev.weft.http;
