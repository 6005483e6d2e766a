package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.it.support.ExampleProcess;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The echo example's {@code POST /upload} and {@code GET /files/{*path}} with curl and the JDK
 * client, the server's heap capped at 64 MiB: a gibibyte multipart upload streams through it
 * (each part hashed as it arrives, never held), and the answer's SHA-256 must match what was sent.
 */
@Timeout(600)
class UploadExampleTest {
    @TempDir
    Path tmp;

    private static String curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "--max-time", "120"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "curl exit status for " + cmd);
        return out;
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void curlFormUploadAndFiles() throws Exception {
        Path files = Files.createDirectories(tmp.resolve("files"));
        byte[] doc = new byte[3 * 1024 * 1024 + 5];
        new Random(2).nextBytes(doc);
        Path docFile = Files.write(files.resolve("doc.bin"), doc);
        try (ExampleProcess server = ExampleProcess.start(List.of("-Xmx64m"), "--files", files.toString())) {
            String base = "http://127.0.0.1:" + server.port();
            String json = curl("-F", "title=hello", "-F", "doc=@" + docFile + ";type=application/octet-stream",
                    base + "/upload");
            assertEquals("[{\"name\":\"title\",\"filename\":null,\"size\":5,\"sha256\":\"" + sha("hello".getBytes(StandardCharsets.UTF_8))
                    + "\"},{\"name\":\"doc\",\"filename\":\"doc.bin\",\"size\":" + doc.length + ",\"sha256\":\"" + sha(doc)
                    + "\"}]", json);
            Path got = tmp.resolve("got.bin");
            curl("-o", got.toString(), base + "/files/doc.bin");
            assertEquals(sha(doc), sha(Files.readAllBytes(got)));
            assertEquals("404", curl("--path-as-is", "-o", "/dev/null", "-w", "%{http_code}", base + "/files/../pom.xml"));
            String problem = curl("-H", "Content-Type: text/plain", "--data", "x", base + "/upload");
            assertTrue(problem.contains("\"status\":415"), problem);
        }
    }

    @Test
    void aGibibyteUploadFromTheJdkClientStreamsThroughA64MibHeap() throws Exception {
        long size = 1L << 30;
        String boundary = "weft-it-" + Long.toHexString(new Random().nextLong());
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"big\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        try (ExampleProcess server = ExampleProcess.start(List.of("-Xmx64m"));
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/upload"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() ->
                            new SequenceInputStream(java.util.Collections.enumeration(List.of(
                                    new java.io.ByteArrayInputStream(head), new Generated(size, sent),
                                    new java.io.ByteArrayInputStream(tail))))), head.length + size + tail.length))
                    .build();
            long start = System.nanoTime();
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(200, r.statusCode(), r.body());
            String expected = "[{\"name\":\"big\",\"filename\":\"big.bin\",\"size\":" + size + ",\"sha256\":\""
                    + HexFormat.of().formatHex(sent.digest()) + "\"}]";
            assertEquals(expected, r.body());
            System.out.printf("1 GiB multipart upload through a -Xmx64m server: %.1f s (%.0f MiB/s)%n", seconds, 1024 / seconds);
            assertTrue(server.isAlive());
        }
    }

    @Test
    void aGzippedFileIsServedPrecompressed() throws Exception {
        Path files = Files.createDirectories(tmp.resolve("pre"));
        Files.writeString(files.resolve("app.js"), "console.log('plain')");
        try (GZIPOutputStream z = new GZIPOutputStream(Files.newOutputStream(files.resolve("app.js.gz")))) {
            z.write("console.log('gzipped')".getBytes(StandardCharsets.UTF_8));
        }
        try (ExampleProcess server = ExampleProcess.start(List.of(), "--files", files.toString())) {
            String base = "http://127.0.0.1:" + server.port();
            assertEquals("console.log('gzipped')", curl("--compressed", base + "/files/app.js"));
            assertEquals("console.log('plain')", curl(base + "/files/app.js"));
            String head = curl("-i", "-H", "Accept-Encoding: gzip", "-o", "/dev/null", "-D", "-", base + "/files/app.js");
            assertTrue(head.contains("Content-Encoding: gzip"), head);
            assertTrue(head.contains("Vary: Accept-Encoding"), head);
        }
    }

    /** {@code size} pseudo-random bytes, made as they are read and added to {@code digest}. */
    private static final class Generated extends InputStream {
        private final long size;
        private final MessageDigest digest;
        private final Random random = new Random(42);
        private final byte[] block = new byte[64 * 1024];
        private int blockPos = block.length;
        private long produced;

        Generated(long size, MessageDigest digest) {
            this.size = size;
            this.digest = digest;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (produced == size) {
                return -1;
            }
            if (blockPos == block.length) {
                random.nextBytes(block);
                blockPos = 0;
            }
            int n = (int) Math.min(Math.min(len, block.length - blockPos), size - produced);
            System.arraycopy(block, blockPos, b, off, n);
            digest.update(block, blockPos, n);
            blockPos += n;
            produced += n;
            return n;
        }
    }
}
