package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpStatus;
import dev.weft.runtime.Async;
import dev.weft.server.ServerStats.CloseCause;
import dev.weft.server.ServerStats.CodecError;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server's counters, driven over real sockets and read back through {@link Server#stats()}. */
@Timeout(60)
class ServerStatsTest {
    private static final byte[] TWO_REQUESTS = ("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    @Test
    void countsConnectionsRequestsAndBytesOfClosedAndOpenConnections() throws Exception {
        CompletableFuture<Response> held = new CompletableFuture<>();
        Service service = request -> request.path().equals("/held")
                ? Async.fromFuture(held)
                : Async.ready(Response.text("ok"));
        try (Server server = start(service)) {
            long received;
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.getOutputStream().write(TWO_REQUESTS);
                received = s.getInputStream().readAllBytes().length;
            }
            ServerStats closed = awaitStats(server, st -> st.connectionsClosed() == 1);
            assertEquals(1, closed.connectionsClosedByCause().get(CloseCause.DONE));
            assertEquals(1, closed.connectionsAccepted());
            assertEquals(0, closed.connectionsOpen());
            assertEquals(2, closed.requests());
            assertEquals(0, closed.requestsInFlight());
            assertEquals(TWO_REQUESTS.length, closed.bytesRead());
            assertEquals(received, closed.bytesWritten());

            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.getOutputStream().write("GET /held HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                ServerStats open = awaitStats(server, st -> st.requestsInFlight() == 1);
                assertEquals(1, open.connectionsOpen());
                assertEquals(2, open.connectionsAccepted());
                assertEquals(3, open.requests());
                held.complete(Response.text("done"));
                readHead(s.getInputStream());
                awaitStats(server, st -> st.requestsInFlight() == 0);
            }
            ServerStats end = awaitStats(server, st -> st.connectionsClosed() == 2);
            assertEquals(3, end.requests(), "a closed connection's requests stay counted once");
        }
    }

    @Test
    void countsRefusedRequestsByKind() throws Exception {
        try (Server server = start(request -> Async.ready(Response.text("ok")))) {
            send(server, "GET /x HTTP/1.1\r\nHost: x\r\nBad Name: y\r\n\r\n");
            send(server, "GET /x HTTP/1.1\r\n\r\n");
            send(server, "GET /x HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n");
            ServerStats st = awaitStats(server, s -> s.connectionsClosed() == 3);
            assertEquals(1, st.codecErrors().get(CodecError.BAD_HEADER));
            assertEquals(1, st.codecErrors().get(CodecError.BAD_HOST));
            assertEquals(1, st.codecErrors().get(CodecError.BAD_FRAMING));
            assertEquals(0, st.codecErrors().get(CodecError.BAD_REQUEST_LINE));
            assertEquals(CodecError.values().length, st.codecErrors().size());
            assertEquals(0, st.requests(), "a refused head is not a request");
            assertEquals(3, st.connectionsClosedByCause().get(CloseCause.BAD_REQUEST));
        }
    }

    @Test
    void countsWhyConnectionsClosed() throws Exception {
        try (Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2)
                .idleTimeout(Duration.ofMillis(200)).build(), request -> Async.ready(Response.text("ok")))) {
            try (Socket idle = new Socket("127.0.0.1", server.port())) {
                idle.getOutputStream().write("GET /a HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = idle.getInputStream();
                readHead(in);
                assertEquals(2, in.readNBytes(2).length, "the body");
                assertEquals(-1, in.read(), "the server closes an idle keep-alive connection");
            }
            try (Socket reset = new Socket("127.0.0.1", server.port())) {
                reset.getOutputStream().write("GET /a HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                readHead(reset.getInputStream());
                reset.setSoLinger(true, 0); // close() now sends RST
            }
            ServerStats st = awaitStats(server, s -> s.connectionsClosed() == 2);
            assertEquals(1, st.connectionsClosedByCause().get(CloseCause.IDLE_TIMEOUT), st.toString());
            assertEquals(1, st.connectionsClosedByCause().get(CloseCause.RESET), st.toString());
            assertEquals(CloseCause.values().length, st.connectionsClosedByCause().size());
        }
    }

    @Test
    void countsRequestTimeoutsAndTheRefusalsAServiceMarks() throws Exception {
        Service service = request -> switch (request.path()) {
            case "/never" -> Async.never();
            case "/busy" -> Async.ready(Response.text(HttpStatus.SERVICE_UNAVAILABLE, "busy\n")
                    .refused(Response.Refusal.OVERLOADED));
            case "/gave-up" -> Async.ready(Response.text(HttpStatus.SERVICE_UNAVAILABLE, "too slow\n")
                    .refused(Response.Refusal.TIMED_OUT));
            default -> Async.ready(Response.text("ok"));
        };
        try (Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2)
                .requestTimeout(Duration.ofMillis(200)).headerReadTimeout(Duration.ofMillis(200)).build(), service)) {
            assertTrue(exchange(server, "GET /never HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .startsWith("HTTP/1.1 503 "));
            ServerStats st = server.stats();
            assertEquals(1, st.requestsTimedOut(), st.toString());
            assertEquals(0, st.requestsOverloaded(), st.toString());

            assertTrue(exchange(server, "GET /busy HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .startsWith("HTTP/1.1 503 "));
            assertTrue(exchange(server, "GET /gave-up HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .startsWith("HTTP/1.1 503 "));
            assertTrue(exchange(server, "GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .startsWith("HTTP/1.1 200 "));
            st = server.stats();
            assertEquals(1, st.requestsOverloaded(), st.toString());
            assertEquals(2, st.requestsTimedOut(), st.toString());

            // A head that never ends is answered 408 and counted as a close, not as a request.
            assertTrue(exchange(server, "GET /ok HTTP/1.1\r\nHost: x\r\n").startsWith("HTTP/1.1 408 "));
            st = awaitStats(server, s -> s.connectionsClosedByCause().get(CloseCause.HEADER_TIMEOUT) == 1);
            assertEquals(2, st.requestsTimedOut(), st.toString());
            assertEquals(4, st.requests(), st.toString());
        }
    }

    /** Sends {@code request} on a new connection and reads until the server closes it. */
    private static String exchange(Server server, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static Server start(Service service) {
        return Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2).build(), service);
    }

    private static void send(Server server, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(response.startsWith("HTTP/1.1 400 "), response);
        }
    }

    private static void readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertTrue(b >= 0, "the connection closed before the response head: " + head);
            head.append((char) b);
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 200 "), head.toString());
    }

    /** Polls the stats until {@code condition} holds; fails with the last snapshot after five seconds. */
    private static ServerStats awaitStats(Server server, Predicate<ServerStats> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        ServerStats st = server.stats();
        while (!condition.test(st)) {
            assertTrue(System.nanoTime() - deadline < 0, "stats never got there: " + st);
            Thread.sleep(5); // how often to look: the condition, not this pause, ends the wait
            st = server.stats();
        }
        return st;
    }
}
