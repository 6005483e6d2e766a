package dev.weft.codec;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The current time as an HTTP {@code Date} value, in IMF-fixdate format (RFC 9110 §5.6.7), e.g.
 * {@code Sun, 06 Nov 1994 08:49:37 GMT}. The value is formatted at most once per second; reading
 * it is thread-safe and allocates nothing while the second has not changed.
 *
 * <p>The calendar arithmetic is done here rather than with {@code java.time}, which would load
 * about sixty classes when the first response is written, for one string a second.
 *
 * <pre>{@code
 * String now = HttpDate.system().now();
 * HttpDate fixed = new HttpDate(() -> 784111777000L); // a test clock
 * }</pre>
 */
public final class HttpDate {
    /** The system clock, read directly (no clock object) so that it costs no lambda class at startup. */
    private static final HttpDate SYSTEM = new HttpDate();
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    /** Length of an IMF-fixdate. */
    static final int LENGTH = 29;
    private static final long SECONDS_PER_DAY = 86_400L;
    /** Days from 0000-03-01 (proleptic Gregorian) to 1970-01-01. */
    private static final long DAYS_0000_03_01_TO_EPOCH = 719_468L;
    private static final long DAYS_PER_400_YEARS = 146_097L;

    /**
     * One formatted second; immutable, so publishing it through a volatile field is safe. When
     * {@code timed}, it is known current for {@link System#nanoTime()} readings before
     * {@code untilNanos} (see {@link #bytes(long)}).
     */
    private record Snapshot(long second, String text, byte[] bytes, boolean timed, long untilNanos) {
        Snapshot(long second, String text, byte[] bytes) {
            this(second, text, bytes, false, 0);
        }
    }

    /** Epoch milliseconds; null for the system clock. */
    private final LongSupplier clock;
    private volatile Snapshot current = new Snapshot(Long.MIN_VALUE, "", new byte[0]);

    /** A date source reading {@code clock}, which returns epoch milliseconds. */
    public HttpDate(LongSupplier clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private HttpDate() {
        this.clock = null;
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

    /**
     * The current date value as bytes, for a caller that has just read {@link System#nanoTime()}
     * (a connection does once per poll): the clock is read only when {@code nowNanos} has passed
     * the end of the second last read, once a second instead of once a response. A wall clock
     * stepped meanwhile shows from the next second on.
     */
    byte[] bytes(long nowNanos) {
        Snapshot s = current;
        if (s.timed && nowNanos - s.untilNanos < 0) {
            return s.bytes;
        }
        long millis = clock == null ? System.currentTimeMillis() : clock.getAsLong();
        long second = Math.floorDiv(millis, 1000L);
        long untilNanos = nowNanos + (1000L - Math.floorMod(millis, 1000L)) * 1_000_000L;
        String text = s.second == second ? s.text : format(second * 1000L);
        byte[] bytes = s.second == second ? s.bytes : text.getBytes(StandardCharsets.ISO_8859_1);
        Snapshot n = new Snapshot(second, text, bytes, true, untilNanos);
        current = n; // racing threads store equal or equally good values; no lock needed
        return n.bytes;
    }

    private Snapshot snapshot() {
        long millis = clock == null ? System.currentTimeMillis() : clock.getAsLong();
        long second = Math.floorDiv(millis, 1000L);
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

    /** Formats {@code epochMillis} (UTC, proleptic Gregorian calendar) as an IMF-fixdate. */
    public static String format(long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000L);
        long epochDay = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);

        // Civil date from a day count (H. Hinnant, "chrono-compatible low-level date algorithms"):
        // years counted from March, so that the leap day is the last day of the year.
        long z = epochDay + DAYS_0000_03_01_TO_EPOCH;
        long era = Math.floorDiv(z, DAYS_PER_400_YEARS);
        long dayOfEra = z - era * DAYS_PER_400_YEARS;                                              // [0, 146096]
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365; // [0, 399]
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);           // [0, 365]
        int marchMonth = (int) ((5 * dayOfYear + 2) / 153);                                        // [0, 11], 0 = March
        int day = (int) (dayOfYear - (153L * marchMonth + 2) / 5 + 1);
        int month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;                             // [1, 12]
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        // 1970-01-01 was a Thursday (index 3 from Monday).
        int dayOfWeek = (int) Math.floorMod(epochDay + 3, 7L);

        StringBuilder sb = new StringBuilder(LENGTH);
        sb.append(DAYS[dayOfWeek]).append(", ");
        two(sb, day).append(' ').append(MONTHS[month - 1]).append(' ');
        if (year < 1000) sb.append(year < 10 ? "000" : year < 100 ? "00" : "0");
        sb.append(year).append(' ');
        two(sb, secondOfDay / 3600).append(':');
        two(sb, secondOfDay / 60 % 60).append(':');
        two(sb, secondOfDay % 60).append(" GMT");
        return sb.toString();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
