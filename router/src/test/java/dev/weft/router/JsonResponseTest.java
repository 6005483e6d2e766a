package dev.weft.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.http.HttpStatus;
import dev.weft.router.test.TestClient;
import dev.weft.router.test.TestResponse;
import dev.weft.server.Cookie;
import dev.weft.server.Response;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Status plus JSON in one line, and cookies on the response builder. */
class JsonResponseTest {

    record Todo(long id, String title) {
    }

    @Test
    void statusJsonHeadersAndCookiesInOneExpression() {
        TestClient client = TestClient.of(Router.create()
                .post("/todos", () -> JsonResponse.of(HttpStatus.CREATED, new Todo(7, "milk"))
                        .header("Location", "/todos/7")
                        .cookie(Cookie.of("last", "7").httpOnly())
                        .cookie(Cookie.of("theme", "dark"))));
        TestResponse r = client.post("/todos").send();
        assertEquals(201, r.status());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("/todos/7", r.header("Location"));
        assertEquals(List.of("last=7; Path=/; HttpOnly", "theme=dark; Path=/"), r.headers().getAll("Set-Cookie"));
        assertEquals(new Todo(7, "milk"), r.json(Todo.class));
    }

    @Test
    void theResponseBuilderTakesCookiesOnePerHeader() {
        Response r = Response.builder(HttpStatus.OK)
                .cookie(Cookie.of("a", "1"))
                .cookie(Cookie.removal("b"))
                .text("ok")
                .build();
        assertEquals(List.of("a=1; Path=/", "b=; Path=/; Max-Age=0"), r.headers().getAll("Set-Cookie"));
    }
}
