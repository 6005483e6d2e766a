package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Configuration values are checked when built, and the message names what was wrong. */
@Tag("transport-independent")
class ServerConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        ServerConfig c = ServerConfig.defaults();
        assertEquals("0.0.0.0", c.host());
        assertEquals(8080, c.port());
        assertEquals(1024, c.backlog());
        assertFalse(c.reusePort());
        assertEquals(10_000, c.maxConnections());
        assertEquals(Duration.ofSeconds(10), c.headerReadTimeout());
        assertEquals(Duration.ofSeconds(60), c.idleTimeout());
        assertEquals(Duration.ofSeconds(30), c.requestTimeout());
        assertEquals(2L * 1024 * 1024, c.bodyBufferLimit());
        assertEquals(64 * 1024, c.drainLimit());
        assertEquals(Duration.ofSeconds(2), c.shutdownDelay());
        assertEquals(Duration.ofSeconds(10), c.shutdownTimeout());
        assertEquals(false, c.accessLog());
    }

    @Test
    void badValuesAreRefusedWithAMessageNamingTheSetting() {
        refused("port must be between 0 and 65535, was 70000", b -> b.port(70000));
        refused("port must be between 0 and 65535, was -1", b -> b.port(-1));
        refused("host must not be blank", b -> b.host(" "));
        refused("backlog must be positive, was 0", b -> b.backlog(0));
        refused("workers must be positive, was 0", b -> b.workers(0));
        refused("maxConnections must be positive, was -5", b -> b.maxConnections(-5));
        refused("idleTimeout must be positive, was PT0S", b -> b.idleTimeout(Duration.ZERO));
        refused("headerReadTimeout must be positive, was PT-1S", b -> b.headerReadTimeout(Duration.ofSeconds(-1)));
        refused("bodyBufferLimit must be >= 0, was -1", b -> b.bodyBufferLimit(-1));
        refused("drainLimit must be >= 0, was -1", b -> b.drainLimit(-1));
    }

    @Test
    void toBuilderKeepsEverySetting() {
        ServerConfig c = ServerConfig.builder().port(9000).idleTimeout(Duration.ofSeconds(5)).accessLog(true).build();
        assertEquals(c, c.toBuilder().build());
    }

    private static void refused(String message, UnaryOperator<ServerConfig.Builder> change) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> change.apply(ServerConfig.builder()).build());
        assertEquals(message, e.getMessage());
    }
}
