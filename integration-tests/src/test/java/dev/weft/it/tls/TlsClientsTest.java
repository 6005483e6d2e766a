package dev.weft.it.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.examples.Main;
import dev.weft.server.Server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The echo example with {@code --tls-port --tls-cert --tls-key}, against curl and
 * {@code openssl s_client}: the same routes over HTTPS beside the plain port, TLS 1.3 and 1.2,
 * ALPN, SNI, streamed bodies of several MiB, and what a plain HTTP client on the TLS port gets.
 */
@Timeout(180)
class TlsClientsTest {
    @TempDir
    static Path dir;
    private static TestCertificates.Pair pair;
    private static Server server;

    @BeforeAll
    static void start() throws Exception {
        pair = TestCertificates.ec(dir, "example");
        server = Main.start("--host", "127.0.0.1", "--port", "0", "--tls-port", "0",
                "--tls-cert", pair.cert().toString(), "--tls-key", pair.key().toString());
    }

    @AfterAll
    static void stop() {
        server.shutdown(Duration.ofSeconds(5));
    }

    private static String https(String path) {
        return "https://localhost:" + server.tlsPort() + path;
    }

    @Test
    void curlGetsTheSameRoutesOverHttpsAndHttp() throws Exception {
        Result tls = run(null, "curl", "-sS", "-v", "--cacert", pair.cert().toString(), https("/plaintext"));
        assertEquals(0, tls.exit, tls.err);
        assertEquals("Hello, World!", tls.out);
        assertTrue(tls.err.contains("ALPN: server accepted http/1.1"), tls.err);
        assertTrue(tls.err.contains("SSL connection using TLSv1.3"), tls.err);
        Result plain = run(null, "curl", "-sS", "http://127.0.0.1:" + server.port() + "/plaintext");
        assertEquals("Hello, World!", plain.out);
    }

    @Test
    void curlRefusesTheCertificateWithoutTheTestCa() throws Exception {
        Result r = run(null, "curl", "-sS", "--capath", dir.toString(), "--cacert", "/dev/null", https("/plaintext"));
        assertNotEquals(0, r.exit, r.out);
    }

    @Test
    void curlOverTls12() throws Exception {
        Result r = run(null, "curl", "-sS", "-v", "--tlsv1.2", "--tls-max", "1.2", "--cacert", pair.cert().toString(),
                https("/user/7"));
        assertEquals("user 7", r.out, r.err);
        assertTrue(r.err.contains("SSL connection using TLSv1.2"), r.err);
    }

    @Test
    void curlStreamsSeveralMebibytesThroughTheEchoByteForByte() throws Exception {
        byte[] body = new byte[9 * 1024 * 1024 + 5];
        new Random(11).nextBytes(body);
        Path in = dir.resolve("upload.bin");
        Path out = dir.resolve("download.bin");
        Files.write(in, body);
        Result r = run(null, "curl", "-sS", "--cacert", pair.cert().toString(), "-H", "Content-Type: application/octet-stream",
                "--data-binary", "@" + in, "-o", out.toString(), https("/echo"));
        assertEquals(0, r.exit, r.err);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertArrayEquals(sha.digest(body), MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out)));
    }

    @Test
    void curlSpeakingPlainHttpToTheTlsPortGets400() throws Exception {
        Result r = run(null, "curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:" + server.tlsPort() + "/plaintext");
        assertEquals("400", r.out, r.err);
    }

    @Test
    void opensslNegotiatesTls13WithAlpnAndSni() throws Exception {
        String request = "GET /plaintext HTTP/1.1\r\nHost: alt.example\r\nConnection: close\r\n\r\n";
        Result r = run(request, "openssl", "s_client", "-connect", "127.0.0.1:" + server.tlsPort(), "-servername", "alt.example",
                "-alpn", "http/1.1", "-tls1_3", "-CAfile", pair.cert().toString(), "-ign_eof");
        assertTrue(r.out.contains("Protocol  : TLSv1.3"), r.all());
        assertTrue(r.out.contains("ALPN protocol: http/1.1"), r.all());
        assertTrue(r.out.contains("Verify return code: 0 (ok)"), r.all());
        assertTrue(r.out.contains("HTTP/1.1 200 OK"), r.out);
        assertTrue(r.out.contains("Hello, World!"), r.out);
    }

    @Test
    void opensslNegotiatesTls12() throws Exception {
        Result r = run("", "openssl", "s_client", "-connect", "127.0.0.1:" + server.tlsPort(), "-alpn", "http/1.1",
                "-tls1_2", "-CAfile", pair.cert().toString());
        assertTrue(r.out.contains("Protocol  : TLSv1.2"), r.all());
        assertTrue(r.out.contains("ALPN protocol: http/1.1"), r.all());
    }

    @Test
    void opensslCannotGetTls11OrAnAlpnOtherThanHttp11() throws Exception {
        Result old = run("", "openssl", "s_client", "-connect", "127.0.0.1:" + server.tlsPort(), "-tls1_1");
        assertNotEquals(0, old.exit, old.all());
        assertTrue(old.out.contains("Cipher is (NONE)"), old.all());
        assertTrue(old.err.contains("alert protocol version"), old.all());
        Result h2 = run("", "openssl", "s_client", "-connect", "127.0.0.1:" + server.tlsPort(), "-alpn", "h2");
        assertNotEquals(0, h2.exit, h2.all());
        assertTrue(h2.err.contains("no application protocol"), h2.all());
    }

    @Test
    void pipelinedRequestsThroughOpensslAreAnsweredInOrder() throws Exception {
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            requests.append("GET /user/").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        requests.append("GET /plaintext HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        Result r = run(requests.toString(), "openssl", "s_client", "-quiet", "-connect", "127.0.0.1:" + server.tlsPort(),
                "-CAfile", pair.cert().toString(), "-ign_eof");
        int from = 0;
        for (int i = 0; i < 30; i++) {
            int at = r.out.indexOf("user " + i + "HTTP/1.1", from);
            if (i == 29) {
                at = r.out.indexOf("user 29", from);
            }
            assertTrue(at >= 0, "response " + i + " missing or out of order: " + r.out);
            from = at;
        }
        assertTrue(r.out.endsWith("Hello, World!"), r.out);
    }

    /**
     * Python's ssl module in strict mode ({@code suppress_ragged_eofs=False}) tells a TLS close
     * (close_notify, RFC 8446 §6.1) from a bare TCP close, which a client must treat as a
     * possible truncation.
     */
    @Test
    void closesWithCloseNotifyAfterConnectionClose() throws Exception {
        String script = String.join("\n",
                "import socket, ssl, sys",
                "ctx = ssl.create_default_context(cafile=sys.argv[2])",
                "s = ctx.wrap_socket(socket.create_connection(('127.0.0.1', int(sys.argv[1]))), server_hostname='localhost',",
                "                    suppress_ragged_eofs=False)",
                "s.sendall(b'GET /plaintext HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n')",
                "data = b''",
                "try:",
                "    while True:",
                "        chunk = s.recv(4096)",
                "        if not chunk:",
                "            print('close_notify'); break",
                "        data += chunk",
                "except ssl.SSLEOFError as e:",
                "    print('no close_notify:', e)",
                "print(data.decode().split('\\r\\n\\r\\n', 1)[1])");
        Result r = run(null, "python3", "-c", script, Integer.toString(server.tlsPort()), pair.cert().toString());
        assertEquals("close_notify\nHello, World!\n", r.out, r.err);
    }

    private record Result(int exit, String out, String err) {
        /** openssl s_client writes its session summary to stdout and its errors to stderr. */
        String all() {
            return out + err;
        }
    }

    /** Runs a program with {@code stdin} as its input (then closed), and collects what it prints. */
    private static Result run(String stdin, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.US_ASCII));
            }
        }
        String out;
        try (InputStream o = p.getInputStream()) {
            out = new String(o.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish");
        }
        String errText = Files.readString(err, StandardCharsets.ISO_8859_1);
        return new Result(p.exitValue(), out, errText);
    }
}
