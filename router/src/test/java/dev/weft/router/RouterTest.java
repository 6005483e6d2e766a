package dev.weft.router;

import dev.weft.http.HttpStatus;

import static dev.weft.router.extract.Extractors.matchedPath;
import static dev.weft.router.extract.Extractors.path;
import static dev.weft.router.extract.Extractors.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpMethod;
import dev.weft.router.test.TestClient;
import dev.weft.router.test.TestResponse;

import java.util.List;

import org.junit.jupiter.api.Test;

class RouterTest {

    @Test
    void routesByMethodAndPath() {
        TestClient client = TestClient.of(Router.create()
                .get("/a", () -> "get a")
                .post("/a", () -> "post a")
                .put("/a", () -> "put a")
                .patch("/a", () -> "patch a")
                .delete("/a", () -> "delete a")
                .options("/a", () -> "options a")
                .get("/b/{x}", path("x"), x -> "b " + x));
        assertEquals("get a", client.get("/a").text());
        assertEquals("post a", client.post("/a").send().text());
        assertEquals("put a", client.put("/a").send().text());
        assertEquals("patch a", client.patch("/a").send().text());
        assertEquals("delete a", client.delete("/a").text());
        assertEquals("options a", client.request(HttpMethod.OPTIONS, "/a").send().text());
        assertEquals("b 1", client.get("/b/1").text());
    }

    @Test
    void headIsAnsweredByGet() {
        TestResponse r = TestClient.of(Router.create().get("/a", () -> "body"))
                .request(HttpMethod.HEAD, "/a").send();
        assertEquals(200, r.status());
    }

    @Test
    void explicitHeadWinsOverGet() {
        TestClient client = TestClient.of(Router.create().get("/a", () -> "get").head("/a", () -> "head"));
        assertEquals("head", client.request(HttpMethod.HEAD, "/a").send().text());
    }

    @Test
    void anyMatchesEveryMethod() {
        TestClient client = TestClient.of(Router.create().any("/a", () -> "any").get("/a", () -> "get"));
        assertEquals("get", client.get("/a").text());
        assertEquals("any", client.delete("/a").text());
        assertEquals("any", client.request(HttpMethod.of("PURGE"), "/a").send().text());
    }

    @Test
    void customMethodsWithRoute() {
        TestClient client = TestClient.of(Router.create().route(HttpMethod.of("PURGE"), "/cache", () -> "purged"));
        assertEquals("purged", client.request(HttpMethod.of("PURGE"), "/cache").send().text());
        assertEquals(405, client.get("/cache").status());
    }

    @Test
    void wrongMethodIs405WithAllow() {
        TestResponse r = TestClient.of(Router.create().get("/a", () -> "").post("/a", () -> ""))
                .delete("/a");
        assertEquals(405, r.status());
        assertEquals("GET, POST, HEAD", r.header("Allow"));
        assertEquals("application/problem+json", r.header("Content-Type"));
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Method Not Allowed\",\"status\":405,"
                + "\"detail\":\"method DELETE is not allowed; allowed: GET, POST, HEAD\"}", r.text());
    }

    @Test
    void unknownPathIs404Problem() {
        TestResponse r = TestClient.of(Router.create().get("/a", () -> "")).get("/b");
        assertEquals(404, r.status());
        assertEquals("application/problem+json", r.header("Content-Type"));
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                + "\"detail\":\"no route for GET /b\"}", r.text());
    }

    @Test
    void fallbackCanBeReplaced() {
        TestClient client = TestClient.of(Router.create().get("/a", () -> "")
                .fallback(request -> Problem.of(HttpStatus.NOT_FOUND).detail("nothing at " + request.path())));
        TestResponse r = client.get("/zzz");
        assertEquals(404, r.status());
        assertTrue(r.text().contains("nothing at /zzz"), r.text());
    }

    @Test
    void sameMethodAndPathTwiceIsAConflictNamingBoth() {
        Router router = Router.create().get("/users/{id}", path("id"), RouterTest::first);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> router.get("/users/{id}", path("id"), RouterTest::second));
        assertEquals("route GET /users/{id} (RouterTest::second) conflicts with route GET /users/{id} "
                + "(RouterTest::first): same method and path", e.getMessage());
    }

    static String first(String id) {
        return id;
    }

    static String second(String id) {
        return id;
    }

    @Test
    void differentParameterNamesConflict() {
        Router router = Router.create().get("/users/{id}", () -> "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> router.delete("/users/{uid}", () -> ""));
        assertTrue(e.getMessage().contains("'/users/{uid}' conflicts with route '/users/{id}'"), e.getMessage());
    }

    @Test
    void pathExtractorForAMissingParameterFailsAtDefinition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Router.create().get("/users/{id}", path("uid"), uid -> uid));
        assertEquals("route GET /users/{id}: path parameter 'uid' is not in the pattern (it has [id])",
                e.getMessage());
    }

    @Test
    void missingStateFailsAtStartup() {
        Router router = Router.create().get("/a", state(StringBuilder.class), sb -> sb.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, router::routes);
        assertTrue(e.getMessage().startsWith("route GET /a (RouterTest.missingStateFailsAtStartup (lambda)) "
                + "extracts state java.lang.StringBuilder, but the router has none"), e.getMessage());
    }

    @Test
    void nestPrefixesRoutes() {
        Router api = Router.create()
                .get("/", () -> "api root")
                .get("/users/{id}", path("id"), matchedPath(), (id, pattern) -> id + " " + pattern);
        TestClient client = TestClient.of(Router.create().nest("/api/{version}", api));
        assertEquals("api root", client.get("/api/v1").text());
        assertEquals("7 /api/{version}/users/{id}", client.get("/api/v1/users/7").text());
        assertEquals(404, client.get("/users/7").status());
    }

    @Test
    void nestedFallbackServesItsPrefixOnly() {
        Router api = Router.create().get("/a", () -> "a").fallback(r -> Problem.of(HttpStatus.NOT_FOUND).detail("api"));
        TestClient client = TestClient.of(Router.create().get("/x", () -> "x").nest("/api", api));
        assertTrue(client.get("/api/zzz").text().contains("\"detail\":\"api\""));
        assertTrue(client.get("/api").text().contains("\"detail\":\"api\""));
        assertTrue(client.get("/zzz").text().contains("no route for GET /zzz"));
        assertEquals("a", client.get("/api/a").text());
    }

    @Test
    void mergeCombinesRoutesAndDetectsConflicts() {
        Router a = Router.create().get("/a", () -> "a");
        Router b = Router.create().get("/b", () -> "b");
        TestClient client = TestClient.of(Router.create().merge(a).merge(b));
        assertEquals("a", client.get("/a").text());
        assertEquals("b", client.get("/b").text());
        Router c = Router.create().get("/a", () -> "again");
        assertThrows(IllegalArgumentException.class, () -> Router.create().merge(a).merge(c));
    }

    @Test
    void listsRoutesWithHandlerNames() {
        Router router = Router.create()
                .get("/users/{id}", path("id"), RouterTest::first)
                .post("/users", () -> "")
                .nest("/admin", Router.create().delete("/users/{id}", path("id"), RouterTest::second));
        List<RouteInfo> routes = router.routes();
        assertEquals(List.of(
                new RouteInfo("DELETE", "/admin/users/{id}", "RouterTest::second"),
                new RouteInfo("POST", "/users", "RouterTest.listsRoutesWithHandlerNames (lambda)"),
                new RouteInfo("GET", "/users/{id}", "RouterTest::first")), routes);
    }

    @Test
    void namesAHandlerOnlyWhenAListingAsks() {
        CountingHandler handler = new CountingHandler();
        Router router = Router.create().get("/a", handler);
        assertEquals("a", TestClient.of(router).get("/a").text());
        assertEquals(0, handler.described, "adding and serving the route described the handler");
        assertEquals(CountingHandler.class.getName(), router.routes().getFirst().handler());
        assertEquals(1, handler.described);
    }

    /**
     * A handler that counts the requests for its serialised form, which naming a handler reads
     * (for a lambda, its {@code SerializedLambda}); this one is not a lambda, so it is named by class.
     */
    private static final class CountingHandler implements Handler.H0 {
        private static final long serialVersionUID = 1L;
        int described;

        @Override
        public Object handle() {
            return "a";
        }

        private Object writeReplace() {
            described++;
            return this;
        }
    }

    @Test
    void routesAreSortedByPatternThenMethodAndCannotBeChanged() {
        Router router = Router.create()
                .put("/b", () -> "")
                .get("/b", () -> "")
                .delete("/a", () -> "");
        List<RouteInfo> routes = router.routes();
        assertEquals(List.of("DELETE /a", "GET /b", "PUT /b"),
                routes.stream().map(r -> r.method() + " " + r.pattern()).toList());
        assertThrows(UnsupportedOperationException.class, () -> routes.remove(0));
    }

    @Test
    void trailingSlashIsStrictByDefault() {
        TestClient client = TestClient.of(Router.create().get("/a", () -> "a"));
        assertEquals(404, client.get("/a/").status());
    }

    @Test
    void trailingSlashRedirect() {
        TestClient client = TestClient.of(Router.create().get("/a", () -> "a").get("/b/", () -> "b")
                .trailingSlash(TrailingSlash.REDIRECT));
        TestResponse r = client.get("/a/?x=1");
        assertEquals(308, r.status());
        assertEquals("/a?x=1", r.header("Location"));
        assertEquals("/b/", client.get("/b").header("Location"));
        assertEquals(404, client.get("/c/").status());
    }

    @Test
    void trailingSlashIgnore() {
        TestClient client = TestClient.of(Router.create().get("/a/{x}", path("x"), x -> x)
                .trailingSlash(TrailingSlash.IGNORE));
        assertEquals("1", client.get("/a/1/").text());
        assertEquals("1", client.get("/a/1").text());
    }

    @Test
    void frozenAfterFirstRequest() {
        Router router = Router.create().get("/a", () -> "a");
        TestClient.of(router).get("/a");
        assertThrows(IllegalStateException.class, () -> router.get("/b", () -> "b"));
    }

    @Test
    void badPatternIsRejectedAtDefinition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Router.create().get("users", () -> ""));
        assertEquals("invalid route pattern 'users': must start with '/'", e.getMessage());
    }

    @Test
    void mergingTwoFallbacksOrTwoStatesOfOneTypeFails() {
        Router a = Router.create().fallback(r -> "a");
        Router b = Router.create().fallback(r -> "b");
        assertEquals("both routers have a fallback",
                assertThrows(IllegalArgumentException.class, () -> Router.create().merge(a).merge(b)).getMessage());
        Router s1 = Router.create().withState(new StringBuilder("1"));
        Router s2 = Router.create().withState(new StringBuilder("2"));
        assertEquals("both routers hold a different state of type java.lang.StringBuilder",
                assertThrows(IllegalArgumentException.class, () -> Router.create().merge(s1).merge(s2)).getMessage());
    }

    @Test
    void nestPrefixMustBeAPlainPrefix() {
        assertThrows(IllegalArgumentException.class, () -> Router.create().nest("/api/", Router.create()));
        assertThrows(IllegalArgumentException.class, () -> Router.create().nest("api", Router.create()));
        assertThrows(IllegalArgumentException.class, () -> Router.create().nest("/f/{*rest}", Router.create()));
    }

    @Test
    void stateGivenToANestedRouterIsAvailable() {
        Router api = Router.create().withState(new StringBuilder("shared")).get("/s", state(StringBuilder.class),
                StringBuilder::toString);
        assertEquals("shared", TestClient.of(Router.create().nest("/api", api)).get("/api/s").text());
    }

    @Test
    void headOfAMissingRouteIs404AndOfAPostOnlyRouteIs405() {
        TestClient client = TestClient.of(Router.create().post("/p", () -> ""));
        assertEquals(404, client.request(HttpMethod.HEAD, "/x").send().status());
        TestResponse r = client.request(HttpMethod.HEAD, "/p").send();
        assertEquals(405, r.status());
        assertEquals("POST", r.header("Allow"));
    }

    @Test
    void blockingHandlersAreListedByWhatTheyWrap() {
        Router router = Router.create().get("/b/{id}", path("id"), Handler.blocking(RouterTest::first));
        assertEquals(List.of(new RouteInfo("GET", "/b/{id}", "RouterTest::first (blocking)")), router.routes());
    }
}
