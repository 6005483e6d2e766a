package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.server.ServerConfig;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The example's settings: defaults, then the environment, then the command line. */
class MainConfigTest {
    private static final Map<String, String> ENV = Map.of("WEFT_PORT", "8000", "WEFT_HOST", "127.0.0.1",
            "WEFT_WORKERS", "3", "WEFT_SHUTDOWN_DELAY", "500ms", "WEFT_ACCESS_LOG", "true");

    @Test
    void theEnvironmentConfiguresWhatTheCommandLineLeavesOpen() {
        ServerConfig c = Main.config(Options.parse(), ENV, Map.of());
        assertEquals(8000, c.port());
        assertEquals("127.0.0.1", c.host());
        assertEquals(3, c.workers());
        assertEquals(Duration.ofMillis(500), c.shutdownDelay());
        assertTrue(c.accessLog());
    }

    @Test
    void optionsOnTheCommandLineWin() {
        ServerConfig c = Main.config(Options.parse("--port", "9000", "--host", "::1", "--workers", "1"), ENV,
                Map.of("weft.port", "8500"));
        assertEquals(9000, c.port());
        assertEquals("::1", c.host());
        assertEquals(1, c.workers());
        assertEquals(Duration.ofMillis(500), c.shutdownDelay());
    }

    @Test
    void withNeitherTheDefaultsHold() {
        ServerConfig c = Main.config(Options.parse(), Map.of(), Map.of());
        assertEquals(ServerConfig.defaults(), c);
        assertFalse(c.accessLog());
    }

    @Test
    void aBadVariableIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Main.config(Options.parse("--port", "9000"), Map.of("WEFT_WORKERS", "many"), Map.of()));
        assertEquals("environment variable WEFT_WORKERS='many': not a whole number", e.getMessage());
    }
}
