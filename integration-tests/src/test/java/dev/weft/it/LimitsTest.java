package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.codec.CodecLimits;
import dev.weft.it.support.Wire.RawResponse;
import dev.weft.it.support.Wire;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The connection limit and the codec's limits, configured on the server. */
@Timeout(60)
class LimitsTest {

    @Test
    void beyondTheConnectionLimitNewClientsWaitInTheBacklog() throws Exception {
        try (Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2)
                .maxConnections(2).build(), new TestService());
             Socket first = new Socket("127.0.0.1", server.port());
             Socket second = new Socket("127.0.0.1", server.port());
             Socket third = new Socket("127.0.0.1", server.port())) {
            for (Socket s : new Socket[] {first, second}) {
                Wire.send(s, "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("Hello, World!", Wire.readResponse(s.getInputStream()).text());
            }
            // The kernel completed the third handshake, but the server does not accept it yet.
            third.setSoTimeout(500);
            Wire.send(third, "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
            InputStream in = third.getInputStream();
            assertThrows(SocketTimeoutException.class, in::read);
            assertEquals(2, server.openConnections());
            // One leaves: the waiting client is accepted and answered.
            first.close();
            third.setSoTimeout(10_000);
            assertEquals("Hello, World!", Wire.readResponse(in).text());
        }
    }

    @Test
    void codecLimitsAreTheServers() throws Exception {
        CodecLimits limits = CodecLimits.builder().maxHeaderBytes(1024).maxRequestLineLength(256).build();
        try (Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2)
                .codecLimits(limits).build(), new TestService())) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                Wire.send(s, "GET /plaintext HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n");
                RawResponse r = Wire.readResponse(s.getInputStream());
                assertEquals(431, r.status(), r.head());
                assertTrue(r.closes(), r.head());
            }
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                Wire.send(s, "GET /" + "a".repeat(300) + " HTTP/1.1\r\nHost: x\r\n\r\n");
                RawResponse r = Wire.readResponse(s.getInputStream());
                assertEquals(414, r.status(), r.head());
            }
        }
    }

    @Test
    void theDefaultsAreSafeForTheOpenInternet() {
        ServerConfig d = ServerConfig.defaults();
        assertEquals(Duration.ofSeconds(10), d.headerReadTimeout());
        assertEquals(Duration.ofSeconds(60), d.idleTimeout());
        assertEquals(Duration.ofSeconds(30), d.requestTimeout());
        assertEquals(10_000, d.maxConnections());
        assertEquals(2L * 1024 * 1024, d.bodyBufferLimit());
        assertTrue(d.drainLimit() > 0 && d.drainLimit() <= 1024 * 1024);
    }
}
