package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.it.support.Await;
import dev.weft.it.support.ExampleProcess;
import dev.weft.it.support.Wire;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The example server drains in phases on SIGTERM, configured from the environment: readiness turns
 * 503 at once while it still accepts and serves for {@code WEFT_SHUTDOWN_DELAY}; a second SIGTERM
 * ends the delay; it logs each phase and exits 0. The delay is long so that the test never races
 * it: the second signal, not the clock, ends it.
 */
@Timeout(60)
class DrainOnSignalTest {

    @Test
    void sigtermTurnsReadinessTo503WhileServingThenASecondOneStopsItAndItExitsZero() throws Exception {
        try (ExampleProcess server = ExampleProcess.start(Map.of("WEFT_SHUTDOWN_DELAY", "50s"), List.of(), "--workers", "1");
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            assertEquals(200, get(client, server, "/readyz").statusCode());
            server.sigterm();
            Await.until(Duration.ofSeconds(10), () -> "no draining phase logged: " + server.output(),
                    () -> logged(server, "draining: readiness reports 503; still accepting for PT50S"));
            HttpResponse<String> ready = get(client, server, "/readyz");
            assertEquals(503, ready.statusCode());
            assertTrue(ready.body().contains(" is DRAINING"), ready.body());
            // A new connection is still accepted and served.
            try (Socket fresh = new Socket("127.0.0.1", server.port())) {
                fresh.setSoTimeout(10_000);
                Wire.send(fresh, "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
                Wire.RawResponse served = Wire.readResponse(fresh.getInputStream());
                assertEquals(200, served.status());
                assertEquals("Hello, World!", served.text());
            }
            server.sigterm();
            assertEquals(0, server.waitFor(30), "exit status; output: " + server.output());
            assertTrue(logged(server, "stopping: no longer accepting"), server.output().toString());
            assertTrue(logged(server, "] stopped"), server.output().toString());
        }
    }

    private static boolean logged(ExampleProcess server, String text) {
        return server.output().stream().anyMatch(line -> line.contains(text));
    }

    private static URI uri(ExampleProcess server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static HttpResponse<String> get(HttpClient client, ExampleProcess server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(server, path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
