package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The hand-written layout writes exactly what logback's PatternLayout writes for the same pattern. */
class ConsoleLayoutTest {
    private final LoggerContext context = new LoggerContext();
    private final PatternLayout reference = new PatternLayout();
    private final ConsoleLayout layout = new ConsoleLayout();

    ConsoleLayoutTest() {
        reference.setContext(context);
        reference.setPattern(ConsoleLayout.PATTERN);
        reference.start();
        layout.setContext(context);
        layout.start();
    }

    @Test
    void sameTextAsPatternLayoutForEveryLevelAndLoggerName() {
        List<String> names = List.of("dev.weft.examples.Main", "dev.weft.access", "Main", "ROOT",
                "dev.weft.runtime.internal.MultiThreadScheduler", "a.b.c.d.e.f.g.h.i.j.k.l.VeryLongClassNameIndeed");
        for (String name : names) {
            for (Level level : List.of(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR)) {
                LoggingEvent event = event(name, level, "hello {} and {}", null, "x", 42);
                assertEquals(reference.doLayout(event), layout.doLayout(event));
            }
        }
    }

    @Test
    void sameTimeOfDayAtEveryMillisecondWidth() {
        long base = 1_764_150_000_000L; // a whole second
        for (long t : new long[] {base, base + 7, base + 42, base + 999, base + 3_599_001, 0L, 86_399_999L}) {
            LoggingEvent event = event("dev.weft.examples.Main", Level.INFO, "tick", null);
            event.setTimeStamp(t);
            assertEquals(reference.doLayout(event), layout.doLayout(event), "at " + t);
        }
    }

    @Test
    void aThrowableIsAppendedAsPatternLayoutAppendsIt() {
        Exception cause = new IllegalStateException("inner");
        LoggingEvent event = event("dev.weft.server.Server", Level.WARN, "failed: {}",
                new RuntimeException("outer", cause), "x");
        assertEquals(reference.doLayout(event), layout.doLayout(event));
    }

    private LoggingEvent event(String loggerName, Level level, String message, Throwable thrown, Object... args) {
        Logger logger = context.getLogger(loggerName);
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, level, message, thrown, args);
        event.setThreadName("weft-worker-0");
        return event;
    }
}
