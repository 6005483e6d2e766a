package dev.weft.it;

import static dev.weft.router.extract.Extractors.text;
import static dev.weft.router.multipart.Multipart.multipart;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.http.HttpMethod;
import dev.weft.router.Router;
import dev.weft.router.decompression.RequestDecompression;
import dev.weft.router.files.ServeDir;
import dev.weft.router.files.ServeFile;
import dev.weft.router.multipart.Multipart;
import dev.weft.router.multipart.UploadedFile;
import dev.weft.router.test.TestClient;
import dev.weft.runtime.Async;
import dev.weft.server.Request;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The README's sections on static files, multipart uploads and request decompression, kept working. */
@Timeout(60)
class ReadmeFilesExamplesTest {
    @TempDir
    Path tmp;
    Path uploads;

    public record Profile(String name, int age, UploadedFile avatar) {
    }

    Async<Long> saveAll(Multipart parts) {
        return parts.next().flatMap(part -> part == null
                ? Async.ready(0L)
                : part.saveTo(uploads.resolve(UUID.randomUUID().toString())).flatMap(n -> saveAll(parts)));
    }

    @Test
    void staticFilesMultipartAndDecompression() throws Exception {
        Path pub = Files.createDirectories(tmp.resolve("public"));
        Files.writeString(pub.resolve("app.js"), "app");
        Files.writeString(pub.resolve("favicon.ico"), "ico");
        uploads = Files.createDirectories(tmp.resolve("uploads"));
        Router app = Router.create()
                .nest("/static", ServeDir.of(pub).precompressed().router())
                .nest("/favicon.ico", ServeFile.of(pub.resolve("favicon.ico")).router());
        app.post("/upload", multipart(), parts -> saveAll(parts));
        app.post("/profile", Multipart.form(Profile.class), profile -> profile.name() + " " + profile.age());
        Router decoding = Router.create().layer(RequestDecompression.layer()).post("/text", text(), s -> s);
        TestClient client = TestClient.of(app);
        assertEquals("app", client.get("/static/app.js").text());
        assertEquals("ico", client.get("/favicon.ico").text());
        String b = "readme";
        byte[] form = ("--" + b + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nAda\r\n"
                + "--" + b + "\r\nContent-Disposition: form-data; name=\"age\"\r\n\r\n36\r\n--" + b + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(200, client.post("/upload").header("Content-Type", "multipart/form-data; boundary=" + b)
                .body(form).send().status());
        try (var saved = Files.list(uploads)) {
            assertEquals(2, saved.count());
        }
        assertEquals("Ada 36", client.post("/profile").header("Content-Type", "multipart/form-data; boundary=" + b)
                .body(form).send().text());
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write("decoded".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("decoded", TestClient.of(decoding).send(Request.builder(HttpMethod.POST, "/text")
                .header("Content-Encoding", "gzip").body(gz.toByteArray()).build()).text());
    }
}
