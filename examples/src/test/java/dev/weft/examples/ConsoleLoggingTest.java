package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.InfoStatus;
import ch.qos.logback.core.status.WarnStatus;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class ConsoleLoggingTest {

    @Test
    void logbackFindsItAsAService() {
        assertTrue(ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream()
                .anyMatch(p -> p.type() == ConsoleLogging.class));
    }

    @Test
    void rootLogsAtInfoToTheConsoleAndTheAccessLoggerIsOnAtInfo() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging configurator = new ConsoleLogging();
        configurator.setContext(context);
        assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configurator.configure(context));
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.INFO, root.getLevel());
        assertInstanceOf(ConsoleAppender.class, root.getAppender("STDOUT"));
        assertTrue(root.getAppender("STDOUT").isStarted());
        assertEquals(Level.INFO, context.getLogger(ConsoleLogging.ACCESS_LOGGER).getLevel());
    }

    @Test
    void aConfigurationFileGivenOnTheCommandLineWins() {
        String key = "logback.configurationFile";
        String before = System.getProperty(key);
        System.setProperty(key, "custom.xml");
        try {
            LoggerContext context = new LoggerContext();
            ConsoleLogging configurator = new ConsoleLogging();
            configurator.setContext(context);
            assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configurator.configure(context));
            assertEquals(null, context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT"));
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }

    @Test
    void logbackWarningsArePrintedAndItsInformationIsNot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleLogging.ProblemsToStderr problems =
                new ConsoleLogging.ProblemsToStderr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        problems.addStatusEvent(new InfoStatus("all is well", this));
        problems.addStatusEvent(new WarnStatus("appender failed", this, new IllegalStateException("disk full")));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(printed.contains("all is well"), printed);
        assertTrue(printed.contains("appender failed"), printed);
        assertTrue(printed.contains("IllegalStateException: disk full"), printed);
    }

    @Test
    void configuringRegistersTheListenerSoLogbackNeedNotPrintItsStatusItself() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging configurator = new ConsoleLogging();
        configurator.setContext(context);
        configurator.configure(context);
        assertTrue(context.getStatusManager().getCopyOfStatusListenerList().stream()
                .anyMatch(l -> l instanceof ConsoleLogging.ProblemsToStderr));
    }
}
