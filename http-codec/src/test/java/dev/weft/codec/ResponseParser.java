package dev.weft.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Test-only: a small, strict, whole-buffer HTTP/1.1 response parser (RFC 9112 §4, §6.3 for
 * responses), to check what {@link ResponseEncoder} writes.
 */
final class ResponseParser {
    private ResponseParser() {}

    record Parsed(String version, int code, String reason, List<String[]> headers, byte[] body, int leftover) {
        @Override
        public String toString() {
            return version + " " + code + " " + reason + " " + headers.stream().map(java.util.Arrays::toString).toList()
                    + " body=" + body.length + " leftover=" + leftover;
        }
    }

    static Parsed parse(ByteBuffer in, boolean headRequest) {
        String statusLine = line(in);
        String version = statusLine.substring(0, 8);
        if (statusLine.charAt(8) != ' ' || statusLine.charAt(12) != ' ') throw new AssertionError("status line: " + statusLine);
        int code = Integer.parseInt(statusLine.substring(9, 12));
        String reason = statusLine.substring(13);
        List<String[]> headers = fields(in);
        String te = null;
        String cl = null;
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase("Transfer-Encoding")) te = h[1];
            if (h[0].equalsIgnoreCase("Content-Length")) cl = h[1];
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headRequest || code < 200 || code == 204 || code == 304) {
            // RFC 9112 §6.3 item 1: no body whatever the headers say.
        } else if (te != null) {
            if (!te.toLowerCase(Locale.ROOT).equals("chunked")) throw new AssertionError("TE " + te);
            for (;;) {
                String sizeLine = line(in);
                int semi = sizeLine.indexOf(';');
                int size = Integer.parseInt(semi < 0 ? sizeLine : sizeLine.substring(0, semi), 16);
                if (size == 0) break;
                byte[] b = new byte[size];
                in.get(b);
                body.writeBytes(b);
                if (!line(in).isEmpty()) throw new AssertionError("chunk data not followed by CRLF");
            }
            fields(in); // trailers
        } else if (cl != null) {
            byte[] b = new byte[Integer.parseInt(cl)];
            in.get(b);
            body.writeBytes(b);
        } else {
            byte[] b = new byte[in.remaining()]; // close-delimited
            in.get(b);
            body.writeBytes(b);
        }
        return new Parsed(version, code, reason, headers, body.toByteArray(), in.remaining());
    }

    private static List<String[]> fields(ByteBuffer in) {
        List<String[]> headers = new ArrayList<>();
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            if (colon <= 0 || l.charAt(colon + 1) != ' ') throw new AssertionError("field line: " + l);
            headers.add(new String[] {l.substring(0, colon), l.substring(colon + 2)});
        }
        return headers;
    }

    /** Reads one CRLF-terminated line; a bare CR or LF is an error. */
    private static String line(ByteBuffer in) {
        StringBuilder sb = new StringBuilder();
        for (;;) {
            byte b = in.get();
            if (b == '\r') {
                if (in.get() != '\n') throw new AssertionError("bare CR");
                return sb.toString();
            }
            if (b == '\n') throw new AssertionError("bare LF");
            sb.append((char) (b & 0xFF));
        }
    }
}
