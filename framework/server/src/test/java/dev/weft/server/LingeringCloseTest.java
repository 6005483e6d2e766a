package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.Async;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * A response sent just before the server closes while the client is still sending must reach the
 * client: closing with unread input makes the kernel send RST, which throws away the response
 * the client has not read yet. The server closes by lingering (FIN, then discard input).
 */
@Timeout(60)
class LingeringCloseTest {
    private static Server server;

    static Async<Response> route(Request request) {
        return request.body().text().map(Response::text);
    }

    @BeforeAll
    static void start() {
        server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2)
                .bodyBufferLimit(1024).build(), LingeringCloseTest::route);
    }

    @AfterAll
    static void stop() {
        server.shutdown(Duration.ofSeconds(5));
    }

    @RepeatedTest(3)
    void a413ReachesAClientThatIsStillSendingItsBody() throws Exception {
        byte[] chunk = new byte[64 * 1024];
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: " + (8L << 20) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 128; i++) {
                        out.write(chunk);
                    }
                } catch (IOException expected) {
                    // the server stops reading at some point
                }
            });
            // Like the JDK's client, read the answer only once the whole body is sent: the server
            // has answered and closed long before (after 1 KiB), so the 413 waits unread while the
            // body keeps coming. A server that closed with unread input would have reset the
            // connection and the writer would have failed early; a lingering one lets it finish.
            assertTrue(writer.join(Duration.ofSeconds(5)), "the writer was neither drained nor refused");
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(all.startsWith("HTTP/1.1 413 "), all);
            assertTrue(all.contains("Connection: close"), all);
        }
    }

    @RepeatedTest(5)
    void a400ReachesAClientThatSentMoreAfterTheBadHead() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            StringBuilder more = new StringBuilder();
            for (int i = 0; i < 2000; i++) {
                more.append("GET /next HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            out.write(("GET /bad HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n" + more).getBytes(StandardCharsets.US_ASCII));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(all.startsWith("HTTP/1.1 400 "), all);
        }
    }

    /**
     * The lingering lasts until the client closes, not until the socket is first empty: a client
     * that reads the 400 (and the server's FIN) before it sends more must be able to send 8 MiB
     * more, all discarded, and then see a clean end of stream. (The check came first with
     * {@code n < 0}, and PENDING is negative: the server closed as soon as it had read everything
     * there was, and the client's next bytes met a reset.)
     */
    @RepeatedTest(3)
    void theLingeringLastsUntilTheClientClosesNotUntilTheSocketIsEmpty() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write("GET /bad HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 128; i++) {
                out.write(chunk); // throws "Connection reset" / "Broken pipe" if the server closed
            }
            s.shutdownOutput();
            assertTrue(s.getInputStream().read() == -1, "nothing more, and no reset");
        }
    }
}
