package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gibibyte uploaded with {@code curl -F} to a server whose heap is capped at 64 MiB, which writes
 * it to disk with {@code Part.saveTo}: the file on disk must be the file sent, byte for byte.
 */
@Timeout(600)
class UploadToDiskTest {
    @TempDir
    Path tmp;

    @Test
    void aGibibyteGoesToDiskThroughA64MibHeap() throws Exception {
        long size = 1L << 30;
        Path source = tmp.resolve("source.bin");
        byte[] block = new byte[1 << 20];
        Random rnd = new Random(21);
        try (OutputStream out = Files.newOutputStream(source)) {
            for (long i = 0; i < size / block.length; i++) {
                rnd.nextBytes(block);
                out.write(block);
            }
        }
        Path saved = Files.createDirectories(tmp.resolve("saved"));
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-Dweft.buffers.check=true", "-cp", System.getProperty("java.class.path"),
                UploadToDiskServerMain.class.getName(), saved.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            while (line != null && !line.startsWith("port ")) {
                line = out.readLine(); // the server's log lines (its ready line) come first
            }
            assertTrue(line != null && line.startsWith("port "), String.valueOf(line));
            int port = Integer.parseInt(line.substring(5).trim());
            long start = System.nanoTime();
            Process curl = new ProcessBuilder("curl", "-s", "--max-time", "500", "-F", "big=@" + source,
                    "-F", "note=hello", "http://127.0.0.1:" + port + "/save")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String answer = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, curl.waitFor());
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(String.valueOf(size + 5), answer);
            assertEquals(size, Files.size(saved.resolve("big")));
            assertEquals(sha(source), sha(saved.resolve("big")));
            assertEquals("hello", Files.readString(saved.resolve("note")));
            assertTrue(server.isAlive(), "the server lives on");
            System.out.printf("1 GiB curl -F upload saved to disk by a -Xmx64m server: %.1f s (%.0f MiB/s)%n",
                    seconds, 1024 / seconds);
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static String sha(Path p) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
