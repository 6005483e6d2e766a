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
 * the start with the reason (io_uring, where the kernel refuses it).
 */
@Timeout(30)
class TransportSelectionTest {
    private static final Service HELLO = request -> Async.ready(Response.text("Hello, World!"));

    private static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll", "io_uring", "auto"})
    void aServerRunsAndAnswersOnTheTransportItIsGiven(String transport) throws Exception {
        if ((transport.equals("epoll") && !linux()) || (transport.equals("io_uring") && uringRefusal() != null)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Server.start(
                    ServerConfig.builder().host("127.0.0.1").port(0).transport(transport).build(), HELLO));
            assertTrue(e.getMessage().startsWith("the " + transport + " transport was configured but cannot run here: "),
                    e.getMessage());
            return;
        }
        try (Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).transport(transport).build(), HELLO)) {
            // auto stays on NIO: the native transports are chosen by name (their start-up cost).
            String expected = transport.equals("auto") ? "nio" : transport;
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

    /**
     * Why io_uring cannot run in this process (a runtime asked for it says), or null if it can.
     * Where it can, {@code TransportChoiceTest} shows the refusal: on the class path without
     * native access.
     */
    private static String uringRefusal() {
        try (dev.weft.runtime.AsyncRuntime rt = dev.weft.runtime.AsyncRuntime.builder().workers(1).transport("io_uring").build()) {
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }
}
