package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpStatus;
import dev.weft.runtime.Async;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many streamed echoes on one keep-alive connection, the body written in pieces of random sizes
 * while the response is read concurrently: the request body's demand and the response's
 * writes wake each other, and no wake-up may be lost.
 */
@Timeout(120)
class EchoStressTest {

    /** Streams every request body back as it arrives. */
    private static Server echoServer() {
        return Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2).build(),
                request -> Async.ready(new Response(HttpStatus.OK, HttpHeaders.of("Content-Type", "application/octet-stream"),
                        ResponseBody.stream(request.body(), request.body().contentLength()))));
    }

    @Test
    void streamedEchoesOnOneConnectionNeverStall() throws Exception {
        try (Server server = echoServer();
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            Random random = new Random(1);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int round = 0; round < 300; round++) {
                byte[] body = new byte[1 + random.nextInt(400_000)];
                random.nextBytes(body);
                long seed = random.nextLong();
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    Random r = new Random(seed);
                    try {
                        out.write(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        int at = 0;
                        while (at < body.length) {
                            int n = Math.min(body.length - at, 1 + r.nextInt(70_000));
                            out.write(body, at, n);
                            at += n;
                            if (r.nextInt(8) == 0) {
                                // A pause now and then: the body arrives in bursts, as over a network,
                                // so reads end at varied places. The pause is the input, not a wait.
                                Thread.sleep(1);
                            }
                        }
                        out.flush();
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                String head = ServerTest.readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 200 "), head);
                byte[] echoed = in.readNBytes(body.length);
                assertArrayEquals(body, echoed, "round " + round);
                writer.get(10, TimeUnit.SECONDS);
            }
        }
    }
    /**
     * Large and small echoes pipelined in one stream: heads that follow a large body are decoded
     * from the large (direct) read buffer, and a small request after a large one goes back to a
     * small buffer; every response must match its own request, in order.
     */
    @Test
    void pipelinedLargeAndSmallEchoesKeepTheirOrderAndBytes() throws Exception {
        try (Server server = echoServer();
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            Random random = new Random(7);
            int[] sizes = {70_000, 3, 65_536, 200_000, 1, 16_000, 130_000, 131_072, 10, 64_000, 5, 300_000, 2};
            byte[][] bodies = new byte[sizes.length][];
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < sizes.length; i++) {
                bodies[i] = new byte[sizes[i]];
                random.nextBytes(bodies[i]);
                all.writeBytes(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + sizes[i] + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                all.writeBytes(bodies[i]);
            }
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    out.write(all.toByteArray());
                    out.flush();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            for (int i = 0; i < sizes.length; i++) {
                String head = ServerTest.readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 200 "), head);
                assertTrue(head.contains("content-length: " + sizes[i]) || head.contains("Content-Length: " + sizes[i]), head);
                assertArrayEquals(bodies[i], in.readNBytes(sizes[i]), "request " + i);
            }
            writer.get(10, TimeUnit.SECONDS);
        }
    }
}
