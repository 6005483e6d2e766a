package dev.weft.codec;

import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpStatus;
import dev.weft.http.HttpVersion;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Test-only: a response as a model, encoded with {@link ResponseEncoder}. */
record ResponseModel(HttpVersion requestVersion, HttpStatus status, List<String[]> headers, byte[] body,
        boolean knownLength, boolean keepAlive, boolean headRequest, List<Integer> chunkSizes) {

    private static final Set<String> REPLACED = Set.of("content-length", "transfer-encoding", "connection");

    long contentLength() {
        return knownLength ? body.length : -1;
    }

    BodyFraming framing() {
        return ResponseEncoder.framing(requestVersion, status, contentLength(), headRequest);
    }

    HttpHeaders userHeaders() {
        HttpHeaders h = new HttpHeaders();
        for (String[] f : headers) h.add(f[0], f[1]);
        return h;
    }

    /** Encodes head and body, growing {@code out} as needed; returns the buffer written to. */
    ByteBuffer encode(ResponseEncoder enc, ByteBuffer out) {
        HttpHeaders h = userHeaders();
        while (!enc.encodeHead(requestVersion, status, h, contentLength(), keepAlive, headRequest, out)) out = grow(out);
        switch (framing()) {
            case NONE -> { }
            case CONTENT_LENGTH, CLOSE_DELIMITED -> {
                out = ensure(out, body.length);
                out.put(body);
            }
            case CHUNKED -> {
                int off = 0;
                for (int size : chunkSizes) {
                    while (!ResponseEncoder.encodeChunkHeader(size, out)) out = grow(out);
                    out = ensure(out, size);
                    out.put(body, off, size);
                    off += size;
                    while (!ResponseEncoder.encodeChunkEnd(out)) out = grow(out);
                }
                HttpHeaders trailers = HttpHeaders.of("X-Checksum", Integer.toString(Arrays.hashCode(body)));
                while (!ResponseEncoder.encodeLastChunk(trailers, out)) out = grow(out);
            }
        }
        return out;
    }

    String mismatch(ResponseParser.Parsed p) {
        if (p.code() != status.code()) return "code";
        if (!p.reason().equals(status.reasonPhrase())) return "reason";
        List<String[]> expectedUser = new ArrayList<>();
        boolean userDate = false;
        for (String[] f : headers) {
            String n = f[0].toLowerCase(Locale.ROOT);
            if (REPLACED.contains(n)) continue;
            if (n.equals("date")) userDate = true;
            expectedUser.add(f);
        }
        List<String[]> parsedUser = new ArrayList<>();
        String cl = null;
        String te = null;
        String connection = null;
        int dates = 0;
        for (String[] f : p.headers()) {
            String n = f[0].toLowerCase(Locale.ROOT);
            switch (n) {
                case "content-length" -> cl = f[1];
                case "transfer-encoding" -> te = f[1];
                case "connection" -> connection = f[1];
                default -> {
                    if (n.equals("date")) dates++;
                    if (!n.equals("date") || userDate) parsedUser.add(f);
                }
            }
        }
        if (!userDate && dates != 1) return "Date count " + dates;
        if (parsedUser.size() != expectedUser.size()) return "user header count";
        for (int i = 0; i < expectedUser.size(); i++) {
            if (!Arrays.equals(parsedUser.get(i), expectedUser.get(i))) return "user header " + i;
        }
        int code = status.code();
        boolean mayHaveLength = code != 204 && knownLength;
        if (mayHaveLength != (cl != null)) return "Content-Length presence " + cl;
        if (cl != null && Long.parseLong(cl) != body.length) return "Content-Length value";
        boolean chunked = framing() == BodyFraming.CHUNKED;
        if (chunked != "chunked".equals(te)) return "Transfer-Encoding " + te;
        boolean alive = ResponseEncoder.keepsAlive(requestVersion, status, contentLength(), keepAlive, headRequest);
        String expectedConnection = !alive ? "close" : requestVersion == HttpVersion.HTTP_1_0 ? "keep-alive" : null;
        if (expectedConnection == null ? connection != null : !expectedConnection.equals(connection)) return "Connection " + connection;
        byte[] expectedBody = framing() == BodyFraming.NONE ? new byte[0] : body;
        if (!Arrays.equals(expectedBody, p.body())) return "body";
        if (p.leftover() != 0) return "leftover bytes " + p.leftover();
        return null;
    }

    private static ByteBuffer grow(ByteBuffer out) {
        ByteBuffer bigger = ByteBuffer.allocate(out.capacity() * 2);
        out.flip();
        return bigger.put(out);
    }

    private static ByteBuffer ensure(ByteBuffer out, int n) {
        while (out.remaining() < n) out = grow(out);
        return out;
    }

    @Override
    public String toString() {
        return "ResponseModel[" + requestVersion + " " + status + " headers=" + headers.stream().map(Arrays::toString).toList()
                + " body=" + body.length + " known=" + knownLength + " keepAlive=" + keepAlive + " head=" + headRequest + "]";
    }
}
