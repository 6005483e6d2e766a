package dev.weft.router;

/**
 * Takes one typed value from the parts of a request (path, query, headers, state, extensions) —
 * everything except the body. Declared with the route, run before the handler, in order; a
 * failure is a {@link Rejection}, which becomes a 4xx {@code application/problem+json} response.
 *
 * <p>Writing your own takes a few lines:
 * <pre>{@code
 * Extractor<Tenant> tenant = cx -> cx.request().headers().get("X-Tenant") instanceof String id
 *         ? tenants.find(id)
 *         : Rejection.missing("header 'X-Tenant'").raise();
 * router.get("/reports", tenant, t -> reports.of(t));
 * }</pre>
 *
 * <p>The built-in extractors are in {@link dev.weft.router.extract.Extractors}. Extractors run on a
 * runtime worker: they must not block.
 *
 * @param <T> the extracted type
 */
@FunctionalInterface
public interface Extractor<T> {

    /**
     * Extracts the value.
     *
     * @param cx the request and what the router matched
     * @return the value; may be {@code null} only if the handler expects it
     * @throws Rejection when the request does not carry a valid value
     */
    T extract(RequestContext cx);
}
