package dev.weft.router.extract;

import static dev.weft.router.extract.Extractors.body;
import static dev.weft.router.extract.Extractors.bytes;
import static dev.weft.router.extract.Extractors.client;
import static dev.weft.router.extract.Extractors.clientAddress;
import static dev.weft.router.extract.Extractors.cookie;
import static dev.weft.router.extract.Extractors.cookies;
import static dev.weft.router.extract.Extractors.extension;
import static dev.weft.router.extract.Extractors.form;
import static dev.weft.router.extract.Extractors.header;
import static dev.weft.router.extract.Extractors.headers;
import static dev.weft.router.extract.Extractors.json;
import static dev.weft.router.extract.Extractors.matchedPath;
import static dev.weft.router.extract.Extractors.method;
import static dev.weft.router.extract.Extractors.optional;
import static dev.weft.router.extract.Extractors.path;
import static dev.weft.router.extract.Extractors.query;
import static dev.weft.router.extract.Extractors.remoteAddress;
import static dev.weft.router.extract.Extractors.request;
import static dev.weft.router.extract.Extractors.state;
import static dev.weft.router.extract.Extractors.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.router.Extractor;
import dev.weft.router.Rejection;
import dev.weft.router.Router;
import dev.weft.router.test.TestClient;
import dev.weft.router.test.TestResponse;
import dev.weft.server.RequestBody;
import dev.weft.server.TrustedProxies;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.core.type.TypeReference;

class ExtractorsTest {

    enum Color { RED, GREEN }

    record Ids(long org, UUID user) {
    }

    record Page(@Default("1") int page, @Default("20") int size, Optional<String> sort, List<String> tag) {
    }

    record Login(String user, String password, @Default("false") boolean remember) {
    }

    record Todo(String title, boolean done) {
    }

    record Positive(int n) {
        Positive {
            if (n <= 0) {
                throw new IllegalArgumentException("n must be positive");
            }
        }
    }

    static String detail(TestResponse r) {
        String t = r.text();
        int i = t.indexOf("\"detail\":\"");
        return t.substring(i + 10, t.indexOf('"', i + 10));
    }

    @Test
    void pathParametersConvertToTypes() {
        TestClient client = TestClient.of(Router.create()
                .get("/l/{id}", path("id", long.class), id -> "long " + (id + 1))
                .get("/i/{id}", path("id", int.class), id -> "int " + id)
                .get("/u/{id}", path("id", UUID.class), id -> "uuid " + id)
                .get("/e/{c}", path("c", Color.class), c -> "enum " + c.name())
                .get("/s/{s}", path("s"), s -> "string " + s)
                .get("/r/{org}/{user}", path(Ids.class), ids -> ids.org() + " " + ids.user()));
        assertEquals("long 43", client.get("/l/42").text());
        assertEquals("int -1", client.get("/i/-1").text());
        assertEquals("uuid 123e4567-e89b-12d3-a456-426614174000",
                client.get("/u/123e4567-e89b-12d3-a456-426614174000").text());
        assertEquals("enum GREEN", client.get("/e/green").text());
        assertEquals("string a b/é", client.get("/s/a%20b%2F%C3%A9").text());
        assertEquals("7 123e4567-e89b-12d3-a456-426614174000",
                client.get("/r/7/123e4567-e89b-12d3-a456-426614174000").text());
    }

    @Test
    void badPathParametersAre400ProblemsNamingTheParameter() {
        TestClient client = TestClient.of(Router.create()
                .get("/l/{id}", path("id", long.class), id -> "")
                .get("/u/{id}", path("id", UUID.class), id -> "")
                .get("/e/{c}", path("c", Color.class), c -> "")
                .get("/s/{s}", path("s"), s -> "")
                .get("/r/{org}/{user}", path(Ids.class), ids -> ""));
        TestResponse r = client.get("/l/abc");
        assertEquals(400, r.status());
        assertEquals("application/problem+json", r.header("Content-Type"));
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"path parameter 'id': 'abc' is not a long\"}", r.text());
        assertEquals("path parameter 'id': 'x' is not a UUID", detail(client.get("/u/x")));
        assertEquals("path parameter 'c': 'BLUE' is not one of [RED, GREEN]", detail(client.get("/e/BLUE")));
        assertEquals("path parameter 's': invalid percent-escape '%zz'", detail(client.get("/s/%zz")));
        assertEquals("path parameter 'org': 'x' is not a long", detail(client.get("/r/x/y")));
    }

    @Test
    void queryRecordWithDefaultsOptionalsAndLists() {
        TestClient client = TestClient.of(Router.create().get("/q", query(Page.class), Page::toString));
        assertEquals("Page[page=1, size=20, sort=Optional.empty, tag=[]]", client.get("/q").text());
        assertEquals("Page[page=3, size=5, sort=Optional[name desc], tag=[a, b]]",
                client.get("/q?page=3&size=5&sort=name+desc&tag=a&tag=b").text());
        assertEquals("query parameter 'page': 'x' is not an int", detail(client.get("/q?page=x")));
    }

    @Test
    void requiredQueryParameter() {
        TestClient client = TestClient.of(Router.create()
                .get("/q", query("q", String.class), optional(query("n", int.class)), (q, n) -> q + " " + n));
        assertEquals("a b Optional.empty", client.get("/q?q=a%20b").text());
        assertEquals("a Optional[2]", client.get("/q?q=a&n=2").text());
        assertEquals("query parameter 'q': missing", detail(client.get("/q")));
        assertEquals("query parameter 'n': 'x' is not an int", detail(client.get("/q?q=a&n=x")),
                "optional does not hide malformed values");
    }

    @Test
    void recordValidationIsA400() {
        TestClient client = TestClient.of(Router.create().get("/p", query(Positive.class), p -> "ok"));
        assertEquals("query parameters: n must be positive", detail(client.get("/p?n=0")));
    }

    @Test
    void headersAndCookies() {
        TestClient client = TestClient.of(Router.create()
                .get("/h", header("X-Count", int.class), headers(), (n, all) -> n + " " + all.get("X-Other"))
                .get("/c", cookie("session"), cookies(), (s, all) -> s + " " + all));
        assertEquals("3 o", client.request(dev.weft.http.HttpMethod.GET, "/h")
                .header("X-Count", "3").header("X-Other", "o").send().text());
        assertEquals("header 'X-Count': missing", detail(client.get("/h")));
        assertEquals("header 'X-Count': 'x' is not an int",
                detail(client.request(dev.weft.http.HttpMethod.GET, "/h").header("X-Count", "x").send()));
        assertEquals("abc {session=abc, theme=\"dark\"}".replace("\"dark\"", "dark"),
                client.request(dev.weft.http.HttpMethod.GET, "/c")
                        .header("Cookie", "session=abc; theme=\"dark\"").send().text());
        assertEquals("cookie 'session': missing", detail(client.get("/c")));
    }

    @Test
    void jsonBodyIntoRecordsAndGenerics() {
        TestClient client = TestClient.of(Router.create()
                .post("/one", json(Todo.class), t -> t.title() + " " + t.done())
                .post("/many", json(new TypeReference<List<Todo>>() { }), l -> l.size() + " " + l.get(1).title()));
        assertEquals("a true", client.post("/one").json(new Todo("a", true)).send().text());
        assertEquals("2 b", client.post("/many").json(List.of(new Todo("a", true), new Todo("b", false)))
                .send().text());
    }

    @Test
    void jsonBodyRejections() {
        TestClient client = TestClient.of(Router.create().post("/one", json(Todo.class), t -> "ok")
                .post("/p", json(Positive.class), p -> "ok"));
        TestResponse noType = client.post("/one").body("{}").send();
        assertEquals(415, noType.status());
        assertEquals("request body: expected Content-Type application/json, but there is none", detail(noType));
        TestResponse wrongType = client.post("/one").header("Content-Type", "text/plain").body("{}").send();
        assertEquals("request body: expected Content-Type application/json, got 'text/plain'", detail(wrongType));
        TestResponse malformed = client.post("/one").header("Content-Type", "application/json").body("{").send();
        assertEquals(400, malformed.status());
        TestResponse wrongField = client.post("/one").header("Content-Type", "application/json; charset=utf-8")
                .body("{\"title\":\"a\",\"done\":\"maybe\"}").send();
        assertEquals(400, wrongField.status());
        assertEquals(true, detail(wrongField).startsWith("request body field 'done': "), detail(wrongField));
        TestResponse nullPrimitive = client.post("/one").header("Content-Type", "application/json")
                .body("{\"title\":\"a\",\"done\":null}").send();
        assertEquals("request body field 'done': Cannot map `null` into type `boolean`", detail(nullPrimitive));
        TestResponse invalid = client.post("/p").header("Content-Type", "application/json").body("{\"n\":0}").send();
        assertEquals(422, invalid.status());
        assertEquals("request body: n must be positive", detail(invalid));
    }

    @Test
    void formBody() {
        TestClient client = TestClient.of(Router.create().post("/login", form(Login.class), Login::toString));
        assertEquals("Login[user=a b, password=p&q, remember=false]",
                client.post("/login").form("user", "a b", "password", "p&q").send().text());
        assertEquals("form field 'password': missing", detail(client.post("/login").form("user", "a").send()));
        assertEquals(415, client.post("/login").body("user=a").send().status());
    }

    @Test
    void rawBodies() {
        TestClient client = TestClient.of(Router.create()
                .post("/bytes", bytes(), b -> "bytes " + b.length)
                .post("/text", text(), t -> "text " + t)
                .post("/stream", body(), (RequestBody b) -> b));
        assertEquals("bytes 3", client.post("/bytes").body(new byte[3]).send().text());
        assertEquals("text héllo", client.post("/text").body("héllo").send().text());
        assertEquals("streamed", client.post("/stream").body("streamed").send().text());
    }

    @Test
    void bodyOverTheLimitIs413() {
        TestClient client = TestClient.of(Router.create().post("/bytes", bytes(), b -> "bytes " + b.length));
        TestResponse r = client.post("/bytes").body(new byte[3 * 1024 * 1024]).send();
        assertEquals(413, r.status());
        assertEquals("request body: larger than the limit of 2097152 bytes", detail(r));
    }

    @Test
    void optionalBody() {
        TestClient client = TestClient.of(Router.create().post("/o", optional(json(Todo.class)),
                t -> t.map(Todo::title).orElse("none")));
        assertEquals("none", client.post("/o").send().text());
        assertEquals("x", client.post("/o").json(new Todo("x", false)).send().text());
    }

    @Test
    void stateExtensionsAndRequestParts() {
        record Greeting(String word) {
        }
        record User(String name) {
        }
        TestClient client = TestClient.of(Router.create()
                .withState(new Greeting("hi"))
                .layer((request, next) -> {
                    request.putExtension(User.class, new User("ann"));
                    return next.call(request);
                })
                .get("/g/{x}", state(Greeting.class), extension(User.class), matchedPath(), method(), request(),
                        (g, u, pattern, m, req) -> g.word() + " " + u.name() + " " + pattern + " " + m + " "
                                + req.path()));
        assertEquals("hi ann /g/{x} GET /g/1", client.get("/g/1").text());
    }

    @Test
    void missingExtensionIsAWiringError() {
        record User(String name) {
        }
        TestClient client = TestClient.of(Router.create()
                .get("/a", extension(User.class), u -> u.name())
                .get("/b", optional(extension(User.class)), u -> u.map(User::name).orElse("anonymous")));
        assertEquals(500, client.get("/a").status());
        assertEquals("anonymous", client.get("/b").text());
    }

    @Test
    void optionalStateNeedNotBeThere() {
        TestClient client = TestClient.of(Router.create()
                .get("/s", optional(state(StringBuilder.class)), sb -> sb.map(StringBuilder::toString).orElse("none")));
        assertEquals("none", client.get("/s").text());
    }

    @Test
    void remoteAddressAndClientBehindTrustedProxies() {
        TrustedProxies proxies = TrustedProxies.of("10.0.0.0/8", "::1");
        TestClient client = TestClient.of(Router.create()
                .get("/peer", remoteAddress(), a -> a.getAddress().getHostAddress())
                .get("/ip", clientAddress(), a -> a.getHostString())
                .get("/self", client(), c -> c.scheme() + "://" + c.host()));
        assertEquals("192.0.2.9", client.request(dev.weft.http.HttpMethod.GET, "/peer")
                .remoteAddress("192.0.2.9", 5000).send().text());
        // An untrusted peer's forwarding headers are ignored.
        assertEquals("192.0.2.9", client.request(dev.weft.http.HttpMethod.GET, "/ip").trustedProxies(proxies)
                .remoteAddress("192.0.2.9", 5000).header("X-Forwarded-For", "203.0.113.1").send().text());
        // Through two trusted proxies, the first untrusted hop from the right is the client.
        assertEquals("203.0.113.7", client.request(dev.weft.http.HttpMethod.GET, "/ip").trustedProxies(proxies)
                .remoteAddress("10.0.0.1", 5000).header("X-Forwarded-For", "198.51.100.1, 203.0.113.7, 10.1.1.1")
                .send().text());
        assertEquals("2001:db8:0:0:0:0:0:1", client.request(dev.weft.http.HttpMethod.GET, "/ip").trustedProxies(proxies)
                .remoteAddress("10.0.0.1", 5000).header("Forwarded", "for=\"[2001:db8::1]:4711\";proto=https")
                .send().text());
        assertEquals("https://example.com", client.request(dev.weft.http.HttpMethod.GET, "/self").trustedProxies(proxies)
                .remoteAddress("10.0.0.1", 5000).header("Host", "internal:8080")
                .header("Forwarded", "for=192.0.2.60;proto=https;host=example.com").send().text());
        // Without trusted proxies configured, nothing is believed.
        assertEquals("10.0.0.1", client.request(dev.weft.http.HttpMethod.GET, "/ip")
                .remoteAddress("10.0.0.1", 5000).header("X-Forwarded-For", "203.0.113.1").send().text());
    }

    @Test
    void customExtractorInAFewLines() {
        record Tenant(String id) {
        }
        Extractor<Tenant> tenant = cx -> {
            String id = cx.request().headers().get("X-Tenant");
            if (id == null) {
                throw Rejection.missing("header 'X-Tenant'");
            }
            return new Tenant(id);
        };
        TestClient client = TestClient.of(Router.create()
                .get("/t", tenant, t -> "tenant " + t.id())
                .get("/inline", cx -> cx.request().path().length(), n -> "length " + n));
        assertEquals("length 7", client.get("/inline").text());
        assertEquals("tenant acme", client.request(dev.weft.http.HttpMethod.GET, "/t")
                .header("X-Tenant", "acme").send().text());
        assertEquals("header 'X-Tenant': missing", detail(client.get("/t")));
    }

    @Test
    void sixExtractorsWithABodyLast() {
        TestClient client = TestClient.of(Router.create().post("/{a}/{b}/{c}/{d}/{e}",
                path("a"), path("b"), path("c"), path("d"), path("e"), text(),
                (a, b, c, d, e, f) -> a + b + c + d + e + f));
        assertEquals("123456", client.post("/1/2/3/4/5").body("6").send().text());
    }

    @Test
    void unsupportedConversionTypeFailsAtDefinition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> path("id", StringBuilder.class));
        assertEquals(true, e.getMessage().startsWith("cannot convert text to java.lang.StringBuilder"));
        assertEquals("x".getBytes(StandardCharsets.UTF_8).length, 1);
    }

    @Test
    void cookieMapIsOrdered() {
        TestClient client = TestClient.of(Router.create().get("/c", cookies(), Map::toString));
        assertEquals("{b=2, a=1}", client.request(dev.weft.http.HttpMethod.GET, "/c")
                .header("Cookie", "b=2; a=1; b=3").send().text());
    }
}
