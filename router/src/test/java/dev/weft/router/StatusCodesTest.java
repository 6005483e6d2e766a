package dev.weft.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpStatus;
import dev.weft.router.test.TestClient;
import dev.weft.router.test.TestResponse;
import dev.weft.server.Response;

import java.lang.reflect.Executable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Statuses are {@link HttpStatus} in every API that makes a response: a code without a constant
 * is {@code HttpStatus.of(418)}. Only {@link TestResponse#status()} is an {@code int}, because a
 * test asserts against a literal ({@code assertEquals(404, r.status())}).
 */
class StatusCodesTest {

    @Test
    void noPublicApiThatMakesAResponseTakesAnIntStatus() {
        List<String> offenders = new ArrayList<>();
        for (Class<?> type : List.of(Problem.class, HttpException.class, Rejection.class, Response.class,
                Response.Builder.class)) {
            Stream.<Executable>concat(Stream.of(type.getConstructors()), Stream.of(type.getMethods()))
                    .filter(e -> e.getDeclaringClass() == type)
                    .filter(e -> Stream.of(e.getParameterTypes()).anyMatch(p -> p == int.class))
                    .forEach(e -> offenders.add(e.toString()));
            Stream.of(type.getMethods())
                    .filter(m -> m.getDeclaringClass() == type && m.getName().equals("status"))
                    .filter(m -> m.getReturnType() != HttpStatus.class)
                    .forEach(m -> offenders.add(m.toString()));
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void aCodeWithoutAConstantGoesThroughHttpStatusOf() {
        TestResponse r = TestClient.of(Router.create()
                        .get("/tea", () -> Problem.of(HttpStatus.of(418)).detail("short and stout")))
                .get("/tea");
        assertEquals(418, r.status());
        assertTrue(r.text().contains("\"status\":418"), r.text());
        assertEquals(HttpStatus.of(418), Problem.of(HttpStatus.of(418)).status());
    }

    @Test
    void errorTypesRefuseStatusesThatAreNotErrors() {
        assertThrows(IllegalArgumentException.class, () -> new HttpException(HttpStatus.OK, "fine"));
        assertThrows(IllegalArgumentException.class, () -> Rejection.of(HttpStatus.NO_CONTENT, "x", "y"));
        assertEquals(HttpStatus.NOT_FOUND, new HttpException(HttpStatus.NOT_FOUND, "gone").status());
    }
}
