package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

class ExampleLoggingProviderTest {

    @Test
    void configuresLogbackWithConsoleLoggingWithoutAutoConfiguration() {
        withProperty(ConsoleLogging.CONFIGURATION_FILE_PROPERTY, null, () -> {
            ExampleLoggingProvider provider = new ExampleLoggingProvider();
            provider.initialize();
            LoggerContext context = assertInstanceOf(LoggerContext.class, provider.getLoggerFactory());
            assertEquals("default", context.getName());
            assertTrue(context.isStarted());
            assertSame(provider.getMDCAdapter(), context.getMDCAdapter());
            ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            assertEquals(Level.INFO, root.getLevel());
            assertInstanceOf(ConsoleAppender.class, root.getAppender("STDOUT"));
            assertTrue(root.getAppender("STDOUT").isStarted());
            assertEquals(Level.INFO, context.getLogger(ConsoleLogging.ACCESS_LOGGER).getLevel());
            context.stop();
        });
    }

    @Test
    void aConfigurationFileGivenOnTheCommandLineIsReadByLogback(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("custom.xml");
        Files.writeString(file, """
                <configuration>
                  <appender name="LIST" class="ch.qos.logback.core.read.ListAppender"/>
                  <root level="WARN"><appender-ref ref="LIST"/></root>
                </configuration>
                """, StandardCharsets.UTF_8);
        withProperty(ConsoleLogging.CONFIGURATION_FILE_PROPERTY, file.toString(), () -> {
            ExampleLoggingProvider provider = new ExampleLoggingProvider();
            provider.initialize();
            LoggerContext context = (LoggerContext) provider.getLoggerFactory();
            ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            assertEquals(Level.WARN, root.getLevel());
            assertNotNull(root.getAppender("LIST"));
            assertNull(root.getAppender("STDOUT"));
            context.stop();
        });
    }

    @Test
    void selectNamesThisProviderAndQuietsSlf4jsReportOfIt() {
        withProperty(ExampleLoggingProvider.PROVIDER_PROPERTY, null, () ->
                withProperty(ExampleLoggingProvider.VERBOSITY_PROPERTY, null, () -> {
                    ExampleLoggingProvider.select();
                    assertEquals(ExampleLoggingProvider.class.getName(),
                            System.getProperty(ExampleLoggingProvider.PROVIDER_PROPERTY));
                    assertEquals("WARN", System.getProperty(ExampleLoggingProvider.VERBOSITY_PROPERTY));
                }));
    }

    @Test
    void selectLeavesAProviderOrVerbosityChosenOnTheCommandLineAlone() {
        withProperty(ExampleLoggingProvider.PROVIDER_PROPERTY, "org.example.Other", () ->
                withProperty(ExampleLoggingProvider.VERBOSITY_PROPERTY, null, () -> {
                    ExampleLoggingProvider.select();
                    assertEquals("org.example.Other", System.getProperty(ExampleLoggingProvider.PROVIDER_PROPERTY));
                    assertNull(System.getProperty(ExampleLoggingProvider.VERBOSITY_PROPERTY));
                }));
        withProperty(ExampleLoggingProvider.PROVIDER_PROPERTY, null, () ->
                withProperty(ExampleLoggingProvider.VERBOSITY_PROPERTY, "DEBUG", () -> {
                    ExampleLoggingProvider.select();
                    assertEquals("DEBUG", System.getProperty(ExampleLoggingProvider.VERBOSITY_PROPERTY));
                }));
    }

    /** Runs {@code body} with {@code key} set to {@code value} (null: cleared), then restores it. */
    private static void withProperty(String key, String value, ThrowingRunnable body) {
        String before = System.getProperty(key);
        try {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
            body.run();
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
