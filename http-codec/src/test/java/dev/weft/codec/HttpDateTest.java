package dev.weft.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link HttpDate} formats without java.time; java.time (proleptic years, {@code uuuu}) is the oracle here. */
class HttpDateTest {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static String expected(long epochMillis) {
        return IMF_FIXDATE.format(Instant.ofEpochMilli(epochMillis));
    }

    @Test
    @DisplayName("RFC 9110 §5.6.7: the specification's example")
    void rfcExample() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(784111777000L));
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(784111777999L));
    }

    @Test
    @DisplayName("calendar edges: epoch, leap days, century years, year ends, before 1970")
    void calendarEdges() {
        String[] instants = {
            "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "1900-03-01T00:00:00Z", "1900-02-28T23:59:59Z",
            "2000-02-29T12:00:00Z", "2000-03-01T00:00:00Z", "2000-12-31T23:59:59Z", "2001-01-01T00:00:00Z",
            "2024-02-29T23:59:59Z", "2100-02-28T23:59:59Z", "2100-03-01T00:00:00Z", "2400-02-29T00:00:00Z",
            "1600-02-29T00:00:00Z", "0001-01-01T00:00:00Z", "0999-12-31T23:59:59Z", "9999-12-31T23:59:59Z",
            "2038-01-19T03:14:08Z",
        };
        for (String s : instants) {
            long millis = Instant.parse(s).toEpochMilli();
            assertEquals(expected(millis), HttpDate.format(millis), s);
            assertEquals(expected(millis - 1), HttpDate.format(millis - 1), s + " - 1 ms");
        }
    }

    @Test
    @DisplayName("agrees with java.time on random instants from year 1 to 9999")
    void randomInstants() {
        long min = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();
        long max = Instant.parse("9999-12-31T23:59:59Z").toEpochMilli();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            long millis = random.nextLong(min, max);
            String formatted = HttpDate.format(millis);
            assertEquals(HttpDate.LENGTH, formatted.length());
            assertEquals(expected(millis), formatted);
        }
    }

    @Test
    @DisplayName("formatted once per second: the same second reuses the value, the next one changes it")
    void cachedPerSecond() {
        long[] now = {784111777000L};
        HttpDate date = new HttpDate(() -> now[0]);
        String first = date.now();
        now[0] += 999;
        assertSame(first, date.now());
        assertSame(date.bytes(), date.bytes());
        now[0] += 1;
        assertEquals("Sun, 06 Nov 1994 08:49:38 GMT", date.now());
        assertEquals("Sun, 06 Nov 1994 08:49:38 GMT", new String(date.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    @DisplayName("given the caller's nanoTime, the wall clock is read once a second, not once a response")
    void wallClockReadOncePerSecondWithTheCallersNanos() {
        long[] millis = {784111777250L};
        int[] reads = {0};
        HttpDate date = new HttpDate(() -> {
            reads[0]++;
            return millis[0];
        });
        long nanos = 5_000_000_000L; // any nanoTime origin
        String first = new String(date.bytes(nanos), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", first);
        assertEquals(1, reads[0]);
        // 749 ms later by the monotonic clock: still the same second, the wall clock is not read.
        byte[] same = date.bytes(nanos + 749_000_000L);
        assertSame(date.bytes(nanos + 1), same);
        assertEquals(1, reads[0]);
        // 750 ms later the second may have ended: the wall clock is read again.
        millis[0] += 750;
        assertEquals("Sun, 06 Nov 1994 08:49:38 GMT",
                new String(date.bytes(nanos + 750_000_000L), java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(2, reads[0]);
        // A reading from before the new snapshot's end stays on it, with no further read.
        date.bytes(nanos + 1_500_000_000L);
        assertEquals(2, reads[0]);
    }

    @Test
    @DisplayName("a wall clock stepped back shows once the monotonic second ends, and formats again")
    void steppedWallClock() {
        long[] millis = {784111777900L};
        HttpDate date = new HttpDate(() -> millis[0]);
        long nanos = -42L; // nanoTime values may be negative
        date.bytes(nanos);
        millis[0] -= 3_600_000L; // stepped back an hour
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT",
                new String(date.bytes(nanos + 99_000_000L), java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals("Sun, 06 Nov 1994 07:49:37 GMT",
                new String(date.bytes(nanos + 100_000_000L), java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    @DisplayName("the system date source reads the system clock")
    void systemClock() {
        long before = System.currentTimeMillis();
        String now = HttpDate.system().now();
        long after = System.currentTimeMillis();
        assertEquals(HttpDate.LENGTH, now.length());
        // The value is one of the seconds the call spanned.
        boolean match = false;
        for (long s = Math.floorDiv(before, 1000L); s <= Math.floorDiv(after, 1000L); s++) {
            match |= now.equals(expected(s * 1000L));
        }
        assertEquals(true, match, now);
    }
}
