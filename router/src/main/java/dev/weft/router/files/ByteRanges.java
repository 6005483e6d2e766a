package dev.weft.router.files;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Range} header (RFC 9110 §14.1.2) of a request for a representation of known length:
 * the ranges to send, resolved to offsets and sorted as asked.
 */
final class ByteRanges {
    /** More ranges than this in one request is treated as abuse and the header ignored (RFC 9110 §14.2 allows it). */
    static final int MAX_RANGES = 16;

    /** One satisfiable range: {@code length} bytes from {@code first}. */
    record Range(long first, long length) {
        long last() {
            return first + length - 1;
        }
    }

    /** What the header asks for. */
    sealed interface Outcome {
    }

    /** No usable Range header (absent, another unit, bad syntax or too many ranges): send it all. */
    record Ignore() implements Outcome {
    }

    /** Every range lies beyond the end: 416 with {@code Content-Range: bytes *}{@code /length}. */
    record Unsatisfiable() implements Outcome {
    }

    /** The satisfiable ranges, in the order asked. */
    record Satisfiable(List<Range> ranges) implements Outcome {
    }

    private static final Ignore IGNORE = new Ignore();

    private ByteRanges() {
    }

    /** Parses {@code header} against a representation of {@code size} bytes. */
    static Outcome parse(String header, long size) {
        if (header == null) {
            return IGNORE;
        }
        String h = header.trim();
        if (h.length() < 6 || !h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return IGNORE;
        }
        String[] specs = h.substring(6).split(",", -1);
        if (specs.length > MAX_RANGES) {
            return IGNORE;
        }
        List<Range> ranges = new ArrayList<>(specs.length);
        for (String raw : specs) {
            String spec = raw.trim();
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return IGNORE;
            }
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            long first;
            long last;
            if (a.isEmpty()) {
                // suffix-byte-range-spec: the last N bytes.
                long n = number(b);
                if (n < 0) {
                    return IGNORE;
                }
                if (n == 0) {
                    continue; // unsatisfiable
                }
                first = Math.max(0, size - n);
                last = size - 1;
            } else {
                first = number(a);
                last = b.isEmpty() ? size - 1 : number(b);
                if (first < 0 || last < 0 && !b.isEmpty() || !b.isEmpty() && last < first) {
                    return IGNORE;
                }
                if (first >= size) {
                    continue; // unsatisfiable
                }
                last = Math.min(last, size - 1);
            }
            if (size > 0 && first <= last) {
                ranges.add(new Range(first, last - first + 1));
            }
        }
        return ranges.isEmpty() ? new Unsatisfiable() : new Satisfiable(List.copyOf(ranges));
    }

    /** A non-negative decimal, or -1 when {@code s} is not one (or overflows). */
    private static long number(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
