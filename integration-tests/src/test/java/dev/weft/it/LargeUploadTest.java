package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.it.support.ExampleProcess;
import dev.weft.it.support.Wire;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A gibibyte through the echo example's {@code POST /echo}, which streams the request body back as
 * the response body, with the server's heap capped at 64 MiB: the bytes must come back intact
 * (same SHA-256) and the server must live on. The body-size limit, which guards handlers that
 * buffer, does not apply to a stream.
 */
@Timeout(300)
class LargeUploadTest {
    static final long SIZE = 1L << 30;
    private static final int BLOCK = 1 << 20;

    @Test
    void aGibibyteStreamsThroughEchoWithA64MibHeap() throws Exception {
        try (ExampleProcess server = ExampleProcess.start(List.of("-Xmx64m", "-Xlog:gc:stderr"))) {
            byte[] block = new byte[BLOCK];
            new Random(11).nextBytes(block);
            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            long start = System.nanoTime();
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(60_000);
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    try {
                        OutputStream out = s.getOutputStream();
                        out.write(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                                + "Content-Length: " + SIZE + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        for (long i = 0; i < SIZE / BLOCK; i++) {
                            // Every block differs, so a reordered or repeated block changes the digest.
                            block[0] = (byte) i;
                            block[1] = (byte) (i >>> 8);
                            sent.update(block);
                            out.write(block);
                        }
                        out.flush();
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }, r -> Thread.ofPlatform().name("upload-writer").start(r));
                InputStream in = s.getInputStream();
                String head = Wire.readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 200 "), head);
                assertTrue(head.contains("Content-Length: " + SIZE), head);
                byte[] buf = new byte[256 * 1024];
                long got = 0;
                while (got < SIZE) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, SIZE - got));
                    if (n < 0) {
                        break;
                    }
                    received.update(buf, 0, n);
                    got += n;
                }
                writer.join();
                assertEquals(SIZE, got, "bytes echoed");
            }
            String sentHex = HexFormat.of().formatHex(sent.digest());
            String receivedHex = HexFormat.of().formatHex(received.digest());
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("1 GiB echo through a -Xmx64m server: %.1f s (%.0f MiB/s each way), SHA-256 sent %s received %s%n",
                    seconds, 1024 / seconds, sentHex, receivedHex);
            assertEquals(sentHex, receivedHex);
            // Still alive and answering after the gibibyte.
            assertTrue(server.isAlive(), "the server died: " + server.output());
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                Wire.send(s, "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("Hello, World!", Wire.readResponse(s.getInputStream()).text());
            }
            // GC log lines end like "Pause Young (Normal) (G1 Evacuation Pause) 20M->5M(64M) 1.2ms".
            java.util.regex.Pattern occupancy = java.util.regex.Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
            long pauses = 0;
            long maxBefore = 0;
            long maxAfter = 0;
            for (String line : server.output()) {
                java.util.regex.Matcher m = occupancy.matcher(line);
                if (line.contains("Pause") && m.find()) {
                    pauses++;
                    maxBefore = Math.max(maxBefore, Long.parseLong(m.group(1)));
                    maxAfter = Math.max(maxAfter, Long.parseLong(m.group(2)));
                }
            }
            System.out.printf("server heap during the upload: %d GC pauses, at most %d MiB in use before a GC, %d MiB live after one (limit 64 MiB)%n",
                    pauses, maxBefore, maxAfter);
            assertTrue(server.output().stream().noneMatch(l -> l.contains("OutOfMemoryError")), "out of memory: " + server.output());
        }
    }
}
