package dev.weft.router;

/**
 * What the router does when a path differs from a route only by a trailing slash
 * ({@code /users/} against the route {@code /users}, or the reverse). The check runs only when
 * nothing matched, so it costs nothing on matched requests.
 */
public enum TrailingSlash {
    /** The paths are different; the request falls through to the fallback (404). The default. */
    STRICT,
    /** Answer {@code 308 Permanent Redirect} to the path that has a route, keeping the query. */
    REDIRECT,
    /** Serve the request with the route that matches the other form. */
    IGNORE
}
