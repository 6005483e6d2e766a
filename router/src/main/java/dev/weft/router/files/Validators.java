package dev.weft.router.files;

import dev.weft.http.HttpHeaders;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A file's validators ({@code ETag} and {@code Last-Modified}) and the conditional request headers
 * evaluated against them in the order of RFC 9110 §13.2.2.
 *
 * @param etag         the strong entity tag, quoted
 * @param lastModified the modification time, truncated to seconds as HTTP dates are
 */
record Validators(String etag, Instant lastModified) {
    /** IMF-fixdate (RFC 9110 §5.6.7): two-digit day, unlike {@link DateTimeFormatter#RFC_1123_DATE_TIME}. */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US).withZone(ZoneOffset.UTC);

    /** The outcome of the preconditions. */
    enum Outcome {
        /** Send the representation (or the ranges asked). */
        PROCEED,
        /** {@code 304 Not Modified}. */
        NOT_MODIFIED,
        /** {@code 412 Precondition Failed}. */
        FAILED
    }

    /** Validators for a file of {@code size} bytes modified at {@code modified}; {@code variant} tells encodings apart. */
    static Validators of(long size, Instant modified, String variant) {
        long nanos = modified.getEpochSecond() * 1_000_000_000L + modified.getNano();
        String tag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(nanos) + variant + "\"";
        return new Validators(tag, Instant.ofEpochSecond(modified.getEpochSecond()));
    }

    /** {@link #lastModified()} as an HTTP date. */
    String httpDate() {
        return IMF_FIXDATE.format(lastModified);
    }

    /** Evaluates If-Match, If-Unmodified-Since, If-None-Match and If-Modified-Since, in that order. */
    Outcome evaluate(HttpHeaders h) {
        String ifMatch = h.get("If-Match");
        if (ifMatch != null) {
            if (!matches(ifMatch, false)) {
                return Outcome.FAILED;
            }
        } else {
            Instant ius = date(h.get("If-Unmodified-Since"));
            if (ius != null && lastModified.isAfter(ius)) {
                return Outcome.FAILED;
            }
        }
        String ifNoneMatch = h.get("If-None-Match");
        if (ifNoneMatch != null) {
            // Weak comparison (RFC 9110 §13.1.2): W/ prefixes do not matter here.
            return matches(ifNoneMatch, true) ? Outcome.NOT_MODIFIED : Outcome.PROCEED;
        }
        Instant ims = date(h.get("If-Modified-Since"));
        if (ims != null && !lastModified.isAfter(ims)) {
            return Outcome.NOT_MODIFIED;
        }
        return Outcome.PROCEED;
    }

    /**
     * True when a {@code Range} may be honoured under {@code If-Range} (RFC 9110 §13.1.5): absent,
     * the same strong entity tag, or exactly the Last-Modified date.
     */
    boolean rangeStillValid(String ifRange) {
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.trim();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            return v.equals(etag); // a weak tag never matches: strong comparison
        }
        Instant d = date(v);
        return d != null && d.equals(lastModified);
    }

    /** True when the list in an If-Match / If-None-Match header has {@code *} or this tag. */
    private boolean matches(String list, boolean weak) {
        for (String raw : list.split(",")) {
            String t = raw.trim();
            if (t.equals("*")) {
                return true;
            }
            if (weak && t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** An HTTP date, or null when absent or not one (an invalid date is ignored, RFC 9110 §13.1.3). */
    private static Instant date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim()));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
