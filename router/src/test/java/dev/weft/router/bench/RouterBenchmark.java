package dev.weft.router.bench;

import static dev.weft.router.extract.Extractors.json;
import static dev.weft.router.extract.Extractors.path;
import static dev.weft.router.extract.Extractors.query;

import dev.weft.http.HeaderName;
import dev.weft.http.HeaderValue;
import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpMethod;
import dev.weft.http.HttpStatus;
import dev.weft.router.Router;
import dev.weft.router.extract.Default;
import dev.weft.router.internal.PathPattern;
import dev.weft.router.internal.PathTree;
import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.ResponseBody;
import dev.weft.server.Service;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Route lookup on a realistic table (50 routes, static and parameterised, shaped like a public
 * REST API; the router serves them plus {@code /json}), a whole request through the router
 * against a hand-written service, and extraction of path + query + JSON body.
 *
 * <pre>
 * ./mvnw -q -DskipTests install
 * ./mvnw -q -Pjmh -pl router test-compile exec:exec -Djmh.args="RouterBenchmark -f 1 -wi 3 -i 5 -prof gc"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouterBenchmark {

    /** Fifty routes. */
    static final List<String> ROUTES = List.of(
            "/", "/health", "/metrics", "/login", "/logout", "/emojis", "/events", "/feeds", "/rate_limit",
            "/notifications", "/notifications/threads/{id}",
            "/users", "/users/{id}", "/users/{id}/repos", "/users/{id}/followers", "/users/{id}/following",
            "/users/{id}/gists", "/users/{id}/orgs", "/users/{id}/events",
            "/repos/{owner}/{repo}", "/repos/{owner}/{repo}/issues", "/repos/{owner}/{repo}/issues/{number}",
            "/repos/{owner}/{repo}/issues/{number}/comments", "/repos/{owner}/{repo}/pulls",
            "/repos/{owner}/{repo}/pulls/{number}", "/repos/{owner}/{repo}/pulls/{number}/files",
            "/repos/{owner}/{repo}/commits", "/repos/{owner}/{repo}/commits/{sha}",
            "/repos/{owner}/{repo}/branches", "/repos/{owner}/{repo}/branches/{branch}",
            "/repos/{owner}/{repo}/tags", "/repos/{owner}/{repo}/releases", "/repos/{owner}/{repo}/releases/latest",
            "/repos/{owner}/{repo}/releases/{id}", "/repos/{owner}/{repo}/contents/{*path}",
            "/repos/{owner}/{repo}/stargazers",
            "/orgs/{org}", "/orgs/{org}/repos", "/orgs/{org}/members", "/orgs/{org}/teams",
            "/teams/{id}", "/teams/{id}/members",
            "/gists", "/gists/public", "/gists/starred", "/gists/{id}", "/gists/{id}/comments",
            "/search/repositories", "/search/code", "/user/{id}");

    /** The query of the extraction benchmark. */
    public record Paging(@Default("1") int page, @Default("20") int size) {
    }

    /** The JSON greeting of the echo server. */
    public record Message(String message) {
    }

    /** The JSON body of the extraction benchmark. */
    public record Item(String name, int quantity, List<String> tags) {
    }

    private static final Context CX = () -> () -> { };
    private static final byte[] ITEM = "{\"name\":\"widget\",\"quantity\":3,\"tags\":[\"a\",\"b\"]}"
            .getBytes(StandardCharsets.UTF_8);

    private PathTree<String> tree;
    private int[] params;
    private Router router;
    private Service handWritten;
    private Request userRequest;
    private Request jsonRequest;

    @Setup
    public void setup() {
        tree = new PathTree<>();
        Router r = Router.create();
        for (String route : ROUTES) {
            tree.putIfAbsent(PathPattern.parse(route), route);
            if (!route.equals("/user/{id}") && !route.equals("/repos/{owner}/{repo}/issues/{number}")) {
                r.get(route, () -> "x");
            }
        }
        params = new int[2 * tree.maxParams()];
        router = r.get("/user/{id}", path("id"), id -> "user " + id)
                .get("/json", () -> new Message("Hello, World!"))
                .post("/repos/{owner}/{repo}/issues/{number}", path("number", long.class), query(Paging.class),
                        json(Item.class), (number, paging, item) -> number + paging.page() + item.quantity());
        if (ROUTES.size() != 50) {
            throw new IllegalStateException("the table should have 50 routes, has " + ROUTES.size());
        }
        handWritten = request -> {
            String p = request.path();
            if (request.method().equals(HttpMethod.GET) && p.startsWith("/user/") && p.indexOf('/', 6) < 0) {
                HttpHeaders headers = new HttpHeaders();
                headers.add(HeaderName.CONTENT_TYPE, HeaderValue.TEXT_PLAIN_UTF8);
                byte[] text = ("user " + p.substring(6)).getBytes(StandardCharsets.UTF_8);
                return Async.ready(new Response(HttpStatus.OK, headers, ResponseBody.of(text)));
            }
            return Async.ready(Response.of(HttpStatus.NOT_FOUND));
        };
        userRequest = Request.builder(HttpMethod.GET, "/user/12345").build();
        jsonRequest = Request.builder(HttpMethod.GET, "/json").build();
    }

    @Benchmark
    public String lookupStatic() {
        return tree.find("/search/repositories", params);
    }

    @Benchmark
    public String lookupParams() {
        return tree.find("/repos/weft/weft/issues/42/comments", params);
    }

    @Benchmark
    public String lookupCatchAll() {
        return tree.find("/repos/weft/weft/contents/src/main/java/Main.java", params);
    }

    @Benchmark
    public String lookupMiss() {
        return tree.find("/repos/weft/weft/nothing", params);
    }

    /** GET /user/{id} through the router: lookup, extraction, handler, response. */
    @Benchmark
    public Response routerUserId() {
        return router.call(userRequest).poll(CX).value();
    }

    /** The same response from a hand-written service: the baseline for the router's overhead. */
    @Benchmark
    public Response handWrittenUserId() {
        return handWritten.call(userRequest).poll(CX).value();
    }

    /** GET /json through the router: a record serialised by Jackson per request. */
    @Benchmark
    public Response routerJson() {
        return router.call(jsonRequest).poll(CX).value();
    }

    /** Building the request of {@link #extractPathQueryJson}, to subtract from it. */
    @Benchmark
    public Request buildJsonRequest() {
        return Request.builder(HttpMethod.POST, "/repos/weft/weft/issues/42?page=2&size=10")
                .header("Content-Type", "application/json")
                .body(ITEM)
                .build();
    }

    /** POST with path + query + JSON body extractors (includes building the request). */
    @Benchmark
    public Response extractPathQueryJson() {
        Request request = buildJsonRequest();
        Poll<Response> p = router.call(request).poll(CX);
        return p.value();
    }
}
