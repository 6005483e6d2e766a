package dev.weft.router.multipart;

import static dev.weft.router.multipart.Multipart.multipart;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.Router;
import dev.weft.router.test.TestClient;
import dev.weft.router.test.TestResponse;
import dev.weft.runtime.Async;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartTest {
    static final String B = "----weft-test-boundary";

    @TempDir
    Path tmp;

    record Summary(String name, String filename, long size, String contentType) {
    }

    /** Reads every part by streaming its body, answering what it saw. */
    static Async<List<Summary>> summarise(Multipart parts, List<Summary> out) {
        return parts.next().flatMap(p -> {
            if (p == null) {
                return Async.ready(out);
            }
            return p.consume(b -> { }).flatMap(n -> {
                out.add(new Summary(p.name(), p.filename().orElse(null), n, p.contentType()));
                return summarise(parts, out);
            });
        });
    }

    static byte[] form(String... partsAsHeadersThenBody) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < partsAsHeadersThenBody.length; i += 2) {
            out.writeBytes(("--" + B + "\r\n" + partsAsHeadersThenBody[i] + "\r\n\r\n" + partsAsHeadersThenBody[i + 1] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + B + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    TestResponse post(Router router, byte[] body) {
        return TestClient.of(router).post("/up").header("Content-Type", "multipart/form-data; boundary=" + B)
                .body(body).send();
    }

    @Test
    void partsStreamWithTheirMetadata() {
        Router r = Router.create().post("/up", multipart(), parts -> summarise(parts, new ArrayList<>()));
        TestResponse res = post(r, form(
                "Content-Disposition: form-data; name=\"title\"", "hello",
                "Content-Disposition: form-data; name=\"doc\"; filename=\"a.txt\"\r\nContent-Type: Text/Plain", "x".repeat(100_000),
                "Content-Disposition: form-data; name=\"empty\"; filename*=UTF-8''%C3%A9.bin", ""));
        assertEquals(200, res.status(), res.text());
        assertEquals("[{\"name\":\"title\",\"filename\":null,\"size\":5,\"contentType\":\"text/plain\"},"
                + "{\"name\":\"doc\",\"filename\":\"a.txt\",\"size\":100000,\"contentType\":\"text/plain\"},"
                + "{\"name\":\"empty\",\"filename\":\"é.bin\",\"size\":0,\"contentType\":\"text/plain\"}]", res.text());
    }

    @Test
    void partsSkippedUnreadStillLeaveTheRestReadable() {
        Router r = Router.create().post("/up", multipart(), parts -> parts.next()
                .flatMap(first -> parts.next())          // skips the first part's body
                .flatMap(second -> second.body().text()));
        TestResponse res = post(r, form(
                "Content-Disposition: form-data; name=\"a\"", "y".repeat(200_000),
                "Content-Disposition: form-data; name=\"b\"", "second"));
        assertEquals("second", res.text());
    }

    @Test
    void saveToWritesThePartToDisk() throws Exception {
        byte[] data = new byte[1_000_000];
        new java.util.Random(4).nextBytes(data);
        String latin = new String(data, StandardCharsets.ISO_8859_1);
        Path file = tmp.resolve("saved.bin");
        Router r = Router.create().post("/up", multipart(), parts -> parts.next().flatMap(p -> p.saveTo(file)));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + B + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"r.bin\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(latin.getBytes(StandardCharsets.ISO_8859_1));
        body.writeBytes(("\r\n--" + B + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        TestResponse res = post(r, body.toByteArray());
        assertEquals("1000000", res.text());
        assertArrayEquals(data, Files.readAllBytes(file));
    }

    @Test
    void limitsAre413AndBadRequests400Or415() {
        Router r = Router.create()
                .post("/up", multipart(MultipartLimits.defaults().maxParts(2).maxHeaderBytes(100).maxTotalBytes(50_000)),
                        parts -> summarise(parts, new ArrayList<>()));
        String cd = "Content-Disposition: form-data; name=\"a\"";
        TestResponse tooMany = post(r, form(cd, "1", cd, "2", cd, "3"));
        assertEquals(413, tooMany.status());
        assertTrue(tooMany.text().contains("more than 2 parts"), tooMany.text());
        TestResponse bigHeader = post(r, form(cd + "\r\nX-Pad: " + "p".repeat(200), "1"));
        assertEquals(413, bigHeader.status());
        assertTrue(bigHeader.text().contains("headers are larger"), bigHeader.text());
        TestResponse tooBig = post(r, form(cd, "z".repeat(60_000)));
        assertEquals(413, tooBig.status());
        TestResponse malformed = post(r, ("--" + B + "\r\n" + cd + "\r\n\r\nno end").getBytes(StandardCharsets.UTF_8));
        assertEquals(400, malformed.status());
        assertTrue(malformed.text().contains("multipart body"), malformed.text());
        TestResponse noDisposition = post(r, form("Content-Type: text/plain", "x"));
        assertEquals(400, noDisposition.status(), noDisposition.text());
        TestResponse wrongType = TestClient.of(r).post("/up").header("Content-Type", "application/json").body("{}").send();
        assertEquals(415, wrongType.status());
        TestResponse noBoundary = TestClient.of(r).post("/up").header("Content-Type", "multipart/form-data").body("x").send();
        assertEquals(400, noBoundary.status());
        assertTrue(noBoundary.text().contains("boundary"), noBoundary.text());
    }

    public record Profile(String name, int age, UploadedFile avatar) {
    }

    @Test
    void aSmallFormBindsIntoARecord() {
        Router r = Router.create().post("/up", Multipart.form(Profile.class),
                p -> p.name() + "/" + p.age() + "/" + p.avatar().filename() + "/" + p.avatar().bytes().length);
        TestResponse res = post(r, form(
                "Content-Disposition: form-data; name=\"name\"", "Ada",
                "Content-Disposition: form-data; name=\"age\"", "36",
                "Content-Disposition: form-data; name=\"avatar\"; filename=\"me.png\"\r\nContent-Type: image/png", "PNGDATA"));
        assertEquals("Ada/36/me.png/7", res.text());
        TestResponse bad = post(r, form("Content-Disposition: form-data; name=\"age\"", "old"));
        assertEquals(400, bad.status(), bad.text());
        Router small = Router.create().post("/up", Multipart.form(Profile.class,
                MultipartLimits.defaults().maxBufferedPartBytes(10)), p -> "ok");
        assertEquals(413, post(small, form("Content-Disposition: form-data; name=\"name\"", "a".repeat(11))).status());
    }
}
