package dev.weft.examples.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.router.test.TestClient;
import dev.weft.router.test.TestResponse;
import dev.weft.server.Service;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EchoAppTest {

    static List<Service> services() {
        return List.of(EchoApp.router(), EchoApp.handWritten());
    }

    @ParameterizedTest
    @MethodSource("services")
    void plaintext(Service service) {
        TestResponse r = TestClient.of(service).get("/plaintext");
        assertEquals(200, r.status());
        assertEquals("text/plain", r.header("Content-Type"));
        assertEquals("Hello, World!", r.text());
    }

    @ParameterizedTest
    @MethodSource("services")
    void plaintextTwiceGivesTheSameBytes(Service service) {
        TestClient client = TestClient.of(service);
        assertEquals("Hello, World!", client.get("/plaintext").text());
        assertEquals("Hello, World!", client.get("/plaintext").text());
    }

    @ParameterizedTest
    @MethodSource("services")
    void json(Service service) {
        TestResponse r = TestClient.of(service).get("/json");
        assertEquals(200, r.status());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("{\"message\":\"Hello, World!\"}", r.text());
    }

    @ParameterizedTest
    @MethodSource("services")
    void echoKeepsBodyAndContentType(Service service) {
        TestResponse r = TestClient.of(service).post("/echo")
                .header("Content-Type", "text/csv").body("a,b\n1,2\n").send();
        assertEquals(200, r.status());
        assertEquals("text/csv", r.header("Content-Type"));
        assertEquals("a,b\n1,2\n", r.text());
    }

    @ParameterizedTest
    @MethodSource("services")
    void echoWithoutContentTypeIsOctetStream(Service service) {
        TestResponse r = TestClient.of(service).post("/echo").body(new byte[] {0, 1, 2, (byte) 255}).send();
        assertEquals("application/octet-stream", r.header("Content-Type"));
        assertEquals(4, r.bytes().length);
        assertEquals((byte) 255, r.bytes()[3]);
    }

    @ParameterizedTest
    @MethodSource("services")
    void user(Service service) {
        TestResponse r = TestClient.of(service).get("/user/42");
        assertEquals(200, r.status());
        assertEquals("user 42", r.text());
        assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void unknownPathIs404(Service service) {
        assertEquals(404, TestClient.of(service).get("/nope").status());
        assertEquals(404, TestClient.of(service).get("/user/1/2").status());
    }
}
