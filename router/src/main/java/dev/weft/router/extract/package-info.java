/**
 * The built-in extractors: values taken from a request's path, query, headers, cookies, body,
 * state and connection. They are the static methods of
 * {@link dev.weft.router.extract.Extractors}; query and path records may use
 * {@link dev.weft.router.extract.Default}, and {@code client()} trusts forwarding headers only
 * from the server's {@link dev.weft.server.TrustedProxies}. Each extractor is built once, with its
 * route, so reflection happens at startup; a request that does not fit is answered with a 4xx
 * problem naming the value and the reason.
 *
 * <p>May import: the JDK, {@code dev.weft.router} and {@code dev.weft.router.internal}, and what
 * the router module reads (the exported packages of the server, runtime and codec,
 * {@code dev.weft.http}, Reactive Streams, Jackson, SLF4J); not the router's other sub-packages.
 *
 * <pre>{@code
 * import static dev.weft.router.extract.Extractors.*;
 *
 * record Page(@Default("1") int page, @Default("20") int size, Optional<String> sort) {}
 *
 * router.get("/users/{id}/posts", path("id", long.class), query(Page.class), header("X-Tenant"),
 *         (id, page, tenant) -> posts.list(tenant, id, page));
 * router.put("/users/{id}", path("id", long.class), json(User.class), (id, user) -> users.save(id, user));
 * }</pre>
 */
package dev.weft.router.extract;
