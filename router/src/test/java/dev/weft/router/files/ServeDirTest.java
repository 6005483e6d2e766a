package dev.weft.router.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpMethod;
import dev.weft.router.Router;
import dev.weft.router.test.TestClient;
import dev.weft.router.test.TestResponse;
import dev.weft.server.Request;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeDirTest {
    @TempDir
    Path tmp;
    Path root;
    TestClient client;
    byte[] big;

    @BeforeEach
    void files() throws Exception {
        root = Files.createDirectories(tmp.resolve("public"));
        Files.writeString(root.resolve("hello.txt"), "hello, files");
        Files.writeString(root.resolve("style.css"), "body{}");
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/index.html"), "<h1>docs</h1>");
        Files.createDirectories(root.resolve("empty"));
        big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Files.write(root.resolve("big.bin"), big);
        Files.writeString(tmp.resolve("secret.txt"), "top secret");
        Files.createSymbolicLink(root.resolve("escape.txt"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("outside"), tmp);
        Files.createSymbolicLink(root.resolve("inside.txt"), root.resolve("hello.txt"));
        client = TestClient.of(Router.create().nest("/static", ServeDir.of(root).router()));
    }

    private TestResponse get(String target, String... headers) {
        var b = Request.builder(HttpMethod.GET, target);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build());
    }

    @Test
    void servesAFileWithItsTypeAndValidators() {
        TestResponse r = get("/static/hello.txt");
        assertEquals(200, r.status());
        assertEquals("hello, files", r.text());
        assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
        assertNotNull(r.header("ETag"));
        assertTrue(r.header("Last-Modified").matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"),
                r.header("Last-Modified"));
        assertEquals("bytes", r.header("Accept-Ranges"));
        assertEquals("text/css; charset=utf-8", get("/static/style.css").header("Content-Type"));
        assertEquals("application/octet-stream", get("/static/big.bin").header("Content-Type"));
        assertArrayEquals(big, get("/static/big.bin").bytes());
    }

    @Test
    void lastModifiedIsAnImfFixdate() throws Exception {
        // A single-digit day is written with two digits (RFC 9110 §5.6.7), unlike RFC_1123_DATE_TIME.
        Files.setLastModifiedTime(root.resolve("hello.txt"), FileTime.from(Instant.parse("2026-01-05T10:00:00.123Z")));
        assertEquals("Mon, 05 Jan 2026 10:00:00 GMT", get("/static/hello.txt").header("Last-Modified"));
        assertEquals(304, get("/static/hello.txt", "If-Modified-Since", "Mon, 05 Jan 2026 10:00:00 GMT").status());
    }

    @Test
    void headHasTheHeadersOfGet() {
        TestResponse r = client.send(Request.builder(HttpMethod.HEAD, "/static/hello.txt").build());
        assertEquals(200, r.status());
        assertEquals(get("/static/hello.txt").header("ETag"), r.header("ETag"));
    }

    @Test
    void ifNoneMatchAndIfModifiedSinceAnswer304() {
        TestResponse first = get("/static/hello.txt");
        TestResponse r = get("/static/hello.txt", "If-None-Match", first.header("ETag"));
        assertEquals(304, r.status());
        assertEquals(0, r.bytes().length);
        assertEquals(first.header("ETag"), r.header("ETag"));
        assertEquals(304, get("/static/hello.txt", "If-None-Match", "\"other\", W/" + first.header("ETag")).status());
        assertEquals(200, get("/static/hello.txt", "If-None-Match", "\"other\"").status());
        assertEquals(304, get("/static/hello.txt", "If-Modified-Since", first.header("Last-Modified")).status());
        assertEquals(200, get("/static/hello.txt", "If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT").status());
        // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
        assertEquals(200, get("/static/hello.txt", "If-None-Match", "\"other\"",
                "If-Modified-Since", first.header("Last-Modified")).status());
        assertEquals(200, get("/static/hello.txt", "If-Modified-Since", "not a date").status());
    }

    @Test
    void ifMatchAndIfUnmodifiedSinceAnswer412() throws Exception {
        assertEquals(412, get("/static/hello.txt", "If-Match", "\"nope\"").status());
        assertEquals(200, get("/static/hello.txt", "If-Match", "*").status());
        Files.setLastModifiedTime(root.resolve("hello.txt"), FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        assertEquals(200, get("/static/hello.txt", "If-Unmodified-Since", "Thu, 01 Jan 2026 00:00:00 GMT").status(),
                "a file modified at that instant is not modified since");
        assertEquals(412, get("/static/hello.txt", "If-Unmodified-Since", "Wed, 31 Dec 2025 00:00:00 GMT").status());
    }

    @Test
    void aSingleRangeIs206WithContentRange() {
        TestResponse r = get("/static/big.bin", "Range", "bytes=100-199");
        assertEquals(206, r.status());
        assertEquals("bytes 100-199/300000", r.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(big, 100, 200), r.bytes());
        TestResponse suffix = get("/static/big.bin", "Range", "bytes=-10");
        assertEquals("bytes 299990-299999/300000", suffix.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(big, 299_990, 300_000), suffix.bytes());
        TestResponse open = get("/static/big.bin", "Range", "bytes=299000-");
        assertEquals(1000, open.bytes().length);
        TestResponse clipped = get("/static/big.bin", "Range", "bytes=299999-400000");
        assertEquals("bytes 299999-299999/300000", clipped.header("Content-Range"));
    }

    @Test
    void severalRangesAreMultipartByteranges() {
        TestResponse r = get("/static/big.bin", "Range", "bytes=0-9, 200000-200099");
        assertEquals(206, r.status());
        String ct = r.header("Content-Type");
        assertTrue(ct.startsWith("multipart/byteranges; boundary="), ct);
        String boundary = ct.substring(ct.indexOf('=') + 1);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(("\r\n--" + boundary + "\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Range: bytes 0-9/300000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        expected.writeBytes(Arrays.copyOfRange(big, 0, 10));
        expected.writeBytes(("\r\n--" + boundary + "\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Range: bytes 200000-200099/300000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        expected.writeBytes(Arrays.copyOfRange(big, 200_000, 200_100));
        expected.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(expected.toByteArray(), r.bytes());
    }

    @Test
    void anUnsatisfiableRangeIs416WithTheLength() {
        TestResponse r = get("/static/big.bin", "Range", "bytes=300000-");
        assertEquals(416, r.status());
        assertEquals("bytes */300000", r.header("Content-Range"));
        assertEquals(416, get("/static/big.bin", "Range", "bytes=-0").status());
        // Bad syntax or another unit: the header is ignored and the whole file sent.
        assertEquals(200, get("/static/big.bin", "Range", "bytes=abc").status());
        assertEquals(200, get("/static/big.bin", "Range", "lines=1-2").status());
        assertEquals(200, get("/static/big.bin", "Range", "bytes=5-1").status());
    }

    @Test
    void ifRangeHonoursTheRangeOnlyForTheSameFile() {
        String etag = get("/static/big.bin").header("ETag");
        assertEquals(206, get("/static/big.bin", "Range", "bytes=0-0", "If-Range", etag).status());
        TestResponse stale = get("/static/big.bin", "Range", "bytes=0-0", "If-Range", "\"stale\"");
        assertEquals(200, stale.status());
        assertEquals(300_000, stale.bytes().length);
        String lm = get("/static/big.bin").header("Last-Modified");
        assertEquals(206, get("/static/big.bin", "Range", "bytes=0-0", "If-Range", lm).status());
    }

    @Test
    void indexFilesAndDirectories() {
        assertEquals("<h1>docs</h1>", get("/static/docs/").text());
        assertEquals("text/html; charset=utf-8", get("/static/docs/").header("Content-Type"));
        TestResponse redirect = get("/static/docs?x=1");
        assertEquals(301, redirect.status());
        assertEquals("/static/docs/?x=1", redirect.header("Location"));
        assertEquals(404, get("/static/empty/").status(), "no listing");
        assertEquals(404, get("/static/empty").status());
        assertEquals(404, get("/static/").status());
        assertEquals(404, get("/static/hello.txt/").status());
        assertEquals(404, get("/static/missing.txt").status());
    }

    @Test
    void neverOutsideTheRoot() {
        assertEquals(404, get("/static/../secret.txt").status(), "..");
        assertEquals(404, get("/static/docs/../../secret.txt").status(), ".. deeper");
        assertEquals(404, get("/static/%2e%2e/secret.txt").status(), "%2e%2e");
        assertEquals(404, get("/static/%2E%2E/secret.txt").status(), "%2E%2E");
        assertEquals(404, get("/static/..%2fsecret.txt").status(), "%2f");
        assertEquals(404, get("/static/docs%2Findex.html").status(), "%2F inside the root too");
        assertEquals(404, get("/static/..%5csecret.txt").status(), "%5c");
        assertEquals(404, get("/static/..\\secret.txt").status(), "backslash");
        assertEquals(404, get("/static/hello.txt%00.png").status(), "NUL");
        assertEquals(404, get("/static//etc/passwd").status(), "absolute");
        assertEquals(404, get("/static/escape.txt").status(), "symlink to a file outside");
        assertEquals(404, get("/static/outside/secret.txt").status(), "symlink to a directory outside");
        assertEquals(404, get("/static/./hello.txt").status(), "dot segment");
        assertEquals("hello, files", get("/static/inside.txt").text(), "a link within the root is served");
    }

    @Test
    void precompressedSiblingsFollowAcceptEncoding() throws Exception {
        byte[] gz = gzip("hello, files");
        Files.write(root.resolve("hello.txt.gz"), gz);
        Files.write(root.resolve("hello.txt.br"), new byte[] {1, 2, 3});
        client = TestClient.of(Router.create().nest("/static", ServeDir.of(root).precompressed().router()));
        TestResponse g = get("/static/hello.txt", "Accept-Encoding", "gzip");
        assertEquals("gzip", g.header("Content-Encoding"));
        assertEquals("text/plain; charset=utf-8", g.header("Content-Type"));
        assertEquals("Accept-Encoding", g.header("Vary"));
        assertArrayEquals(gz, g.bytes());
        TestResponse b = get("/static/hello.txt", "Accept-Encoding", "gzip, deflate, br");
        assertEquals("br", b.header("Content-Encoding"));
        assertArrayEquals(new byte[] {1, 2, 3}, b.bytes());
        assertEquals("gzip", get("/static/hello.txt", "Accept-Encoding", "br;q=0.5, gzip").header("Content-Encoding"));
        assertEquals("gzip", get("/static/hello.txt", "Accept-Encoding", "br;q=0, *").header("Content-Encoding"));
        TestResponse plain = get("/static/hello.txt");
        assertNull(plain.header("Content-Encoding"));
        assertEquals("Accept-Encoding", plain.header("Vary"));
        assertEquals("hello, files", plain.text());
        assertTrue(!g.header("ETag").equals(plain.header("ETag")), "each variant has its own tag");
        assertNull(get("/static/style.css", "Accept-Encoding", "gzip").header("Content-Encoding"), "no sibling");
    }

    @Test
    void serveFileServesOneFile() {
        TestClient c = TestClient.of(Router.create().nest("/favicon.ico", ServeFile.of(root.resolve("hello.txt")).router()));
        assertEquals("hello, files", c.get("/favicon.ico").text());
        assertEquals(206, c.send(Request.builder(HttpMethod.GET, "/favicon.ico").header("Range", "bytes=0-4").build()).status());
        TestClient missing = TestClient.of(Router.create().nest("/x", ServeFile.of(root.resolve("nope")).router()));
        assertEquals(404, missing.get("/x").status());
    }

    static byte[] gzip(String s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
