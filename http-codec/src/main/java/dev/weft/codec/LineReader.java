package dev.weft.codec;

import dev.weft.codec.internal.Ascii;
import dev.weft.codec.internal.Bytes;
import dev.weft.codec.internal.HttpAccess;
import dev.weft.codec.internal.Swar;
import dev.weft.http.HttpHeaders;
import java.nio.ByteBuffer;

/**
 * Collects the lines of a head or trailer section (RFC 9112 §2.1) from input that may arrive in
 * pieces, copying each line into a header map's data as it goes, so that the map never aliases
 * the input. A line is bounded: it is refused as soon as it can no longer fit its limit.
 */
final class LineReader {
    /** Returned by {@link #read} when the input ran out before the LF. */
    static final int INCOMPLETE = -1;
    /** Returned by {@link #read} when the line cannot fit in {@code room} bytes. */
    static final int TOO_LONG = -2;
    /** The storage of the header map that lines are copied into. */
    private static final HttpAccess.Headers HEADERS = HttpAccess.headers();

    /** Bytes of the current, still incomplete line already copied. */
    private int partial;
    /** Whether the last line read was already checked to hold no control byte but HTAB. */
    private boolean clean;

    /** Bytes of the current line copied so far (0 between lines). */
    int partial() {
        return partial;
    }

    void reset() {
        partial = 0;
    }

    /**
     * True if the last complete line was found by the fast path, which also checked that it holds
     * no control byte other than HTAB before its CRLF.
     */
    boolean lastLineClean() {
        return clean;
    }

    /**
     * Reads the rest of the current line into {@code store} after its data.
     *
     * @param room bytes the whole line (including what is already copied) may take
     * @return the length of the completed line including its LF (it starts at
     *     the end of {@code store}'s data), {@link #INCOMPLETE} or {@link #TOO_LONG}
     */
    int read(ByteBuffer in, HttpHeaders store, int room) {
        if (partial == 0 && in.hasArray()) {
            int len = clean(in, store, room);
            if (len > 0) {
                clean = true;
                return len;
            }
        }
        clean = false;
        int left = room - partial;
        int pos = in.position();
        int lim = in.limit();
        int scanEnd = (int) Math.min(lim, (long) pos + Math.max(left, 0));
        int lf = Bytes.indexOf(in, pos, scanEnd, Ascii.LF);
        if (lf < 0 && (scanEnd < lim || scanEnd - pos >= left)) {
            // No LF within the limit: the line can only get longer than allowed.
            return TOO_LONG;
        }
        int end = lf >= 0 ? lf + 1 : scanEnd;
        int n = end - pos;
        byte[] d = HEADERS.ensureData(store, partial + n);
        in.get(pos, d, HEADERS.dataLength(store) + partial, n);
        in.position(end);
        partial += n;
        if (lf < 0) return INCOMPLETE;
        int len = partial;
        partial = 0;
        return len;
    }

    /**
     * The fast path for a line wholly inside a heap buffer: if {@code in} holds, within
     * {@code room} bytes, a complete line free of control bytes (other than HTAB) that ends in
     * CRLF, copies it and returns its length; otherwise consumes nothing and returns 0, and the
     * general path, which also finds the precise error, takes over. One SWAR scan thus both finds
     * the end of the line and validates every byte in it.
     */
    private static int clean(ByteBuffer in, HttpHeaders store, int room) {
        byte[] a = in.array();
        int base = in.arrayOffset();
        int p = base + in.position();
        int end = base + (int) Math.min(in.limit(), (long) in.position() + Math.max(room, 0));
        int c = Swar.firstFieldControl(a, p, end);
        if (c < 0 || a[c] != '\r' || c + 1 >= end || a[c + 1] != '\n') return 0;
        int len = c + 2 - p;
        byte[] d = HEADERS.ensureData(store, len);
        System.arraycopy(a, p, d, HEADERS.dataLength(store), len);
        in.position(c + 2 - base);
        return len;
    }

    /** True if the line of {@code len} bytes at {@code start} ends in CRLF (RFC 9112 §2.2). */
    static boolean endsWithCrlf(byte[] d, int start, int len) {
        return len >= 2 && d[start + len - 2] == '\r';
    }
}
