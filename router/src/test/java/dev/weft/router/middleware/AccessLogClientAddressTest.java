package dev.weft.router.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpMethod;
import dev.weft.router.Router;
import dev.weft.router.test.TestClient;
import dev.weft.server.TrustedProxies;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@link Layers#accessLog()} names the client behind a trusted proxy, not the proxy. */
class AccessLogClientAddressTest {
    private static final Logger ACCESS = (Logger) LoggerFactory.getLogger("dev.weft.router.access");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void capture() {
        lines.start();
        ACCESS.setLevel(Level.INFO);
        ACCESS.addAppender(lines);
    }

    @AfterEach
    void stop() {
        ACCESS.detachAppender(lines);
        ACCESS.setLevel(null);
    }

    @Test
    void theLineStartsWithTheResolvedClientAddress() {
        TestClient client = TestClient.of(Router.create().layer(Layers.accessLog()).get("/", () -> "ok"));
        client.request(HttpMethod.GET, "/").trustedProxies(TrustedProxies.of("10.0.0.0/8"))
                .remoteAddress("10.0.0.5", 4000).header("X-Forwarded-For", "203.0.113.9").send();
        // From an untrusted peer the header changes nothing: the peer is logged.
        client.request(HttpMethod.GET, "/").trustedProxies(TrustedProxies.of("10.0.0.0/8"))
                .remoteAddress("192.0.2.7", 4000).header("X-Forwarded-For", "203.0.113.9").send();
        assertEquals(2, lines.list.size());
        String first = lines.list.get(0).getFormattedMessage();
        String second = lines.list.get(1).getFormattedMessage();
        assertTrue(first.startsWith("203.0.113.9 \"GET /\" 200 "), first);
        assertTrue(second.startsWith("192.0.2.7:4000 \"GET /\" 200 "), second);
    }
}
