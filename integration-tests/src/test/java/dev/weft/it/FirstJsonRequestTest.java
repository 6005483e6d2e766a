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
 * The first requests to JSON routes are served without a stall WARN blaming Jackson's first use:
 * Jackson and the extractors' readers are built on the thread that starts the server, not on a
 * worker at the first request (where their class loading took 128-162 ms and was reported as a
 * blocked worker), and what first uses remain (a lambda linked, a class loaded) are logged at
 * DEBUG. No other WARN is logged. A
 * fresh JVM, so nothing has touched Jackson before; the server's log is read from its console.
 * Also: the server logs exactly one INFO line saying where it listens, with how many workers, on
 * which transport and how long it took to be ready.
 */
@Timeout(90)
class FirstJsonRequestTest {

    private static final Pattern READY_LINE = Pattern.compile(
            "INFO .* Weft listening on http://127\\.0\\.0\\.1:\\d+ \\(2 workers, (io_uring|epoll|nio) transport, ready in \\d+ ms\\)");

    /**
     * The stall WARNs (a report and its stack lines) that blame Jackson's first use: building the
     * mapper, or loading and initialising classes. A WARN for a poll that is merely slow on a
     * machine running thirty processes per core (Jackson introspecting one more record type takes
     * milliseconds, stretched past the threshold by the scheduler) is not this bug, and is left to
     * the detector.
     */
    private static List<String> stallReportsOfJacksonsFirstUse(List<String> out) {
        List<String> blamed = new java.util.ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            if (!out.get(i).contains("blocking the worker")) {
                continue;
            }
            StringBuilder report = new StringBuilder(out.get(i));
            boolean firstUse = false;
            for (int j = i + 1; j < out.size() && out.get(j).startsWith("\tat "); j++) {
                String frame = out.get(j);
                report.append('\n').append(frame);
                firstUse |= frame.contains("MapperBuilder.build") || frame.contains("JsonMapper.builder")
                        || frame.contains("ObjectMapper.<init>") || frame.contains("<clinit>")
                        || frame.contains("ClassLoader.") || frame.contains("MethodHandleNatives.link");
            }
            if (firstUse) {
                blamed.add(report.toString());
            }
        }
        return blamed;
    }

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
            assertEquals(List.of(), stallReportsOfJacksonsFirstUse(out), String.join("\n", out));
            assertEquals(List.of(), out.stream().filter(l -> l.contains(" WARN ") && !l.contains("SlowPoll")).toList(),
                    String.join("\n", out));
            assertEquals(1, out.stream().filter(l -> READY_LINE.matcher(l).find()).count(), String.join("\n", out));
            assertEquals(1, out.stream().filter(l -> l.contains(" INFO ") && l.contains("listening on")).count());
        }
    }
}
