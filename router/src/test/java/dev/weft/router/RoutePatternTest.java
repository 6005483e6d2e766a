package dev.weft.router;

import static dev.weft.router.extract.Extractors.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** {@link Router#routePattern}: the label metrics use instead of the raw path. */
class RoutePatternTest {

    private static Router router() {
        return Router.create()
                .get("/", () -> "root")
                .get("/users/{id}", path("id", long.class), id -> "user " + id)
                .post("/users", () -> "created")
                .get("/files/{*rest}", path("rest"), rest -> rest)
                .nest("/api", Router.create().get("/items/{item}", path("item"), item -> item));
    }

    @Test
    void givesThePatternNotThePath() {
        Router r = router();
        assertEquals("/", r.routePattern("/"));
        assertEquals("/users/{id}", r.routePattern("/users/7"));
        assertEquals("/users/{id}", r.routePattern("/users/not-a-number"), "a rejected value still matched the route");
        assertEquals("/files/{*rest}", r.routePattern("/files/a/b/c.txt"));
        assertEquals("/api/items/{item}", r.routePattern("/api/items/9"));
    }

    @Test
    void aPathWithOnlyOtherMethodsGivesThePatternOfItsRoutes() {
        assertEquals("/users", router().routePattern("/users"));
    }

    @Test
    void noRouteGivesNull() {
        Router r = router();
        assertNull(r.routePattern("/nope"));
        assertNull(r.routePattern("/users/7/extra"));
        assertNull(r.routePattern("/users/"), "strict trailing slash: /users/ is not /users");
    }

    @Test
    void ignoredTrailingSlashFindsTheOtherForm() {
        Router r = Router.create().trailingSlash(TrailingSlash.IGNORE).get("/a", () -> "a");
        assertEquals("/a", r.routePattern("/a/"));
    }
}
