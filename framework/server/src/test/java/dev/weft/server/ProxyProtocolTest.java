package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.Async;
import dev.weft.server.ServerStats.CloseCause;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The PROXY protocol on a real listener: the header's source address becomes the request's peer,
 * the HTTP decoder never sees the header, and a connection without a valid header is closed
 * without a byte of response.
 */
@Timeout(60)
class ProxyProtocolTest {
    private static final byte[] SIG = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final String GET = "GET /who HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

    private static Async<Response> who(Request r) {
        return Async.ready(Response.text(r.remoteAddress().getAddress().getHostAddress() + " "
                + r.remoteAddress().getPort() + " " + r.clientAddress().getAddress().getHostAddress()));
    }

    private static Server start(ServerConfig.Builder b) {
        return Server.start(b.host("127.0.0.1").port(0).workers(2).proxyProtocol(true).build(), ProxyProtocolTest::who);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] v2Inet4(int command, String src, int sport) {
        ByteBuffer b = ByteBuffer.allocate(16 + 12 + 7);
        b.put(SIG).put((byte) (0x20 | command)).put((byte) 0x11).putShort((short) (12 + 7));
        b.put(InetAddress.ofLiteral(src).getAddress()).put(new byte[]{127, 0, 0, 1});
        b.putShort((short) sport).putShort((short) 8080);
        b.put((byte) 0x02).putShort((short) 4).put(ascii("host")); // a TLV (authority), skipped
        return b.array();
    }

    /** Sends the parts one write at a time and reads until the server closes. */
    private static String exchange(int port, byte[]... parts) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            for (byte[] p : parts) {
                out.write(p);
                out.flush();
            }
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void v1SourceBecomesThePeer() throws Exception {
        try (Server server = start(ServerConfig.builder())) {
            String r = exchange(server.port(), ascii("PROXY TCP4 203.0.113.9 127.0.0.1 40001 8080\r\n" + GET));
            assertTrue(r.startsWith("HTTP/1.1 200 "), r);
            assertEquals("203.0.113.9 40001 203.0.113.9", body(r));
        }
    }

    @Test
    void v1Tcp6AndAHeaderSplitOverManyWrites() throws Exception {
        try (Server server = start(ServerConfig.builder())) {
            byte[] header = ascii("PROXY TCP6 2001:db8::5 ::1 5555 8080\r\n");
            byte[][] parts = new byte[header.length + 1][];
            for (int i = 0; i < header.length; i++) {
                parts[i] = new byte[]{header[i]};
            }
            parts[header.length] = ascii(GET);
            String r = exchange(server.port(), parts);
            assertEquals("2001:db8:0:0:0:0:0:5 5555 2001:db8:0:0:0:0:0:5", body(r));
        }
    }

    @Test
    void v2SourceBecomesThePeerAndTlvsAreSkipped() throws Exception {
        try (Server server = start(ServerConfig.builder())) {
            String r = exchange(server.port(), v2Inet4(1, "198.51.100.77", 61000), ascii(GET));
            assertEquals("198.51.100.77 61000 198.51.100.77", body(r));
        }
    }

    @Test
    void v2LocalKeepsTheSocketsPeer() throws Exception {
        try (Server server = start(ServerConfig.builder())) {
            String r = exchange(server.port(), v2Inet4(0, "198.51.100.77", 61000), ascii(GET));
            assertTrue(body(r).startsWith("127.0.0.1 "), r);
        }
    }

    @Test
    void theProxySourceIsThePeerThatTrustedProxiesAreCheckedAgainst() throws Exception {
        // The balancer at 10.1.1.1 (per the PROXY header) is trusted, so its X-Forwarded-For counts.
        try (Server server = start(ServerConfig.builder().trustedProxies(TrustedProxies.of("10.0.0.0/8")))) {
            String r = exchange(server.port(), ascii("PROXY TCP4 10.1.1.1 127.0.0.1 1234 8080\r\n"
                    + "GET /who HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 192.0.2.44\r\nConnection: close\r\n\r\n"));
            assertEquals("10.1.1.1 1234 192.0.2.44", body(r));
        }
    }

    @Test
    void keepAliveRequestsAfterTheHeaderAllSeeTheSource() throws Exception {
        try (Server server = start(ServerConfig.builder())) {
            String keep = "GET /who HTTP/1.1\r\nHost: x\r\n\r\n";
            String r = exchange(server.port(), ascii("PROXY TCP4 192.0.2.8 127.0.0.1 1 8080\r\n" + keep + keep + GET));
            assertEquals(3, r.split("192.0.2.8 1 192.0.2.8", -1).length - 1, r);
        }
    }

    @Test
    void aMissingHeaderClosesWithoutAResponse() throws Exception {
        try (Server server = start(ServerConfig.builder())) {
            assertEquals("", exchange(server.port(), ascii(GET)));
            awaitClosed(server, CloseCause.BAD_REQUEST, 1);
        }
    }

    @Test
    void aMalformedHeaderClosesWithoutAResponse() throws Exception {
        try (Server server = start(ServerConfig.builder())) {
            assertEquals("", exchange(server.port(), ascii("PROXY TCP4 192.0.2.300 127.0.0.1 1 2\r\n" + GET)));
            byte[] badVersion = v2Inet4(1, "192.0.2.1", 1);
            badVersion[12] = 0x31;
            assertEquals("", exchange(server.port(), badVersion, ascii(GET)));
            awaitClosed(server, CloseCause.BAD_REQUEST, 2);
        }
    }

    @Test
    void aHeaderThatDoesNotArriveInTimeClosesWithoutAResponse() throws Exception {
        try (Server server = start(ServerConfig.builder().headerReadTimeout(Duration.ofMillis(300)))) {
            // Half a header, then silence: the server gives up at the header-read timeout.
            assertEquals("", exchange(server.port(), ascii("PROXY TCP4 192.0.2.1")));
            // Nothing at all, then silence.
            assertEquals("", exchange(server.port()));
            awaitClosed(server, CloseCause.HEADER_TIMEOUT, 2);
        }
    }

    @Test
    void aClientThatConnectsAndLeavesIsNotAnError() throws Exception {
        try (Server server = start(ServerConfig.builder())) {
            new Socket("127.0.0.1", server.port()).close();
            awaitClosed(server, CloseCause.DONE, 1);
        }
    }

    private static void awaitClosed(Server server, CloseCause cause, long count) throws InterruptedException {
        // The server closes its side when the client's read ends; its counters follow at once.
        while (server.stats().connectionsClosedByCause().get(cause) < count) {
            Thread.sleep(10);
        }
        assertEquals(count, server.stats().connectionsClosedByCause().get(cause));
    }
}
