package dev.weft.codec;

import dev.weft.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test-only: a request as a model, and its encoding on the wire (the codec itself only decodes
 * requests). Framing headers are written from the model, as a client would.
 */
record RequestModel(String method, String target, HttpVersion version, List<String[]> headers, byte[] body,
        Framing framing, List<Integer> chunkSizes, List<String[]> trailers) {

    enum Framing { NONE, CONTENT_LENGTH, CHUNKED }

    /** The header fields as they go on the wire: Host first, user fields, then framing. */
    List<String[]> wireHeaders() {
        List<String[]> all = new ArrayList<>();
        if (version == HttpVersion.HTTP_1_1) all.add(new String[] {"Host", "example.com"});
        all.addAll(headers);
        switch (framing) {
            case CONTENT_LENGTH -> all.add(new String[] {"Content-Length", Integer.toString(body.length)});
            case CHUNKED -> all.add(new String[] {"Transfer-Encoding", "chunked"});
            case NONE -> { }
        }
        return all;
    }

    void writeTo(ByteArrayOutputStream out) {
        write(out, method + " " + target + " " + version.text() + "\r\n");
        for (String[] h : wireHeaders()) write(out, h[0] + ": " + h[1] + "\r\n");
        write(out, "\r\n");
        switch (framing) {
            case NONE -> { }
            case CONTENT_LENGTH -> out.writeBytes(body);
            case CHUNKED -> {
                int off = 0;
                for (int size : chunkSizes) {
                    write(out, Integer.toHexString(size) + (size % 3 == 0 ? ";ext=" + size : "") + "\r\n");
                    out.write(body, off, size);
                    off += size;
                    write(out, "\r\n");
                }
                write(out, "0\r\n");
                for (String[] t : trailers) write(out, t[0] + ": " + t[1] + "\r\n");
                write(out, "\r\n");
            }
        }
    }

    static byte[] encode(List<RequestModel> requests) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RequestModel r : requests) r.writeTo(out);
        return out.toByteArray();
    }

    /** Does the decoded message say exactly what the model says? */
    String mismatch(Wire.Message m) {
        RequestHead h = m.head();
        if (!h.method().name().equals(method)) return "method " + h.method();
        if (!h.target().equals(target)) return "target " + h.target();
        if (h.version() != version) return "version " + h.version();
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        if (!h.path().equals(path)) return "path " + h.path();
        List<String[]> expected = wireHeaders();
        if (h.headers().size() != expected.size()) return "header count " + h.headers().size();
        for (int i = 0; i < expected.size(); i++) {
            if (!h.headers().name(i).equals(expected.get(i)[0]) || !h.headers().value(i).equals(expected.get(i)[1])) {
                return "header " + i + " " + h.headers().name(i) + ": " + h.headers().value(i);
            }
        }
        if (!Arrays.equals(m.body(), body)) return "body";
        if (h.chunked() != (framing == Framing.CHUNKED)) return "chunked";
        long cl = framing == Framing.CONTENT_LENGTH ? body.length : -1;
        if (h.contentLength() != cl) return "contentLength " + h.contentLength();
        List<String[]> t = framing == Framing.CHUNKED ? trailers : List.of();
        if (m.trailers().size() != t.size()) return "trailer count";
        for (int i = 0; i < t.size(); i++) {
            if (!m.trailers().name(i).equals(t.get(i)[0]) || !m.trailers().value(i).equals(t.get(i)[1])) return "trailer " + i;
        }
        return null;
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public String toString() {
        return new String(encode(List.of(this)), StandardCharsets.ISO_8859_1).replace("\r\n", "\\r\\n");
    }
}
