package dev.weft.server.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Reactive Streams TCK tests are TestNG tests. Without the TestNG engine on the JUnit
 * Platform they would not run at all, and the build would still pass: this test fails instead.
 * (The test report then lists every TCK rule as passed, or skipped for the optional and
 * "untested" rules the TCK itself cannot check.)
 */
@Tag("transport-independent")
class TckEngineTest {

    @Test
    void theTestNgEngineIsRegisteredWithTheJUnitPlatform() throws Exception {
        assertDoesNotThrow(() -> Class.forName("org.junit.support.testng.engine.TestNGTestEngine"),
                "org.junit.support:testng-engine is missing: the TCK would be silently skipped");
        boolean registered = false;
        for (URL url : Collections.list(ClassLoader.getSystemClassLoader()
                .getResources("META-INF/services/org.junit.platform.engine.TestEngine"))) {
            try (InputStream in = url.openStream()) {
                registered |= new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("TestNGTestEngine");
            }
        }
        assertTrue(registered, "the TestNG engine is not registered as a JUnit Platform engine");
    }
}
