package dev.weft.metrics;

import static dev.weft.router.extract.Extractors.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.weft.http.HttpMethod;
import dev.weft.router.Router;
import dev.weft.router.test.TestClient;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** Route labels are patterns and bounded sets of words, never what a client sent. */
class RouteMetersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private TestClient client() {
        Router router = Router.create();
        router.layer(new RouteMeters(registry, router))
                .get("/users/{id}", path("id", long.class), id -> "user " + id)
                .get("/files/{*rest}", path("rest"), rest -> rest)
                .post("/users", () -> "created")
                .get("/boom", () -> {
                    throw new IllegalStateException("boom (expected by the test)");
                });
        return TestClient.of(router);
    }

    private Timer timer(String method, String route, String status) {
        return registry.find("http.server.requests").tag("method", method).tag("route", route).tag("status", status)
                .timer();
    }

    @Test
    void labelsRequestsWithTheRoutePatternNotThePath() {
        TestClient client = client();
        for (int id = 1; id <= 50; id++) {
            assertEquals(200, client.get("/users/" + id).status());
        }
        client.get("/files/a/b.txt");
        client.get("/files/c.txt");
        assertEquals(400, client.get("/users/abc").status());

        assertEquals(50, timer("GET", "/users/{id}", "2xx").count());
        assertEquals(1, timer("GET", "/users/{id}", "4xx").count(), "a rejected parameter still labels its route");
        assertEquals(2, timer("GET", "/files/{*rest}", "2xx").count());
        assertEquals(Set.of("/users/{id}", "/files/{*rest}"), routeLabels());
    }

    @Test
    void notFoundPathsShareOneSeries() {
        TestClient client = client();
        for (int i = 0; i < 200; i++) {
            assertEquals(404, client.get("/nothing/here/" + i).status());
        }
        assertEquals(200, timer("GET", RouteMeters.UNMATCHED, "4xx").count());
        assertEquals(Set.of(RouteMeters.UNMATCHED), routeLabels());
        assertEquals(1, timers().size(), "one timer for 200 distinct unmatched paths");
    }

    @Test
    void methodsOutsideTheStandardOnesAreOneLabel() {
        TestClient client = client();
        for (String m : List.of("FOO", "BAR", "PROPFIND")) {
            client.request(HttpMethod.of(m), "/users/1").send();
        }
        assertEquals(3, timer("OTHER", "/users/{id}", "4xx").count(), "405 for any unknown method");
        assertEquals(1, timers().size());
    }

    @Test
    void methodNotAllowedAndFailuresKeepTheirRoute() {
        TestClient client = client();
        assertEquals(405, client.request(HttpMethod.DELETE, "/users").send().status());
        assertEquals(500, client.get("/boom").status());
        assertEquals(1, timer("DELETE", "/users", "4xx").count());
        assertEquals(1, timer("GET", "/boom", "5xx").count());
        assertNull(timer("GET", "/boom", "2xx"));
    }

    private Collection<Timer> timers() {
        return registry.find("http.server.requests").timers();
    }

    private Set<String> routeLabels() {
        Set<String> routes = new TreeSet<>();
        for (Meter m : timers()) {
            routes.add(m.getId().getTag("route"));
        }
        return routes;
    }
}
