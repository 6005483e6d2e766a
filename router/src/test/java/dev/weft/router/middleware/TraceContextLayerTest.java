package dev.weft.router.middleware;

import static dev.weft.router.Handler.blocking;
import static dev.weft.router.extract.Extractors.extension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpMethod;
import dev.weft.router.Router;
import dev.weft.router.test.TestClient;
import dev.weft.router.test.TestResponse;
import dev.weft.runtime.time.Time;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** {@link Layers#traceContext()}: the caller's trace kept or a new one, for handlers, logs and the response. */
class TraceContextLayerTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";
    private static final String VALID = "00-" + TRACE + "-" + PARENT + "-01";
    private static final org.slf4j.Logger HANDLER_LOG = LoggerFactory.getLogger("test.trace.handler");

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void captureHandlerLogs() {
        lines.start();
        ((Logger) HANDLER_LOG).setLevel(Level.INFO);
        ((Logger) HANDLER_LOG).addAppender(lines);
    }

    @AfterEach
    void stopCapturing() {
        ((Logger) HANDLER_LOG).detachAppender(lines);
        ((Logger) HANDLER_LOG).setLevel(null);
    }

    private static TestClient client() {
        return TestClient.of(Router.create()
                .layer(Layers.traceContext())
                .get("/trace", extension(TraceContext.class), t -> {
                    HANDLER_LOG.info("non-blocking");
                    return t.traceId() + " " + t.spanId() + " " + t.parentId() + " " + t.flags() + " " + t.traceState()
                            + " mdc=" + MDC.get("trace_id") + "/" + MDC.get("span_id");
                })
                .get("/async", () -> Time.sleep(Duration.ofMillis(1)).map(v -> {
                    HANDLER_LOG.info("after an async hop");
                    return "mdc=" + MDC.get("trace_id");
                }))
                .get("/blocking", blocking(() -> {
                    HANDLER_LOG.info("on a virtual thread");
                    return "mdc=" + MDC.get("trace_id") + " virtual=" + Thread.currentThread().isVirtual();
                })));
    }

    @Test
    void keepsTheCallersTraceAndStartsItsOwnSpan() {
        TestResponse r = client().request(HttpMethod.GET, "/trace").header("traceparent", VALID)
                .header("tracestate", "rojo=00f067aa0ba902b7 , congo=t61rcWkgMzE").send();
        String[] parts = r.text().split(" ");
        assertEquals(TRACE, parts[0]);
        String span = parts[1];
        assertTrue(span.matches("[0-9a-f]{16}") && !span.equals(PARENT), span);
        assertEquals(PARENT, parts[2]);
        assertEquals("1", parts[3]);
        assertEquals("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE", parts[4]);
        assertEquals("mdc=" + TRACE + "/" + span, parts[5]);
        assertEquals("00-" + TRACE + "-" + span + "-01", r.header("traceresponse"));
    }

    @Test
    void startsANewTraceWhenTheHeaderIsAbsentMalformedOrRepeated() {
        TestClient client = client();
        List<TestResponse> responses = List.of(
                client.get("/trace"),
                client.request(HttpMethod.GET, "/trace").header("traceparent", VALID.toUpperCase())
                        .header("tracestate", "rojo=1").send(),
                client.request(HttpMethod.GET, "/trace").header("traceparent", VALID).header("traceparent", VALID).send());
        for (TestResponse r : responses) {
            String[] parts = r.text().split(" ");
            assertTrue(parts[0].matches("[0-9a-f]{32}") && !parts[0].equals(TRACE), r.text());
            assertEquals("null", parts[2], "no parent: " + r.text());
            assertEquals("0", parts[3]);
            assertEquals("null", parts[4], "a tracestate without a valid traceparent is dropped");
            assertEquals("00-" + parts[0] + "-" + parts[1] + "-00", r.header("traceresponse"));
        }
        assertNotEquals(responses.get(0).text().split(" ")[0], responses.get(1).text().split(" ")[0]);
    }

    @Test
    void logLinesWrittenForTheRequestCarryItsIdsOnEveryThread() {
        TestClient client = client();
        assertEquals("mdc=" + TRACE, client.request(HttpMethod.GET, "/async").header("traceparent", VALID).send().text());
        assertEquals("mdc=" + TRACE + " virtual=true",
                client.request(HttpMethod.GET, "/blocking").header("traceparent", VALID).send().text());
        client.request(HttpMethod.GET, "/trace").header("traceparent", VALID).send();
        assertEquals(3, lines.list.size());
        for (ILoggingEvent line : lines.list) {
            assertEquals(TRACE, line.getMDCPropertyMap().get("trace_id"), line.getFormattedMessage());
        }
        assertNull(MDC.get("trace_id"), "the ids do not outlive the request on the caller's thread");
    }
}
