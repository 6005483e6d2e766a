package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.codec.CodecLimits;
import dev.weft.server.internal.EnvironmentSettings;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Settings from environment variables and system properties, given as maps (never the real environment). */
@Tag("transport-independent")
class ServerConfigEnvironmentTest {

    private static ServerConfig fromEnv(Map<String, String> env) {
        return ServerConfig.builder().environment(env, Map.of()).build();
    }

    @Test
    void everySettingCanComeFromTheEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("WEFT_HOST", "127.0.0.1");
        env.put("WEFT_PORT", "9001");
        env.put("WEFT_BACKLOG", "77");
        env.put("WEFT_REUSE_PORT", "true");
        env.put("WEFT_WORKERS", "3");
        env.put("WEFT_TRANSPORT", "NIO");
        env.put("WEFT_MAX_CONNECTIONS", "500");
        env.put("WEFT_REJECT_EXCESS_CONNECTIONS", "true");
        env.put("WEFT_TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1 ,::1");
        env.put("WEFT_PROXY_PROTOCOL", "true");
        env.put("WEFT_HEADER_READ_TIMEOUT", "3s");
        env.put("WEFT_IDLE_TIMEOUT", "2m");
        env.put("WEFT_REQUEST_TIMEOUT", "1500ms");
        env.put("WEFT_BODY_BUFFER_LIMIT", "4MiB");
        env.put("WEFT_DRAIN_LIMIT", "16KiB");
        env.put("WEFT_SHUTDOWN_DELAY", "5s");
        env.put("WEFT_SHUTDOWN_TIMEOUT", "1h");
        env.put("WEFT_ACCESS_LOG", "TRUE");
        env.put("WEFT_MAX_REQUEST_LINE", "4096");
        env.put("WEFT_MAX_HEADER_BYTES", "32KiB");
        env.put("WEFT_MAX_HEADER_COUNT", "50");
        env.put("WEFT_MAX_CHUNK_EXTENSION", "0");
        env.put("WEFT_MAX_CONTENT_LENGTH", "1GiB");
        assertEquals(EnvironmentSettings.Setting.values().length, env.size(), "a setting this test does not cover");
        ServerConfig c = fromEnv(env);
        assertEquals("127.0.0.1", c.host());
        assertEquals(9001, c.port());
        assertEquals(77, c.backlog());
        assertTrue(c.reusePort());
        assertEquals(3, c.workers());
        assertEquals("nio", c.transport());
        assertEquals(500, c.maxConnections());
        assertTrue(c.rejectExcessConnections());
        assertEquals(TrustedProxies.of("10.0.0.0/8", "127.0.0.1", "::1"), c.trustedProxies());
        assertTrue(c.proxyProtocol());
        assertEquals(Duration.ofSeconds(3), c.headerReadTimeout());
        assertEquals(Duration.ofMinutes(2), c.idleTimeout());
        assertEquals(Duration.ofMillis(1500), c.requestTimeout());
        assertEquals(4L << 20, c.bodyBufferLimit());
        assertEquals(16 << 10, c.drainLimit());
        assertEquals(Duration.ofSeconds(5), c.shutdownDelay());
        assertEquals(Duration.ofHours(1), c.shutdownTimeout());
        assertTrue(c.accessLog());
        CodecLimits l = c.codecLimits();
        assertEquals(4096, l.maxRequestLineLength());
        assertEquals(32 << 10, l.maxHeaderBytes());
        assertEquals(50, l.maxHeaderCount());
        assertEquals(0, l.maxChunkExtensionLength());
        assertEquals(1L << 30, l.maxContentLength());
    }

    @Test
    void aWrongTrustedProxyIsRefusedNamingTheVariableAndTheEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fromEnv(Map.of("WEFT_TRUSTED_PROXIES", "10.0.0.0/8,10.0.0.300")));
        assertEquals("environment variable WEFT_TRUSTED_PROXIES='10.0.0.0/8,10.0.0.300': "
                + "'10.0.0.300' is not an IP address or CIDR block", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().environment(Map.of(), Map.of("weft.trusted-proxies", "10.0.0.0/33")).build());
        assertEquals("system property weft.trusted-proxies='10.0.0.0/33': "
                + "'10.0.0.0/33' has an invalid prefix length (0 to 32)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> fromEnv(Map.of("WEFT_TRUSTED_PROXIES", "proxy.internal")));
        assertEquals("environment variable WEFT_TRUSTED_PROXIES='proxy.internal': "
                + "'proxy.internal' is not an IP address or CIDR block", e.getMessage());
    }

    @Test
    void propertiesWinOverVariablesWhichWinOverEarlierCodeBlankIsUnset() {
        ServerConfig c = ServerConfig.builder().port(7000).workers(5).idleTimeout(Duration.ofSeconds(9))
                .environment(Map.of("WEFT_PORT", "7100", "WEFT_WORKERS", "6", "WEFT_IDLE_TIMEOUT", " "),
                        Map.of("weft.port", "7200"))
                .build();
        assertEquals(7200, c.port());
        assertEquals(6, c.workers());
        assertEquals(Duration.ofSeconds(9), c.idleTimeout());
        // Code after the environment wins, as the example's command line does.
        assertEquals(7300, ServerConfig.builder().environment(Map.of("WEFT_PORT", "7100"), Map.of()).port(7300).build().port());
        assertEquals(ServerConfig.defaults(), fromEnv(Map.of()));
    }

    @Test
    void badValuesAreRefusedNamingTheVariableAndTheValue() {
        assertRefused("environment variable WEFT_PORT='80a': not a whole number", Map.of("WEFT_PORT", "80a"), Map.of());
        assertRefused("environment variable WEFT_PORT='70000': port must be between 0 and 65535, was 70000",
                Map.of("WEFT_PORT", "70000"), Map.of());
        assertRefused("environment variable WEFT_SHUTDOWN_DELAY='2': not a duration; write a whole number and a unit: "
                + "500ms, 2s, 1m or 1h", Map.of("WEFT_SHUTDOWN_DELAY", "2"), Map.of());
        assertRefused("environment variable WEFT_IDLE_TIMEOUT='0s': idleTimeout must be positive, was PT0S",
                Map.of("WEFT_IDLE_TIMEOUT", "0s"), Map.of());
        assertRefused("environment variable WEFT_BODY_BUFFER_LIMIT='2MB': not a size; write bytes, or a whole number "
                + "and a unit: 65536, 64KiB, 2MiB, 1GiB", Map.of("WEFT_BODY_BUFFER_LIMIT", "2MB"), Map.of());
        assertRefused("environment variable WEFT_ACCESS_LOG='yes': not true or false", Map.of("WEFT_ACCESS_LOG", "yes"), Map.of());
        assertRefused("environment variable WEFT_MAX_HEADER_BYTES='4GiB': too large, at most 2147483647 bytes",
                Map.of("WEFT_MAX_HEADER_BYTES", "4GiB"), Map.of());
        assertRefused("environment variable WEFT_MAX_REQUEST_LINE='8': maxRequestLineLength must be >= 16: 8",
                Map.of("WEFT_MAX_REQUEST_LINE", "8"), Map.of());
        assertRefused("system property weft.workers='0': workers must be positive, was 0", Map.of(), Map.of("weft.workers", "0"));
        assertRefused("environment variable WEFT_TRANSPORT='uring': transport must be one of auto, io_uring, epoll, nio, "
                + "was 'uring'", Map.of("WEFT_TRANSPORT", "uring"), Map.of());
    }

    private static void assertRefused(String message, Map<String, String> env, Map<String, String> properties) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().environment(env, properties));
        assertEquals(message, e.getMessage());
    }
}
