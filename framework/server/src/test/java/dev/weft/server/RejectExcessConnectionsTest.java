package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.Async;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code rejectExcessConnections}: at {@code maxConnections} a new client is answered 503 at once and closed. */
@Timeout(60)
class RejectExcessConnectionsTest {
    private static final String GET = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";

    private static Server start(boolean reject) {
        return Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2).maxConnections(2)
                .rejectExcessConnections(reject).build(), r -> Async.ready(Response.text("ok")));
    }

    /** Opens a keep-alive connection and has one request answered on it, so it surely counts as open. */
    private static Socket held(Server server) throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(20_000);
        s.getOutputStream().write(GET.getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        String got = "";
        while (!got.endsWith("ok")) {
            int n = in.read(buf);
            got += new String(buf, 0, n, StandardCharsets.US_ASCII);
        }
        return s;
    }

    private static String sendAndReadAll(Server server, byte[] request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void anExcessConnectionIsAnswered503WithRetryAfterAndClosed() throws Exception {
        try (Server server = start(true); Socket a = held(server); Socket b = held(server)) {
            String refused = sendAndReadAll(server, GET.getBytes(StandardCharsets.US_ASCII));
            assertTrue(refused.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), refused);
            assertTrue(refused.contains("\r\nRetry-After: 1\r\n"), refused);
            assertTrue(refused.contains("\r\nConnection: close\r\n"), refused);
            assertTrue(refused.endsWith("retry later\n"), refused);
            assertEquals(2, server.stats().connectionsOpen());
            assertEquals(1, server.stats().connectionsRefused());
            assertEquals(2, server.stats().connectionsAccepted(), "a refused connection is not an accepted one");
            // The held connections are untouched.
            a.getOutputStream().write(GET.getBytes(StandardCharsets.US_ASCII));
            assertTrue(new String(a.getInputStream().readNBytes(17), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"));
        }
    }

    @Test
    void theAnswerSurvivesAClientStillSendingABody() throws Exception {
        // The refusal reads nothing; closing with unread input would reset the connection and
        // could destroy the 503. The lingering close keeps it readable.
        byte[] body = new byte[256 * 1024];
        byte[] head = ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (Server server = start(true); Socket a = held(server); Socket b = held(server);
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    s.getOutputStream().write(head);
                    s.getOutputStream().write(body);
                } catch (Exception e) {
                    // the server may close before the whole body is sent
                }
            });
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 503 "), answer);
            writer.join();
        }
    }

    @Test
    void aClosedConnectionMakesRoomAgain() throws Exception {
        try (Server server = start(true); Socket a = held(server)) {
            Socket b = held(server);
            assertTrue(sendAndReadAll(server, GET.getBytes(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 503 "));
            b.close();
            while (server.stats().connectionsOpen() > 1) {
                Thread.sleep(10);
            }
            String served = sendAndReadAll(server, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertTrue(served.startsWith("HTTP/1.1 200 "), served);
        }
    }

    @Test
    void withoutTheOptionAnExcessClientWaitsInTheBacklogAndIsServedLater() throws Exception {
        try (Server server = start(false); Socket a = held(server)) {
            Socket b = held(server);
            try (Socket waiting = new Socket("127.0.0.1", server.port())) {
                waiting.setSoTimeout(20_000);
                waiting.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertEquals(2, server.stats().connectionsAccepted());
                b.close();
                String served = new String(waiting.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(served.startsWith("HTTP/1.1 200 "), served);
                assertEquals(0, server.stats().connectionsRefused(), "waiting in the backlog is not a refusal");
            }
        }
    }
}
