package dev.weft.router.middleware;

import static dev.weft.router.extract.Extractors.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.weft.http.HttpMethod;
import dev.weft.router.Router;
import dev.weft.router.internal.Json;
import dev.weft.router.test.TestClient;
import dev.weft.router.test.TestResponse;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;

/** {@link Layers#accessLog}: the fields of each line, as text and as one JSON object a line. */
class AccessLogLayerTest {
    private static final Logger ACCESS = (Logger) LoggerFactory.getLogger("dev.weft.router.access");
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void capture() {
        lines.start();
        ACCESS.setLevel(Level.INFO);
        ACCESS.addAppender(lines);
    }

    @AfterEach
    void stopCapturing() {
        ACCESS.detachAppender(lines);
        ACCESS.setLevel(null);
    }

    private static Router router(AccessLogFormat format) {
        Router router = Router.create();
        // The access log first (outermost): it still sees the ids the inner layers attach.
        router.layer(Layers.accessLog(router, format)).layer(Layers.requestId()).layer(Layers.traceContext())
                .get("/users/{id}", path("id", long.class), id -> "user " + id);
        return router;
    }

    @Test
    void textLineCarriesClientRouteIdsAndDuration() {
        TestResponse r = TestClient.of(router(AccessLogFormat.TEXT)).request(HttpMethod.GET, "/users/7?x=1")
                .header("X-Request-Id", "req-42").header("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01")
                .remoteAddress("198.51.100.4", 50412).send();
        assertEquals(200, r.status());
        String line = lines.list.getFirst().getFormattedMessage();
        assertTrue(line.matches("198\\.51\\.100\\.4:50412 \"GET /users/7\\?x=1\" 200 \\d+\\.\\d{3}ms"
                + " route=/users/\\{id} request_id=req-42 trace_id=" + TRACE), line);
    }

    @Test
    void jsonLineParsesWithEveryField() throws Exception {
        TestClient.of(router(AccessLogFormat.JSON)).request(HttpMethod.GET, "/users/7")
                .header("X-Request-Id", "req-42").header("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01")
                .remoteAddress("2001:db8::1", 443).send();
        String line = lines.list.getFirst().getFormattedMessage();
        assertTrue(!line.contains("\n"), line);
        JsonNode o = Json.defaults().mapper().readTree(line);
        assertEquals("[2001:db8:0:0:0:0:0:1]:443", o.get("client").asString());
        assertEquals("GET", o.get("method").asString());
        assertEquals("/users/7", o.get("target").asString());
        assertEquals(200, o.get("status").asInt());
        assertTrue(o.get("duration_ms").isNumber(), line);
        assertEquals("/users/{id}", o.get("route").asString());
        assertEquals("req-42", o.get("request_id").asString());
        assertEquals(TRACE, o.get("trace_id").asString());
    }

    /** Whatever a client puts in the target stays inside its JSON string: no broken line, no forged field. */
    @Test
    void jsonEscapesWhatTheClientSent() throws Exception {
        Router router = Router.create();
        router.layer(Layers.accessLog(router, AccessLogFormat.JSON)).fallback(req -> "none");
        String target = "/a\"b\\c\u0001\u2028%22,\"status\":999}";
        TestClient.of(router).get(target);
        String line = lines.list.getFirst().getFormattedMessage();
        JsonNode o = Json.defaults().mapper().readTree(line);
        assertEquals(target, o.get("target").asString());
        assertEquals(200, o.get("status").asInt());
        assertTrue(o.get("route").isNull(), line);
        assertTrue(o.get("request_id").isNull(), line);
        assertTrue(o.get("trace_id").isNull(), line);
        assertEquals(List.of("client", "method", "target", "status", "duration_ms", "route", "request_id", "trace_id"),
                o.propertyNames().stream().toList());
    }

    @Test
    void unmatchedAndWithoutIdsTheTextLineSaysLess() {
        Router router = Router.create();
        router.layer(Layers.accessLog()).get("/", () -> "hi");
        TestClient.of(router).request(HttpMethod.GET, "/nope\r\nforged").remoteAddress("127.0.0.1", 1).send();
        String line = lines.list.getFirst().getFormattedMessage();
        assertTrue(line.matches("127\\.0\\.0\\.1:1 \"GET /nope\\\\x0d\\\\x0aforged\" 404 \\d+\\.\\d{3}ms"), line);
    }
}
