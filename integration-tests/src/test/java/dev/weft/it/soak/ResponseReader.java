package dev.weft.it.soak;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import dev.weft.it.support.Wire;

/** Reads HTTP/1.1 responses off a (buffered) stream: interim responses, Content-Length, chunked. */
final class ResponseReader {
    /** A response head: status and lower-cased field text. */
    record Head(int status, String text) {
        boolean chunked() {
            return text.contains("\r\ntransfer-encoding: chunked\r\n");
        }

        long contentLength() {
            int i = text.indexOf("\r\ncontent-length: ");
            return i < 0 ? -1 : Long.parseLong(text.substring(i + 18, text.indexOf('\r', i + 2)).trim());
        }

        boolean closes() {
            return text.contains("\r\nconnection: close\r\n");
        }
    }

    private final InputStream in;

    ResponseReader(InputStream in) {
        this.in = in;
    }

    /** The next head, interim or final; null on EOF before its first byte. */
    Head head() throws IOException {
        String text = Wire.readHead(in);
        return text == null ? null : new Head(Integer.parseInt(text.substring(9, 12)), text.toLowerCase(Locale.ROOT));
    }

    /** The body that follows {@code head}, whole; a short one is returned as far as it got. */
    byte[] body(Head head) throws IOException {
        if (head.chunked()) {
            return chunked();
        }
        long length = head.contentLength();
        if (length < 0) {
            return in.readAllBytes();
        }
        return in.readNBytes((int) length);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (;;) {
            String line = line();
            if (line == null) {
                return body.toByteArray();
            }
            int size = Integer.parseInt(line.split(";")[0].trim(), 16);
            if (size == 0) {
                for (String t = line(); t != null && !t.isEmpty(); t = line()) {
                    // trailer fields
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            body.writeBytes(chunk);
            if (chunk.length < size || line() == null) {
                return body.toByteArray();
            }
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (;;) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) b);
        }
    }
}
