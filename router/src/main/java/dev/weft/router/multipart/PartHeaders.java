package dev.weft.router.multipart;

import dev.weft.http.HttpHeaders;

import java.nio.charset.StandardCharsets;

/** A part's header block: {@code Name: value} lines, UTF-8 (RFC 7578 §5.1), no folding. */
final class PartHeaders {
    private PartHeaders() {
    }

    /** Parses {@code buf[from, to)}, a block of lines each ending in CRLF. */
    static HttpHeaders parse(byte[] buf, int from, int to) {
        HttpHeaders headers = new HttpHeaders();
        String block = new String(buf, from, to - from, StandardCharsets.UTF_8);
        int i = 0;
        while (i < block.length()) {
            int eol = block.indexOf("\r\n", i);
            if (eol < 0) {
                throw MultipartParser.malformed("a part header line does not end with CRLF");
            }
            String line = block.substring(i, eol);
            i = eol + 2;
            if (line.isEmpty() || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw MultipartParser.malformed("a part header line is empty or folded");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw MultipartParser.malformed("a part header line has no name: '" + abbreviate(line) + "'");
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            try {
                headers.add(name, value);
            } catch (IllegalArgumentException e) {
                throw MultipartParser.malformed("invalid part header '" + abbreviate(name) + "'");
            }
        }
        return headers;
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
