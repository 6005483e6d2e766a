package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.it.support.ExampleProcess;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The first request to a JSON route is served without the stall detector's WARN: Jackson and the
 * extractors' readers are built on the thread that starts the server, not on a worker at the first
 * request (where their class loading took 128-162 ms and was reported as a blocked worker). A
 * fresh JVM, so nothing has touched Jackson before; the server's log is read from its console.
 * Also: the server logs exactly one INFO line saying where it listens, with how many workers, on
 * which transport and how long it took to be ready.
 */
@Timeout(90)
class FirstJsonRequestTest {

    private static final Pattern READY_LINE = Pattern.compile(
            "INFO .* Weft listening on http://127\\.0\\.0\\.1:\\d+ \\(2 workers, NIO transport, ready in \\d+ ms\\)");

    @Test
    void theFirstJsonRequestsLogNoStallAndStartupSaysOneLine() throws Exception {
        try (ExampleProcess p = ExampleProcess.start(List.of(), "--app", "todo", "--workers", "2");
             HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + p.port();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/todos"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"milk\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            assertTrue(created.body().contains("\"title\":\"milk\""), created.body());
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + "/todos")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, list.statusCode());
            HttpResponse<String> invalid = http.send(HttpRequest.newBuilder(URI.create(base + "/todos"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\" \"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(422, invalid.statusCode());
            // A request after the others: the log lines of the ones before are surely printed.
            http.send(HttpRequest.newBuilder(URI.create(base + "/livez")).build(), HttpResponse.BodyHandlers.ofString());
            List<String> out = p.output();
            assertEquals(List.of(), out.stream().filter(l -> l.contains("blocking the worker") || l.contains("WARN"))
                    .toList(), String.join("\n", out));
            assertEquals(1, out.stream().filter(l -> READY_LINE.matcher(l).find()).count(), String.join("\n", out));
            assertEquals(1, out.stream().filter(l -> l.contains(" INFO ") && l.contains("listening on")).count());
        }
    }
}
