package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpStatus;
import dev.weft.runtime.Async;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link ResponseBody.FileRegion} through a real server: the region's bytes arrive exactly
 * (sent from the file by the kernel), and the server closes the file whether the body was sent,
 * not needed (HEAD) or cut short by a client that left.
 */
@Timeout(60)
class FileBodyTest {
    @TempDir
    Path tmp;
    byte[] bytes;
    Path file;
    Server server;
    final LinkedBlockingQueue<FileChannel> opened = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        bytes = new byte[8 * 1024 * 1024];
        new Random(9).nextBytes(bytes);
        file = Files.write(tmp.resolve("f.bin"), bytes);
        server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(1).build(), request -> {
            try {
                FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                opened.add(ch);
                HttpHeaders h = new HttpHeaders();
                h.set("Content-Type", "application/octet-stream");
                return Async.ready(new Response(HttpStatus.OK, h, ResponseBody.file(ch, 3, bytes.length - 10)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @AfterEach
    void stop() {
        server.shutdown(Duration.ofSeconds(5));
    }

    @Test
    void theRegionArrivesExactlyAndTheFileIsClosed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            for (int i = 0; i < 2; i++) {
                String head = head(in);
                assertTrue(head.contains("Content-Length: " + (bytes.length - 10)), head);
                assertArrayEquals(Arrays.copyOfRange(bytes, 3, bytes.length - 7), in.readNBytes(bytes.length - 10));
            }
        }
        for (int i = 0; i < 2; i++) {
            awaitClosed(opened.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void headClosesTheFileUnread() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String head = head(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            awaitClosed(opened.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aClientThatLeavesMidBodyClosesTheFile() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setReceiveBufferSize(4096);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            head(s.getInputStream());
            s.getInputStream().readNBytes(1000);
            s.setSoLinger(true, 0); // a reset, not a FIN
        }
        awaitClosed(opened.poll(10, TimeUnit.SECONDS));
    }

    /** Waits for the server to close {@code ch}: it does so on its own thread, after the write. */
    private static void awaitClosed(FileChannel ch) throws InterruptedException {
        assertTrue(ch != null, "the handler ran");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ch.isOpen() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertFalse(ch.isOpen(), "the server closed the file");
    }

    private static String head(InputStream in) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            byte[] a = b.toByteArray();
            int n = a.length;
            if (n >= 4 && a[n - 4] == '\r' && a[n - 3] == '\n' && a[n - 2] == '\r' && a[n - 1] == '\n') {
                break;
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }
}
