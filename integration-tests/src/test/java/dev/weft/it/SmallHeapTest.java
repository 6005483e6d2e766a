package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.it.support.ExampleProcess;
import dev.weft.it.support.Wire;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The echo example in a small container's budget ({@code -Xmx48m -XX:MaxDirectMemorySize=32m},
 * the shared benchmark's collector) serves every benchmarked endpoint under the benchmark's
 * concurrency and more: plaintext, JSON and path parameters on 64 connections, 1 KiB echoes,
 * 64 KiB echoes on 16 connections and then 256 at once (256 large read buffers would be the
 * whole direct-memory limit), 256 connections pipelining 16 requests per write. Every response is
 * checked byte for byte, no connection is refused or reset, nothing runs out of memory, and the
 * server then drains and exits 0 on SIGTERM.
 */
@Timeout(300)
class SmallHeapTest {
    private static final List<String> SMALL = List.of("-XX:+UseParallelGC", "-Xmx48m", "-XX:MaxDirectMemorySize=32m");
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JSON = "{\"message\":\"Hello, World!\"}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KIB = filled(1024);
    private static final byte[] KIB_64 = filled(64 * 1024);

    /** One connection's part of a scenario: sends its requests and checks their answers. */
    private interface Conversation {
        void run(InputStream in, OutputStream out, int round) throws IOException;
    }

    @Test
    void everyBenchmarkEndpointStaysHealthyInASmallHeapAndDirectMemoryLimit() throws Exception {
        try (ExampleProcess example = ExampleProcess.start(SMALL)) {
            int port = example.port();
            AtomicLong responses = new AtomicLong();
            drive(port, 64, 200, (in, out, i) -> check(get(in, out, "/plaintext"), HELLO, "/plaintext", responses));
            drive(port, 64, 200, (in, out, i) -> check(get(in, out, "/json"), JSON, "/json", responses));
            drive(port, 64, 200, (in, out, i) -> check(get(in, out, "/user/" + i),
                    ("user " + i).getBytes(StandardCharsets.US_ASCII), "/user/{id}", responses));
            drive(port, 64, 100, (in, out, i) -> check(post(in, out, "/echo", KIB), KIB, "/echo 1 KiB", responses));
            drive(port, 16, 100, (in, out, i) -> check(post(in, out, "/echo", KIB_64), KIB_64, "/echo 64 KiB", responses));
            drive(port, 256, 8, (in, out, i) -> check(post(in, out, "/echo", KIB_64), KIB_64, "/echo 64 KiB", responses));
            drive(port, 16, 20, (in, out, i) -> check(post(in, out, "/echo/buffered", KIB_64), KIB_64,
                    "/echo/buffered 64 KiB", responses));
            byte[] batch = "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n".repeat(16).getBytes(StandardCharsets.US_ASCII);
            drive(port, 256, 20, (in, out, i) -> {
                out.write(batch);
                out.flush();
                for (int k = 0; k < 16; k++) {
                    check(Wire.readResponse(in), HELLO, "pipelined /plaintext", responses);
                }
            });
            long expected = 64 * 200 * 3 + 64 * 100 + 16 * 100 + 256 * 8 + 16 * 20 + 256 * 20 * 16;
            assertEquals(expected, responses.get(), "responses checked");
            // Still answering after all of it.
            try (Socket s = new Socket("127.0.0.1", port)) {
                Wire.send(s, "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("Hello, World!", Wire.readResponse(s.getInputStream()).text());
            }
            assertTrue(example.isAlive(), "the server died:\n" + String.join("\n", example.output()));
            example.sigterm();
            assertEquals(0, example.waitFor(60), "exit status; output:\n" + String.join("\n", example.output()));
            List<String> output = example.output();
            assertFalse(output.stream().anyMatch(line -> line.contains("OutOfMemoryError")),
                    "the server ran out of memory:\n" + String.join("\n", output));
            assertFalse(output.stream().anyMatch(line -> line.contains(" ERROR ")),
                    "the server logged an error:\n" + String.join("\n", output));
        }
    }

    /**
     * Opens {@code connections} keep-alive connections at once and has each run {@code rounds}
     * rounds of {@code conversation}; rethrows the first failure.
     */
    private static void drive(int port, int connections, int rounds, Conversation conversation) throws Exception {
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                done.add(clients.submit(() -> {
                    try (Socket s = new Socket("127.0.0.1", port)) {
                        s.setSoTimeout(60_000);
                        s.setTcpNoDelay(true);
                        InputStream in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
                        OutputStream out = s.getOutputStream();
                        for (int i = 0; i < rounds; i++) {
                            conversation.run(in, out, i);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    private static Wire.RawResponse get(InputStream in, OutputStream out, String path) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return Wire.readResponse(in);
    }

    private static Wire.RawResponse post(InputStream in, OutputStream out, String path, byte[] body) throws IOException {
        out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return Wire.readResponse(in);
    }

    private static void check(Wire.RawResponse response, byte[] expected, String what, AtomicLong count)
            throws IOException {
        if (response == null) {
            throw new IOException(what + ": the server closed the connection");
        }
        if (response.status() != 200 || !Arrays.equals(response.body(), expected)) {
            throw new IOException(what + ": status " + response.status() + ", " + response.body().length
                    + " bytes that differ from the " + expected.length + " sent or expected");
        }
        count.incrementAndGet();
    }

    private static byte[] filled(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }
}
