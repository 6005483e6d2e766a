package dev.weft.it.soak;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * One request as a raw client writes it: framed by Content-Length or chunked (random chunk sizes),
 * optionally with {@code Expect: 100-continue}, whose body the client either holds back until it
 * hears {@code 100 Continue} or sends at once (RFC 9110 §10.1.1 allows both).
 */
final class RawExchange {
    enum Framing { CONTENT_LENGTH, CHUNKED }

    final long id;
    final String path;
    final byte[] body;
    final Framing framing;
    final boolean expectContinue;
    /** With {@link #expectContinue}: the body waits for the interim response. */
    final boolean waitForContinue;
    private final long chunkSeed;

    RawExchange(long id, String path, byte[] body, Framing framing, boolean expectContinue, boolean waitForContinue,
                long chunkSeed) {
        this.id = id;
        this.path = path;
        this.body = body;
        this.framing = framing;
        this.expectContinue = expectContinue;
        this.waitForContinue = waitForContinue;
        this.chunkSeed = chunkSeed;
    }

    static RawExchange random(long id, SplittableRandom random) {
        String path = random.nextBoolean() ? "/echo" : "/echo/buffered";
        int size = SoakBodies.size(random);
        byte[] body = SoakBodies.body(random.nextLong(), size);
        Framing framing = random.nextInt(3) == 0 ? Framing.CHUNKED : Framing.CONTENT_LENGTH;
        boolean expect = random.nextInt(4) == 0 && size > 0;
        boolean wait = expect && random.nextBoolean();
        return new RawExchange(id, path, body, framing, expect, wait, random.nextLong());
    }

    byte[] head() {
        StringBuilder h = new StringBuilder(160);
        h.append("POST ").append(path).append(" HTTP/1.1\r\nHost: soak\r\nContent-Type: application/x-soak-")
                .append(id).append("\r\n");
        if (framing == Framing.CHUNKED) {
            h.append("Transfer-Encoding: chunked\r\n");
        } else {
            h.append("Content-Length: ").append(body.length).append("\r\n");
        }
        if (expectContinue) {
            h.append("Expect: 100-continue\r\n");
        }
        h.append("\r\n");
        return h.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The body as framed on the wire. */
    byte[] framedBody() {
        if (framing == Framing.CONTENT_LENGTH) {
            return body;
        }
        SplittableRandom random = new SplittableRandom(chunkSeed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        int at = 0;
        while (at < body.length) {
            // Mostly small chunks, sometimes one byte, sometimes large: every chunk-size parse
            // state meets a read boundary sooner or later.
            int n = switch (random.nextInt(4)) {
                case 0 -> 1;
                case 1 -> 1 + random.nextInt(100);
                case 2 -> 1 + random.nextInt(20_000);
                default -> 1 + random.nextInt(200_000);
            };
            n = Math.min(n, body.length - at);
            String size = Integer.toHexString(n);
            if (random.nextInt(8) == 0) {
                size = size.toUpperCase(java.util.Locale.ROOT) + ";ext=" + random.nextInt(100);
            }
            out.writeBytes((size + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            at += n;
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Writes the framed body in pieces of random size, as a client's writes arrive. */
    static void writeInPieces(OutputStream out, byte[] bytes, SplittableRandom random) throws IOException {
        int at = 0;
        while (at < bytes.length) {
            int n = Math.min(bytes.length - at, 1 + random.nextInt(random.nextBoolean() ? 512 : 96 * 1024));
            out.write(bytes, at, n);
            at += n;
        }
    }

    @Override
    public String toString() {
        return "#" + id + " POST " + path + " " + body.length + " bytes " + framing
                + (expectContinue ? (waitForContinue ? " expect(wait)" : " expect(no wait)") : "");
    }
}
