package dev.weft.it.tls;

import static dev.weft.router.extract.Extractors.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.examples.echo.EchoApp;
import dev.weft.it.support.JdkWebSocketListener;
import dev.weft.server.Request;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;
import dev.weft.server.tls.TlsConfig;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS together with the features beside it, over real sockets: a PROXY protocol header before
 * the ClientHello (written apart from it by the JDK, in the same write by Python's ssl), WebSocket
 * over TLS (wss://) with the JDK client, file bodies (which cannot go zero-copy through TLS) with
 * the JDK client and curl, the scheme a request reports, and refusal at the connection limit.
 */
@Timeout(120)
class TlsWithFeaturesTest {
    @TempDir
    static Path dir;
    private static TestCertificates.Pair pair;
    private static SSLContext trusting;
    private static Server server;
    private static Server proxied;
    private static byte[] file;

    @BeforeAll
    static void start() throws Exception {
        pair = TestCertificates.rsa(dir, "features");
        trusting = pair.trustingContext();
        Path files = Files.createDirectories(dir.resolve("files"));
        file = new byte[6 * 1024 * 1024 + 123];
        new Random(11).nextBytes(file);
        Files.write(files.resolve("big.bin"), file);
        server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2)
                .tls(TlsConfig.builder().port(0).pem(pair.cert(), pair.key()).build())
                .build(), EchoApp.router(files).get("/who", request(), TlsWithFeaturesTest::who));
        proxied = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2).proxyProtocol(true)
                .tls(TlsConfig.builder().port(0).pem(pair.cert(), pair.key()).build())
                .build(), EchoApp.router().get("/who", request(), TlsWithFeaturesTest::who));
    }

    static String who(Request request) {
        return "remote=" + request.remoteAddress().getAddress().getHostAddress() + ":" + request.remoteAddress().getPort()
                + " scheme=" + request.scheme() + " client=" + request.client().scheme()
                + " tls=" + request.tls().isPresent();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (proxied != null) {
            proxied.close();
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().sslContext(trusting).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Test
    void aProxyV2HeaderBeforeTheClientHelloNamesTheClient() throws Exception {
        byte[] header = proxyV2(new byte[] {(byte) 203, 0, 113, 7}, 51234, new byte[] {127, 0, 0, 1}, 443);
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress("127.0.0.1", proxied.tlsPort()));
            OutputStream rawOut = raw.getOutputStream();
            rawOut.write(header);
            rawOut.flush();
            try (SSLSocket tls = (SSLSocket) trusting.getSocketFactory().createSocket(raw, "localhost", proxied.tlsPort(), true)) {
                tls.startHandshake();
                String answer = exchange(tls, "GET /who HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                assertEquals("remote=203.0.113.7:51234 scheme=https client=https tls=true", body(answer), answer);
            }
        }
    }

    /**
     * Python's ssl over memory buffers, so that the PROXY header and the ClientHello leave in one
     * write and arrive together: the bytes after the header must reach the TLS layer, once each.
     */
    private static final String ONE_WRITE_CLIENT = """
            import socket, ssl, sys
            port, cafile = int(sys.argv[1]), sys.argv[2]
            ctx = ssl.create_default_context(cafile=cafile)
            incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
            tls = ctx.wrap_bio(incoming, outgoing, server_hostname="localhost")
            sock = socket.create_connection(("127.0.0.1", port))
            try:
                tls.do_handshake()
            except ssl.SSLWantReadError:
                pass
            sock.sendall(b"PROXY TCP4 198.51.100.9 127.0.0.1 40000 443\\r\\n" + outgoing.read())
            def pump():
                data = outgoing.read()
                if data:
                    sock.sendall(data)
            while True:
                try:
                    tls.do_handshake()
                    break
                except ssl.SSLWantReadError:
                    pump()
                    chunk = sock.recv(65536)
                    if not chunk:
                        sys.exit("closed during the handshake")
                    incoming.write(chunk)
            pump()
            tls.write(b"GET /who HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n")
            pump()
            answer = b""
            while True:
                try:
                    piece = tls.read(65536)
                    if not piece:
                        break
                    answer += piece
                except ssl.SSLWantReadError:
                    pump()
                    chunk = sock.recv(65536)
                    if not chunk:
                        break
                    incoming.write(chunk)
                except ssl.SSLZeroReturnError:
                    break
            sys.stdout.write(answer.decode().split("\\r\\n\\r\\n", 1)[1])
            """;

    @Test
    void aProxyHeaderInTheSameWriteAsTheClientHelloLosesNoByte() throws Exception {
        String body = TestCertificates.run(List.of("python3", "-c", ONE_WRITE_CLIENT,
                Integer.toString(proxied.tlsPort()), pair.cert().toString()));
        assertEquals("remote=198.51.100.9:40000 scheme=https client=https tls=true", body);
    }

    @Test
    void theSchemeIsHttpsOnTheTlsPortAndHttpOnThePlainOne() throws Exception {
        HttpClient c = client();
        HttpResponse<String> s = c.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.tlsPort() + "/who")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, s.statusCode());
        assertEquals(true, s.body().endsWith("scheme=https client=https tls=true"), s.body());
        HttpResponse<String> p = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/who")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(true, p.body().endsWith("scheme=http client=http tls=false"), p.body());
    }

    @Test
    void aFileOfSeveralMebibytesComesWholeOverHttpsAndARangeToo() throws Exception {
        HttpClient c = client();
        URI uri = URI.create("https://127.0.0.1:" + server.tlsPort() + "/files/big.bin");
        HttpResponse<byte[]> whole = c.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, whole.statusCode());
        assertArrayEquals(file, whole.body());
        int from = 1_000_003;
        int to = 4_500_000;
        HttpResponse<byte[]> range = c.send(HttpRequest.newBuilder(uri).header("Range", "bytes=" + from + "-" + to).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, range.statusCode());
        assertEquals("bytes " + from + "-" + to + "/" + file.length, range.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(file, from, to + 1), range.body());
        // curl too, which checks the length the server announced.
        Path got = dir.resolve("curl.bin");
        TestCertificates.run(List.of("curl", "-sS", "--fail", "--cacert", pair.cert().toString(), "-o", got.toString(),
                "https://localhost:" + server.tlsPort() + "/files/big.bin", "--resolve", "localhost:" + server.tlsPort() + ":127.0.0.1"));
        assertArrayEquals(file, Files.readAllBytes(got));
    }

    @Test
    void webSocketOverTlsEchoesEveryMessageIncludingOneOfAMebibyte() throws Exception {
        JdkWebSocketListener listener = new JdkWebSocketListener();
        WebSocket ws = client().newWebSocketBuilder()
                .buildAsync(URI.create("wss://127.0.0.1:" + server.tlsPort() + "/ws"), listener)
                .get(30, TimeUnit.SECONDS);
        char[] big = new char[1024 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (char) ('a' + i % 26);
        }
        byte[] bigBinary = new byte[1024 * 1024];
        new Random(5).nextBytes(bigBinary);
        List<String> texts = List.of("hello", new String(big), "after the big one", "");
        for (String m : texts) {
            ws.sendText(m, true).get(30, TimeUnit.SECONDS);
        }
        ws.sendBinary(ByteBuffer.wrap(bigBinary), true).get(30, TimeUnit.SECONDS);
        for (String m : texts) {
            assertEquals(m, listener.next());
        }
        assertArrayEquals(bigBinary, (byte[]) listener.next());
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(30, TimeUnit.SECONDS);
        // The server's close frame comes back through TLS before its close_notify and FIN.
        assertEquals(WebSocket.NORMAL_CLOSURE, listener.closed.get(30, TimeUnit.SECONDS));
    }

    @Test
    void atTheLimitWithRejectionTheTlsPortClosesWhereThePlainPortAnswers503() throws Exception {
        try (Server limited = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2)
                .maxConnections(1).rejectExcessConnections(true)
                .tls(TlsConfig.builder().port(0).pem(pair.cert(), pair.key()).build())
                .build(), EchoApp.router().get("/who", request(), TlsWithFeaturesTest::who));
             SSLSocket holder = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", limited.tlsPort())) {
            // One keep-alive TLS connection takes the only place.
            holder.getOutputStream().write("GET /who HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            holder.getOutputStream().flush();
            byte[] head = new byte[12];
            holder.getInputStream().readNBytes(head, 0, head.length);
            assertEquals("HTTP/1.1 200", new String(head, StandardCharsets.US_ASCII));

            try (SSLSocket excess = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", limited.tlsPort())) {
                assertThrows(java.io.IOException.class, excess::startHandshake);
            }
            try (Socket plain = new Socket("127.0.0.1", limited.port())) {
                plain.getOutputStream().write("GET /who HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String answer = new String(plain.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(answer.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), answer);
            }
        }
    }

    static byte[] proxyV2(byte[] src, int srcPort, byte[] dst, int dstPort) {
        ByteBuffer b = ByteBuffer.allocate(16 + 12);
        b.put(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        b.put((byte) 0x21).put((byte) 0x11).putShort((short) 12);
        b.put(src).put(dst).putShort((short) srcPort).putShort((short) dstPort);
        return b.array();
    }

    private static String exchange(SSLSocket tls, String request) throws Exception {
        tls.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        tls.getOutputStream().flush();
        InputStream in = tls.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }
}
