package dev.weft.examples;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;

import java.util.TimeZone;

/**
 * Writes {@value #PATTERN} — the same text logback's {@code PatternLayout} writes for that pattern
 * (a test holds the two side by side), without its cost at startup: compiling a pattern registers
 * about sixty converters and builds a {@code java.time} formatter for {@code %d}, some 50 ms and
 * 150 classes before the first log line. A logged throwable is appended as {@code PatternLayout}
 * appends it when the pattern names none.
 */
final class ConsoleLayout extends LayoutBase<ILoggingEvent> {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";

    private static final String LINE_SEPARATOR = System.lineSeparator();

    private final TargetLengthBasedClassNameAbbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(20);
    private final TimeZone zone = TimeZone.getDefault();
    /** Built at the first logged throwable, so a run without one never loads it. */
    private volatile ThrowableProxyConverter throwableConverter;

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        appendTime(line, event.getTimeStamp());
        line.append(' ');
        String level = event.getLevel().levelStr;
        line.append(level);
        for (int i = level.length(); i < 5; i++) {
            line.append(' ');
        }
        line.append(" [").append(event.getThreadName()).append("] ");
        line.append(abbreviator.abbreviate(event.getLoggerName()));
        line.append(" - ").append(event.getFormattedMessage()).append(LINE_SEPARATOR);
        if (event.getThrowableProxy() != null) {
            line.append(throwableConverter().convert(event));
        }
        return line.toString();
    }

    /** {@code HH:mm:ss.SSS} in the default time zone, as {@code %d{HH:mm:ss.SSS}}. */
    private void appendTime(StringBuilder out, long epochMillis) {
        long local = epochMillis + zone.getOffset(epochMillis);
        int millisOfDay = (int) Math.floorMod(local, 86_400_000L);
        int seconds = millisOfDay / 1000;
        twoDigits(out, seconds / 3600).append(':');
        twoDigits(out, seconds / 60 % 60).append(':');
        twoDigits(out, seconds % 60).append('.');
        int millis = millisOfDay % 1000;
        if (millis < 100) {
            out.append('0');
        }
        twoDigits(out, millis);
    }

    private static StringBuilder twoDigits(StringBuilder out, int n) {
        if (n < 10) {
            out.append('0');
        }
        return out.append(n);
    }

    private ThrowableProxyConverter throwableConverter() {
        ThrowableProxyConverter converter = throwableConverter;
        if (converter == null) {
            // As PatternLayout does: the extended form only when packaging data is on.
            converter = getContext() instanceof LoggerContext lc && lc.isPackagingDataEnabled()
                    ? new ExtendedThrowableProxyConverter() : new ThrowableProxyConverter();
            converter.setContext(getContext());
            converter.start();
            throwableConverter = converter;
        }
        return converter;
    }
}
