package dev.weft.it.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpStatus;
import dev.weft.runtime.Async;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.ResponseBody;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;
import dev.weft.server.ServerStats.CloseCause;
import dev.weft.server.tls.TlsConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS on the same server as plain HTTP, against a certificate made by openssl: the JDK's
 * HttpClient and SSLSocket as clients, and raw sockets for clients that misbehave.
 */
@Timeout(120)
class TlsServerTest {
    @TempDir
    static Path dir;
    private static TestCertificates.Pair pair;
    private static Server server;
    private static SSLContext trusting;

    static Async<Response> route(Request request) {
        return switch (request.path()) {
            case "/info" -> Async.ready(Response.text(request.tls()
                    .map(t -> "sni=" + t.serverName() + " protocol=" + t.protocol() + " alpn=" + t.applicationProtocol())
                    .orElse("plain")));
            case "/echo" -> Async.ready(new Response(HttpStatus.OK, HttpHeaders.of("Content-Type", "application/octet-stream"),
                    ResponseBody.stream(request.body(), request.body().contentLength())));
            case "/big" -> Async.ready(Response.bytes(HttpStatus.OK, "application/octet-stream", bigBody()));
            default -> Async.ready(Response.text(HttpStatus.NOT_FOUND, "no route"));
        };
    }

    private static byte[] bigBody() {
        byte[] b = new byte[5 * 1024 * 1024 + 17];
        new Random(7).nextBytes(b);
        return b;
    }

    @BeforeAll
    static void start() throws Exception {
        pair = TestCertificates.rsa(dir, "server");
        trusting = pair.trustingContext();
        server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2)
                .tls(TlsConfig.builder().port(0).pem(pair.cert(), pair.key()).build())
                .build(), TlsServerTest::route);
    }

    @AfterAll
    static void stop() {
        // Checking mode: shutdown fails if a TLS connection misused or kept a pooled buffer.
        server.shutdown(Duration.ofSeconds(5));
    }

    /** The JDK's client as it comes: it offers h2 and http/1.1 with ALPN, and must settle on http/1.1. */
    private static HttpClient client() {
        return HttpClient.newBuilder().sslContext(trusting).build();
    }

    private static URI https(String path) {
        return URI.create("https://localhost:" + server.tlsPort() + path);
    }

    @Test
    void servesTheSameServiceOverHttpsAndPlainHttp() throws Exception {
        HttpClient client = client();
        HttpResponse<String> tls = client.send(HttpRequest.newBuilder(https("/info")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, tls.statusCode());
        assertTrue(tls.body().contains("protocol=TLSv1.3"), tls.body());
        assertTrue(tls.body().contains("alpn=http/1.1"), tls.body());
        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/info")).version(HttpClient.Version.HTTP_1_1).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("plain", plain.body());
    }

    @Test
    void handlersSeeTheServerNameTheClientAskedFor() throws Exception {
        // A context of its own for each: the JDK's client resends a cached session's name when it resumes it.
        try (SSLSocket s = tlsSocket(pair.trustingContext(), "alt.example", null)) {
            String r = exchange(s, "GET /info HTTP/1.1\r\nHost: alt.example\r\nConnection: close\r\n\r\n");
            assertTrue(r.endsWith("sni=alt.example protocol=TLSv1.3 alpn=http/1.1"), r);
        }
        try (SSLSocket s = tlsSocket(pair.trustingContext(), "other.example", null)) {
            String r = exchange(s, "GET /info HTTP/1.1\r\nHost: other.example\r\nConnection: close\r\n\r\n");
            assertTrue(r.endsWith("sni=other.example protocol=TLSv1.3 alpn=http/1.1"), r);
        }
    }

    @Test
    void negotiatesTls12WhenTheClientOffersOnlyThat() throws Exception {
        try (SSLSocket s = tlsSocket("localhost.example", new String[] {"TLSv1.2"})) {
            String r = exchange(s, "GET /info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertTrue(r.contains("protocol=TLSv1.2"), r);
        }
    }

    @Test
    void refusesTls11() throws Exception {
        try (SSLSocket s = (SSLSocket) clientContext("TLSv1.1").getSocketFactory().createSocket("127.0.0.1", server.tlsPort())) {
            s.setEnabledProtocols(new String[] {"TLSv1.1"});
            assertThrows(IOException.class, s::startHandshake);
        }
    }

    @Test
    void echoesSeveralMebibytesBothWaysByteForByte() throws Exception {
        byte[] body = new byte[7 * 1024 * 1024 + 3];
        new Random(42).nextBytes(body);
        HttpClient client = client();
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(https("/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertArrayEquals(sha256(body), sha256(r.body()));
        HttpResponse<byte[]> big = client.send(HttpRequest.newBuilder(https("/big")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(sha256(bigBody()), sha256(big.body()));
    }

    @Test
    void answersPipelinedRequestsInOrder() throws Exception {
        try (SSLSocket s = tlsSocket("localhost.example", null)) {
            StringBuilder batch = new StringBuilder();
            int n = 40;
            for (int i = 0; i < n; i++) {
                String body = "request-" + i;
                batch.append("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: ").append(body.length())
                        .append("\r\n\r\n").append(body);
            }
            batch.append("GET /info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String all = exchange(s, batch.toString());
            int from = 0;
            for (int i = 0; i < n; i++) {
                int at = all.indexOf("request-" + i + "HTTP/1.1 200", from);
                assertTrue(at >= 0, "response " + i + " missing or out of order");
                from = at;
            }
            assertTrue(all.endsWith("alpn=http/1.1"), all);
        }
    }

    /** Handshakes (their tasks on virtual threads) and requests from many clients at once. */
    @Test
    void manyConcurrentClientsEachGetTheirOwnAnswer() throws Exception {
        int threads = 16;
        int connectionsEach = 12;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    int ok = 0;
                    for (int c = 0; c < connectionsEach; c++) {
                        // A context per connection: a full handshake each time, no resumption.
                        try (SSLSocket s = tlsSocket(pair.trustingContext(), "localhost.example", null)) {
                            String body = "thread-" + thread + "-connection-" + c + "-" + "x".repeat(thread * 100 + c);
                            String r = exchange(s, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length()
                                    + "\r\n\r\n" + body + "GET /info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                            if (r.contains("\r\n\r\n" + body + "HTTP/1.1 200 OK") && r.endsWith("alpn=http/1.1")) {
                                ok++;
                            }
                        }
                    }
                    return ok;
                }));
            }
            int ok = 0;
            for (java.util.concurrent.Future<Integer> f : done) {
                ok += f.get();
            }
            assertEquals(threads * connectionsEach, ok);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void answersPlainHttpOnTheTlsPortWith400AndCloses() throws Exception {
        long before = closed(CloseCause.TLS_HANDSHAKE);
        try (Socket s = new Socket("127.0.0.1", server.tlsPort())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String r = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(r.startsWith("HTTP/1.1 400 Bad Request\r\n"), r);
            assertTrue(r.contains("This port speaks HTTPS"), r);
        }
        awaitClosed(CloseCause.TLS_HANDSHAKE, before + 1);
    }

    @Test
    void closesAConnectionThatSendsGarbage() throws Exception {
        long before = closed(CloseCause.TLS_HANDSHAKE);
        try (Socket s = new Socket("127.0.0.1", server.tlsPort())) {
            s.setSoTimeout(30_000);
            byte[] garbage = new byte[300];
            new Random(3).nextBytes(garbage);
            garbage[0] = 0x16; // looks like a handshake record, is not one
            garbage[1] = 0x03;
            garbage[2] = 0x03;
            garbage[3] = 0x00;
            garbage[4] = (byte) 200;
            s.getOutputStream().write(garbage);
            assertConnectionEnds(s.getInputStream());
        }
        awaitClosed(CloseCause.TLS_HANDSHAKE, before + 1);
        try (Socket s = new Socket("127.0.0.1", server.tlsPort())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(new byte[] {0, 1, 2, 3});
            assertConnectionEnds(s.getInputStream());
        }
        awaitClosed(CloseCause.TLS_HANDSHAKE, before + 2);
        assertEquals(200, client().send(HttpRequest.newBuilder(https("/info")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void closesAHandshakeThatDoesNotFinishInTime() throws Exception {
        try (Server s = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(1)
                .tls(TlsConfig.builder().port(0).pem(pair.cert(), pair.key()).handshakeTimeout(Duration.ofMillis(300)).build())
                .build(), TlsServerTest::route)) {
            // Silent after connecting, and silent after half a ClientHello; the idle timeout (60 s)
            // is far away, so only the handshake timeout can close them.
            try (Socket silent = new Socket("127.0.0.1", s.tlsPort());
                 Socket half = new Socket("127.0.0.1", s.tlsPort())) {
                silent.setSoTimeout(30_000);
                half.setSoTimeout(30_000);
                half.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x01, 0x00, 0x01, 0x00, 0x00, (byte) 0xfc, 0x03, 0x03});
                assertConnectionEnds(silent.getInputStream());
                assertConnectionEnds(half.getInputStream());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (s.stats().connectionsClosedByCause().get(CloseCause.TLS_HANDSHAKE) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(2, s.stats().connectionsClosedByCause().get(CloseCause.TLS_HANDSHAKE));
        }
    }

    @Test
    void survivesAClientThatDropsMidHandshake() throws Exception {
        // A server of its own, so that every connection it counts is one of this test's.
        try (Server s = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(2)
                .tls(TlsConfig.builder().port(0).pem(pair.cert(), pair.key()).build())
                .build(), TlsServerTest::route)) {
            for (int i = 0; i < 20; i++) {
                try (Socket raw = new Socket("127.0.0.1", s.tlsPort())) {
                    raw.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x01, 0x00, 0x01, 0x00});
                }
            }
            try (SSLSocket tls = tlsSocket("localhost.example", null, s.tlsPort())) {
                // A client that goes away after the server's first flight, before its Finished.
                tls.getOutputStream().write("GET /info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (s.openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, s.openConnections());
            try (HttpClient c = client()) {
                assertEquals(200, c.send(HttpRequest.newBuilder(URI.create("https://localhost:" + s.tlsPort() + "/info")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
            }
        }
    }

    @Test
    void reloadedCertificateIsPresentedToNewHandshakes() throws Exception {
        Path reloadDir = Files.createDirectories(dir.resolve("reload"));
        TestCertificates.Pair first = TestCertificates.ec(reloadDir, "first");
        TestCertificates.Pair second = TestCertificates.ec(reloadDir, "second");
        Path cert = reloadDir.resolve("live-cert.pem");
        Path key = reloadDir.resolve("live-key.pem");
        Files.copy(first.cert(), cert);
        Files.copy(first.key(), key);
        try (Server s = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).workers(1)
                .tls(TlsConfig.builder().port(0).pem(cert, key).build()).build(), TlsServerTest::route)) {
            assertEquals(first.certificate().getSerialNumber(), servedSerial(s.tlsPort()));
            // Renewed in place, as certbot does, then reloaded.
            Files.copy(second.cert(), cert, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(second.key(), key, StandardCopyOption.REPLACE_EXISTING);
            assertEquals(first.certificate().getSerialNumber(), servedSerial(s.tlsPort()));
            assertEquals(second.certificate().getSerialNumber(), s.reloadTls().getSerialNumber());
            assertEquals(second.certificate().getSerialNumber(), servedSerial(s.tlsPort()));
            // A broken file is refused and the served certificate stays.
            Files.writeString(key, "not a key");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::reloadTls);
            assertTrue(e.getMessage().contains(key.toString()), e.getMessage());
            assertEquals(second.certificate().getSerialNumber(), servedSerial(s.tlsPort()));
        }
    }

    /** The README's HTTPS section, as written there (with the test's certificate). */
    @Test
    void readmeExample() throws Exception {
        dev.weft.router.Router router = dev.weft.router.Router.create();
        Server server = Server.start(ServerConfig.builder()
                .host("127.0.0.1").port(0)
                .tls(TlsConfig.builder()
                        .port(0)
                        .pem(pair.cert(), pair.key())
                        .build())
                .build(), router.get("/whoami", dev.weft.router.extract.Extractors.request(), r -> r.tls()
                        .map(t -> t.serverName() + " over " + t.protocol())
                        .orElse("plain HTTP")));
        try {
            assertEquals(pair.certificate().getSerialNumber(), server.reloadTls().getSerialNumber());
            HttpResponse<String> tls = client().send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + server.tlsPort() + "/whoami")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("localhost over TLSv1.3", tls.body());
            HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/whoami")).version(HttpClient.Version.HTTP_1_1).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("plain HTTP", plain.body());
        } finally {
            server.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void clientThatOffersOnlyH2IsRefusedByAlpn() throws Exception {
        try (SSLSocket s = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", server.tlsPort())) {
            SSLParameters p = s.getSSLParameters();
            p.setApplicationProtocols(new String[] {"h2"});
            s.setSSLParameters(p);
            assertThrows(SSLHandshakeException.class, s::startHandshake);
        }
    }

    private static java.math.BigInteger servedSerial(int port) throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new javax.net.ssl.TrustManager[] {new TrustAll()}, null);
        try (SSLSocket s = (SSLSocket) trustAll.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.startHandshake();
            return ((java.security.cert.X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    private static SSLSocket tlsSocket(String serverName, String[] protocols) throws IOException {
        return tlsSocket(trusting, serverName, protocols);
    }

    private static SSLSocket tlsSocket(String serverName, String[] protocols, int port) throws IOException {
        return tlsSocket(trusting, serverName, protocols, port);
    }

    private static SSLSocket tlsSocket(SSLContext context, String serverName, String[] protocols) throws IOException {
        return tlsSocket(context, serverName, protocols, server.tlsPort());
    }

    private static SSLSocket tlsSocket(SSLContext context, String serverName, String[] protocols, int port)
            throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        SSLParameters p = s.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName(serverName)));
        p.setApplicationProtocols(new String[] {"http/1.1"});
        if (protocols != null) {
            p.setProtocols(protocols);
        }
        s.setSSLParameters(p);
        s.setSoTimeout(30_000);
        return s;
    }

    private static SSLContext clientContext(String protocol) throws Exception {
        SSLContext c = SSLContext.getInstance(protocol);
        c.init(null, new javax.net.ssl.TrustManager[] {new TrustAll()}, null);
        return c;
    }

    /** Writes {@code requests} in one go and reads until the server closes. */
    private static String exchange(Socket s, String requests) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(requests.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            all.write(buf, 0, n);
        }
        return all.toString(StandardCharsets.US_ASCII);
    }

    /** The server closed the connection: end of stream, or a reset. */
    private static void assertConnectionEnds(InputStream in) {
        try {
            byte[] buf = new byte[1024];
            while (in.read(buf) >= 0) {
                // discard whatever came before the end
            }
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open", e);
        } catch (IOException reset) {
            // a reset ends it too
        }
    }

    private static long closed(CloseCause cause) {
        return server.stats().connectionsClosedByCause().get(cause);
    }

    private static void awaitClosed(CloseCause cause, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (closed(cause) < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(closed(cause) >= atLeast, cause + " closes: " + closed(cause) + ", expected at least " + atLeast);
    }

    private static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    /** For reading the served certificate whatever it is. */
    private static final class TrustAll implements javax.net.ssl.X509TrustManager {
        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
        }

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
        }
    }
}
