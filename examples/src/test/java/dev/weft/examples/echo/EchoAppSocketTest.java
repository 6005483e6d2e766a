package dev.weft.examples.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The echo app over a real socket, through the Weft server and the JDK's HTTP client. */
class EchoAppSocketTest {

    private static Server server;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(1).build(), EchoApp.router());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
        http.close();
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
    }

    @Test
    void plaintextJsonAndUser() throws Exception {
        HttpResponse<String> plain = http.send(request("/plaintext").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, plain.statusCode());
        assertEquals("text/plain", plain.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("Hello, World!", plain.body());
        HttpResponse<String> json = http.send(request("/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"message\":\"Hello, World!\"}", json.body());
        assertEquals("user 7", http.send(request("/user/7").build(), HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(404, http.send(request("/nope").build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void headOfGetHasNoBody() throws Exception {
        HttpResponse<String> head = http.send(request("/plaintext").method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void echoStreamsALargeBodyBack() throws Exception {
        byte[] body = new byte[3 * 1024 * 1024]; // larger than the 2 MiB buffering limit: never buffered
        new Random(7).nextBytes(body);
        HttpResponse<byte[]> r = http.send(request("/echo").header("Content-Type", "application/x-test")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("application/x-test", r.headers().firstValue("Content-Type").orElseThrow());
        assertArrayEquals(body, r.body());
    }
}
