package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.it.support.Wire.RawResponse;
import dev.weft.it.support.Wire;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Input a new user tries on a plain port with raw sockets and real clients, answered at once with
 * the right status and a message that says what was wrong, the server healthy afterwards. The
 * header-read timeout is a minute here, so an answer that only came from that timeout would make
 * these tests wait on their ten-second socket timeout and fail.
 */
@Timeout(60)
class BadInputTest {
    private static Server server;

    @BeforeAll
    static void start() {
        server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2)
                .headerReadTimeout(Duration.ofMinutes(1)).build(), new TestService());
    }

    @AfterAll
    static void stop() {
        server.shutdown(Duration.ofSeconds(5));
    }

    private static Socket connect() throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(10_000);
        return s;
    }

    @Test
    void optionsAsteriskIsAnsweredByTheServerNotRouted() throws Exception {
        try (Socket s = connect()) {
            Wire.send(s, "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\nGET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
            InputStream in = s.getInputStream();
            RawResponse options = Wire.readResponse(in);
            assertEquals(200, options.status(), options.head());
            assertTrue(options.head().contains("\r\nAllow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS\r\n"), options.head());
            assertEquals(0, options.body().length);
            // The connection goes on.
            assertEquals("Hello, World!", Wire.readResponse(in).text());
        }
    }

    @Test
    void aHostWhosePortIsNotANumberIs400() throws Exception {
        try (Socket s = connect()) {
            Wire.send(s, "GET /plaintext HTTP/1.1\r\nHost: example.com:abc\r\n\r\n");
            InputStream in = s.getInputStream();
            RawResponse r = Wire.readResponse(in);
            assertEquals(400, r.status(), r.head());
            assertTrue(r.text().contains("Host header port is not a number: abc"), r.text());
            assertTrue(r.closes(), r.head());
            assertEquals(-1, in.read());
        }
    }

    @Test
    void aTlsClientHelloOnThePlainPortIsAnswered400AtOnce() throws Exception {
        // A real ClientHello, from the JDK's TLS stack: it reads the server's plaintext answer as a
        // broken TLS record, which is how a TLS client learns it spoke to a plain port.
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(null, null, null);
        try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            SSLException e = assertThrows(SSLException.class, s::startHandshake);
            assertTrue(e.getMessage().contains("unrecognized SSL message"), e.toString());
        }
        // The same bytes seen raw: a 400 that says why, then the connection closes.
        byte[] hello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
        try (Socket s = connect()) {
            s.getOutputStream().write(hello);
            InputStream in = s.getInputStream();
            RawResponse r = Wire.readResponse(in);
            assertEquals(400, r.status(), r.head());
            assertTrue(r.text().contains("cannot begin an HTTP request line"), r.text());
            assertTrue(r.closes(), r.head());
            assertNull(Wire.readResponse(in));
        }
    }

    @Test
    void opensslTalkingTlsToThePlainPortGetsAnAnswerNotAWait() throws Exception {
        Path openssl = Path.of("/usr/bin/openssl");
        Assumptions.assumeTrue(Files.isExecutable(openssl), "openssl is not installed");
        Process p = new ProcessBuilder(openssl.toString(), "s_client", "-connect", "127.0.0.1:" + server.port(),
                "-servername", "localhost").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "openssl still waits for an answer: " + out);
        // OpenSSL reads "HTTP/1.1 400" as a record of a TLS version it does not know.
        assertTrue(out.contains("wrong version number") || out.contains("packet length too long")
                || out.contains("record layer failure"), out);
    }

    @Test
    void aMalformedChunkSizeBeforeTheResponseStartedIs400AndClose() throws Exception {
        for (String path : new String[] {"/upper", "/echo"}) {
            try (Socket s = connect()) {
                // Head and broken chunk in one write: no response byte exists yet.
                Wire.send(s, "POST " + path + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
                InputStream in = s.getInputStream();
                RawResponse r = Wire.readResponse(in);
                assertEquals(400, r.status(), path + ": " + r.head());
                assertTrue(r.text().contains("chunk size"), r.text());
                assertTrue(r.closes(), r.head());
                assertNull(Wire.readResponse(in));
            }
        }
    }
}
