package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.Async;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transport setting: a server runs on the transport it names (and answers on it), a value
 * that names none is refused naming the allowed ones, and a transport that cannot run here stops
 * the start with the reason.
 */
@Timeout(30)
class TransportSelectionTest {
    private static final Service HELLO = request -> Async.ready(Response.text("Hello, World!"));

    private static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll", "auto"})
    void aServerRunsAndAnswersOnTheTransportItIsGiven(String transport) throws Exception {
        if (transport.equals("epoll") && !linux()) {
            assertThrows(IllegalStateException.class, () -> Server.start(
                    ServerConfig.builder().host("127.0.0.1").port(0).transport(transport).build(), HELLO));
            return;
        }
        try (Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).transport(transport).build(), HELLO)) {
            String expected = transport.equals("auto") ? (linux() ? "epoll" : "nio") : transport;
            assertEquals(expected, server.runtime().transport());
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                OutputStream out = s.getOutputStream();
                out.write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(response.startsWith("HTTP/1.1 200"), response);
                assertTrue(response.endsWith("Hello, World!"), response);
            }
        }
    }

    @Test
    void aValueThatNamesNoTransportIsRefusedNamingTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().transport("uring").build());
        assertEquals("transport must be one of auto, io_uring, epoll, nio, was 'uring'", e.getMessage());
    }

    @Test
    void aTransportThatCannotRunHereStopsTheStartSayingWhy() {
        // io_uring is a named slot this build does not fill yet.
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Server.start(
                ServerConfig.builder().host("127.0.0.1").port(0).transport("io_uring").build(), HELLO));
        assertEquals("the io_uring transport was configured but cannot run here: not part of this build yet", e.getMessage());
    }
}
