package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.it.support.Wire;
import dev.weft.router.Router;
import dev.weft.router.files.ServeDir;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ServeDir} over real sockets, with curl and the JDK client: large files leave by the
 * zero-copy path (the server's file region), ranges, HEAD, 304, pipelining after a file body, and
 * paths that try to leave the root (curl's {@code --path-as-is} sends them unnormalised).
 */
@Timeout(120)
class StaticFilesTest {
    @TempDir
    static Path tmp;
    static Path root;
    static byte[] big;
    static Server server;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createDirectories(tmp.resolve("public"));
        big = new byte[24 * 1024 * 1024 + 17];
        new Random(5).nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        Files.writeString(root.resolve("small.txt"), "small");
        Files.writeString(tmp.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("link.txt"), tmp.resolve("secret.txt"));
        server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2).build(),
                Router.create().nest("/static", ServeDir.of(root).router()));
    }

    @AfterAll
    static void stop() {
        server.shutdown(Duration.ofSeconds(5));
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static byte[] curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "--max-time", "60"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), "curl exit status for " + cmd);
        return out;
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void curlDownloadsALargeFileIntact() throws Exception {
        byte[] got = curl(url("/static/big.bin"));
        assertEquals(big.length, got.length);
        assertEquals(sha(big), sha(got));
    }

    @Test
    void curlRangesAndHead() throws Exception {
        assertArrayEquals(Arrays.copyOfRange(big, 1000, 2000), curl("-r", "1000-1999", url("/static/big.bin")));
        String head = new String(curl("-I", url("/static/big.bin")), StandardCharsets.US_ASCII);
        assertTrue(head.startsWith("HTTP/1.1 200"), head);
        assertTrue(head.contains("Content-Length: " + big.length), head);
        String multi = new String(curl("-i", "-r", "0-0,2-3", url("/static/small.txt")), StandardCharsets.US_ASCII);
        assertTrue(multi.startsWith("HTTP/1.1 206"), multi);
        assertTrue(multi.contains("multipart/byteranges"), multi);
        String unsatisfiable = new String(curl("-i", "-r", "100-200", url("/static/small.txt")), StandardCharsets.US_ASCII);
        assertTrue(unsatisfiable.startsWith("HTTP/1.1 416"), unsatisfiable);
        assertTrue(unsatisfiable.contains("Content-Range: bytes */5"), unsatisfiable);
    }

    @Test
    void curlCannotLeaveTheRoot() throws Exception {
        for (String path : List.of("/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/..%2fsecret.txt",
                "/static/..%5csecret.txt", "/static/link.txt", "/static//etc/passwd")) {
            String code = new String(curl("--path-as-is", "-o", "/dev/null", "-w", "%{http_code}", url(path)),
                    StandardCharsets.US_ASCII);
            assertEquals("404", code, path);
        }
    }

    @Test
    void jdkClientRevalidatesAndReusesTheConnection() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url("/static/big.bin"))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertEquals(sha(big), sha(r.body()));
            String etag = r.headers().firstValue("ETag").orElseThrow();
            HttpResponse<byte[]> again = client.send(HttpRequest.newBuilder(URI.create(url("/static/big.bin")))
                    .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(304, again.statusCode());
            assertEquals(0, again.body().length);
        }
    }

    @Test
    void pipelinedRequestsAfterAFileBodyAreAnsweredInOrder() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(30_000);
            Wire.send(s, "GET /static/big.bin HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /static/small.txt HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /static/big.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=0-9\r\n\r\n");
            InputStream in = s.getInputStream();
            assertEquals(sha(big), sha(body(in, Wire.readHead(in))));
            assertEquals("small", new String(body(in, Wire.readHead(in)), StandardCharsets.US_ASCII));
            String head = Wire.readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 206"), head);
            assertArrayEquals(Arrays.copyOf(big, 10), body(in, head));
        }
    }

    private static byte[] body(InputStream in, String head) throws Exception {
        int i = head.indexOf("Content-Length: ");
        int end = head.indexOf('\r', i);
        int n = Integer.parseInt(head.substring(i + 16, end).trim());
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        byte[] buf = new byte[65536];
        while (out.size() < n) {
            int r = in.read(buf, 0, Math.min(buf.length, n - out.size()));
            if (r < 0) {
                break;
            }
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }
}
