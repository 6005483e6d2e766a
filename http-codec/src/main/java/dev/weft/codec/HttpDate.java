package dev.weft.codec;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The current time as an HTTP {@code Date} value, in IMF-fixdate format (RFC 9110 §5.6.7), e.g.
 * {@code Sun, 06 Nov 1994 08:49:37 GMT}. The value is formatted at most once per second; reading
 * it is thread-safe and allocates nothing while the second has not changed.
 *
 * <pre>{@code
 * String now = HttpDate.system().now();
 * HttpDate fixed = new HttpDate(() -> 784111777000L); // a test clock
 * }</pre>
 */
public final class HttpDate {
    private static final HttpDate SYSTEM = new HttpDate(System::currentTimeMillis);
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    /** Length of an IMF-fixdate. */
    static final int LENGTH = 29;

    /** One formatted second; immutable, so publishing it through a volatile field is safe. */
    private record Snapshot(long second, String text, byte[] bytes) {}

    private final LongSupplier clock;
    private volatile Snapshot current = new Snapshot(Long.MIN_VALUE, "", new byte[0]);

    /** A date source reading {@code clock}, which returns epoch milliseconds. */
    public HttpDate(LongSupplier clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The shared date source on the system clock. */
    public static HttpDate system() {
        return SYSTEM;
    }

    /** The current date value. */
    public String now() {
        return snapshot().text;
    }

    /** The current date value as ISO-8859-1 bytes; never modify the array. */
    byte[] bytes() {
        return snapshot().bytes;
    }

    private Snapshot snapshot() {
        long second = Math.floorDiv(clock.getAsLong(), 1000L);
        Snapshot s = current;
        if (s.second != second) {
            // Racing threads may format the same second twice; both results are equal, so
            // whichever store wins is fine and no lock is needed.
            String text = format(second * 1000L);
            s = new Snapshot(second, text, text.getBytes(StandardCharsets.ISO_8859_1));
            current = s;
        }
        return s;
    }

    /** Formats {@code epochMillis} (UTC) as an IMF-fixdate. */
    public static String format(long epochMillis) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000L), 0, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(LENGTH);
        sb.append(DAYS[t.getDayOfWeek().ordinal()]).append(", ");
        two(sb, t.getDayOfMonth()).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
        int year = t.getYear();
        if (year < 1000) sb.append(year < 10 ? "000" : year < 100 ? "00" : "0");
        sb.append(year).append(' ');
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        two(sb, t.getSecond()).append(" GMT");
        return sb.toString();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
