package dev.weft.codec;

import static dev.weft.codec.HttpCodecException.Kind.BAD_HEADER_NAME;
import static dev.weft.codec.HttpCodecException.Kind.BAD_HEADER_VALUE;
import static dev.weft.codec.HttpCodecException.Kind.BAD_LINE_ENDING;
import static dev.weft.codec.HttpCodecException.Kind.OBS_FOLD;

import dev.weft.codec.internal.Ascii;
import dev.weft.codec.internal.HttpAccess;
import dev.weft.codec.internal.Swar;
import dev.weft.http.HttpHeaders;

/**
 * Parses one field line (RFC 9112 §5): {@code field-name ":" OWS field-value OWS}, stored without
 * its CRLF in a header map's data, and records it in that map.
 */
final class FieldLineParser {
    private FieldLineParser() {}

    /** The storage of the header map that fields are recorded in. */
    private static final HttpAccess.Headers HEADERS = HttpAccess.headers();
    /** Recognition of the names the codec interprets. */
    private static final HttpAccess.Names NAMES = HttpAccess.names();

    /**
     * Parses {@code h.data[start, end)} and adds the field to {@code h}.
     *
     * @param clean true if the caller already checked that the line has no control byte but HTAB
     *
     *
     * @return the index of the new field
     */
    static int parse(HttpHeaders h, int start, int end, boolean firstLine, boolean clean) {
        return parse(h, HEADERS.data(h), start, end, 0, firstLine, clean);
    }

    /**
     * Parses the field line {@code d[start, end)} and adds it to {@code h}, recording offsets
     * less {@code shift}: the line will sit at {@code start - shift} in {@code h}'s data.
     */
    static int parse(HttpHeaders h, byte[] d, int start, int end, int shift, boolean firstLine, boolean clean) {
        byte first = d[start];
        if (first == ' ' || first == '\t') {
            // RFC 9112 §5.2: obs-fold is rejected with 400 (we never unfold); RFC 9112 §2.2: a
            // whitespace-preceded line right after the start-line is rejected too.
            throw HttpCodecException.of(OBS_FOLD, firstLine
                    ? "whitespace before the first header field"
                    : "obsolete line folding (obs-fold) in header section");
        }
        int i = start;
        while (i < end && Ascii.isTchar(d[i])) i++;
        if (i == end) throw HttpCodecException.of(BAD_HEADER_NAME, "header line without ':'");
        byte b = d[i];
        if (b != ':') {
            if (i > start && (b == ' ' || b == '\t')) {
                // RFC 9112 §5.1: no whitespace is allowed between the field name and colon; a
                // server MUST reject such a message with 400.
                throw HttpCodecException.of(BAD_HEADER_NAME, "whitespace between header name and ':'");
            }
            if (b == '\r') throw HttpCodecException.of(BAD_LINE_ENDING, "bare CR in header name");
            throw HttpCodecException.of(BAD_HEADER_NAME, String.format("invalid byte 0x%02x in header name", b & 0xFF));
        }
        if (i == start) throw HttpCodecException.of(BAD_HEADER_NAME, "empty header name");
        int nameLen = i - start;

        // field-value excludes leading and trailing OWS (RFC 9110 §5.5, RFC 9112 §5.1).
        int v = i + 1;
        while (v < end && Ascii.isOws(d[v])) v++;
        int ve = end;
        while (ve > v && Ascii.isOws(d[ve - 1])) ve--;
        int bad = clean ? -1 : Swar.firstFieldControl(d, v, ve);
        if (bad >= 0) {
            int c = d[bad] & 0xFF;
            // RFC 9112 §2.2: a bare CR outside the line terminator is invalid; RFC 9110 §5.5: NUL
            // and other CTLs in a value are rejected rather than replaced with SP.
            if (c == '\r') throw HttpCodecException.of(BAD_LINE_ENDING, "bare CR in header value");
            throw HttpCodecException.of(BAD_HEADER_VALUE,
                    c == 0 ? "NUL byte in header value" : String.format("control byte 0x%02x in header value", c));
        }
        int id = NAMES.idOf(d, start, nameLen);
        return HEADERS.addField(h, start - shift, nameLen, v - shift, ve - v, id);
    }
}
