package dev.weft.examples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.router.test.TestClient;

import org.junit.jupiter.api.Test;

class HelloAppTest {
    @Test
    void saysHello() {
        var r = TestClient.of(HelloApp.router()).get("/");
        assertEquals(200, r.status());
        assertEquals("Hello, World!", r.text());
    }
}
