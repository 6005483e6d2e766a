package dev.weft.server.internal.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpHeaders;
import dev.weft.server.ClientInfo;
import dev.weft.server.TrustedProxies;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client, scheme and host worked out from forwarding headers, and only through trusted peers. */
class ForwardingTest {
    private static final TrustedProxies PROXIES = TrustedProxies.of("10.0.0.0/8", "2001:db8:ffff::/48");
    private static final InetSocketAddress PROXY = peer("10.0.0.1");
    private static final InetSocketAddress STRANGER = peer("192.0.2.200");
    private static final InetSocketAddress LOCAL = peer("10.9.9.9");

    private static InetSocketAddress peer(String ip) {
        return new InetSocketAddress(InetAddress.ofLiteral(ip), 40000);
    }

    private static ClientInfo resolve(InetSocketAddress from, String... namesAndValues) {
        HttpHeaders h = HttpHeaders.of(namesAndValues);
        return Forwarding.resolve(h, from, PROXIES, "http", h.get("Host"), LOCAL);
    }

    private static String ip(ClientInfo c) {
        return c.address().getHostString();
    }

    @Test
    void anUntrustedPeerChangesNothing() {
        ClientInfo c = resolve(STRANGER, "Host", "a.example", "Forwarded", "for=203.0.113.1;proto=https;host=evil",
                "X-Forwarded-For", "203.0.113.2", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil");
        assertEquals(STRANGER, c.address());
        assertEquals("http", c.scheme());
        assertEquals("a.example", c.host());
    }

    @Test
    void noTrustedProxiesConfiguredBelievesNobody() {
        HttpHeaders h = HttpHeaders.of("X-Forwarded-For", "203.0.113.2");
        assertEquals(PROXY, Forwarding.resolve(h, PROXY, TrustedProxies.none(), "http", null, LOCAL).address());
    }

    @Test
    void forwardedGivesClientSchemeAndHost() {
        ClientInfo c = resolve(PROXY, "Host", "internal:8080", "Forwarded", "for=192.0.2.43;proto=HTTPS;host=www.example.com");
        assertEquals("192.0.2.43", ip(c));
        assertEquals(0, c.address().getPort());
        assertEquals("https", c.scheme());
        assertEquals("www.example.com", c.host());
    }

    @Test
    void forwardedQuotedIpv6WithPortAndCaseInsensitiveNames() {
        ClientInfo c = resolve(PROXY, "Forwarded", "For=\"[2001:db8:cafe::17]:4711\"; Proto=http");
        assertEquals(InetAddress.ofLiteral("2001:db8:cafe::17"), c.address().getAddress());
        assertEquals(4711, c.address().getPort());
    }

    @Test
    void forwardedWalksRightToLeftSkippingTrustedHops() {
        // client 203.0.113.7 -> edge proxy 10.1.1.1 -> proxy 10.0.0.1 (our peer). 198.51.100.1 was
        // sent by the client itself and must not win.
        ClientInfo c = resolve(PROXY, "Forwarded", "for=198.51.100.1;proto=http, for=203.0.113.7;proto=https;host=shop.example",
                "Forwarded", "for=10.1.1.1;proto=http;host=internal");
        assertEquals("203.0.113.7", ip(c));
        assertEquals("https", c.scheme());
        assertEquals("shop.example", c.host());
    }

    @Test
    void forwardedTrustedIpv6HopIsSkipped() {
        ClientInfo c = resolve(PROXY, "Forwarded", "for=192.0.2.1, for=\"[2001:db8:ffff::5]\"");
        assertEquals("192.0.2.1", ip(c));
    }

    @Test
    void everyHopTrustedMakesTheLeftmostTheClient() {
        assertEquals("10.3.3.3", ip(resolve(PROXY, "X-Forwarded-For", "10.3.3.3, 10.2.2.2")));
    }

    @Test
    void forwardedObfuscatedOrUnknownEndsTheWalkAtAnUnresolvedClient() {
        ClientInfo hidden = resolve(PROXY, "Forwarded", "for=192.0.2.1, for=\"_hidden:_port\";proto=https");
        assertTrue(hidden.address().isUnresolved());
        assertEquals("_hidden", hidden.address().getHostString());
        assertEquals("https", hidden.scheme());
        ClientInfo unknown = resolve(PROXY, "Forwarded", "for=unknown");
        assertTrue(unknown.address().isUnresolved());
        assertEquals("unknown", unknown.address().getHostString());
        // An element without for= tells nothing of who came before it.
        assertEquals("unknown", ip(resolve(PROXY, "Forwarded", "for=192.0.2.1, proto=https")));
    }

    @Test
    void forwardedQuotedStringsMayHoldSeparatorsAndEscapes() {
        ClientInfo c = resolve(PROXY, "Forwarded", "for=192.0.2.9;ext=\"a,b;c=\\\"d\\\"\";host=\"x.example:8443\", , for=10.0.0.7");
        assertEquals("192.0.2.9", ip(c));
        assertEquals("x.example:8443", c.host());
    }

    @Test
    void forwardedWinsOverXForwarded() {
        assertEquals("192.0.2.1", ip(resolve(PROXY, "Forwarded", "for=192.0.2.1", "X-Forwarded-For", "192.0.2.2")));
    }

    @Test
    void xForwardedForProtoAndHost() {
        ClientInfo c = resolve(PROXY, "Host", "internal", "X-Forwarded-For", "198.51.100.1, 203.0.113.7, 10.1.1.1",
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "shop.example");
        assertEquals("203.0.113.7", ip(c));
        assertEquals("https", c.scheme());
        assertEquals("shop.example", c.host());
    }

    @Test
    void xForwardedForFormsWithPortsAndIpv6() {
        assertEquals("192.0.2.3", ip(resolve(PROXY, "X-Forwarded-For", "192.0.2.3:5555")));
        assertEquals(InetAddress.ofLiteral("2001:db8::3"), resolve(PROXY, "X-Forwarded-For", "2001:db8::3").address().getAddress());
        assertEquals(InetAddress.ofLiteral("2001:db8::4"), resolve(PROXY, "X-Forwarded-For", "[2001:db8::4]:80").address().getAddress());
        // Split over several field lines, as proxies that append a line do.
        assertEquals("192.0.2.5", ip(resolve(PROXY, "X-Forwarded-For", "192.0.2.5", "X-Forwarded-For", "10.4.4.4")));
    }

    @Test
    void xForwardedProtoPerHopIsTakenAtTheClientsHop() {
        ClientInfo c = resolve(PROXY, "X-Forwarded-For", "203.0.113.7, 10.1.1.1", "X-Forwarded-Proto", "https, http");
        assertEquals("https", c.scheme());
    }

    @Test
    void protoAndHostAloneFromATrustedPeer() {
        ClientInfo c = resolve(PROXY, "Host", "internal", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "www.example:443");
        assertEquals(PROXY, c.address());
        assertEquals("https", c.scheme());
        assertEquals("www.example:443", c.host());
    }

    @Test
    void withoutHostTheLocalAddressIsTheHost() {
        assertEquals("10.9.9.9:40000", resolve(STRANGER).host());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "for=192.0.2.1:80",              // a colon must be quoted
        "for=\"[2001:db8::1\"",          // bracket never closed
        "for=\"2001:db8::1\"",           // IPv6 without brackets
        "for=\"[192.0.2.1]\"",           // IPv4 in brackets
        "for=example.com",               // a name is not a node
        "for=_",                         // empty obfuscated identifier
        "for=\"_a/b\"",                  // bad obfuscated identifier
        "for=\"192.0.2.1:99999\"",       // port out of range
        "for=\"192.0.2.1:\"",            // empty port
        "for=192.0.2.1;for=192.0.2.2",   // repeated parameter in one element
        "for=\"192.0.2.1",               // unterminated quoted string
        "for",                           // no value
        "for=",                          // empty value
        "=192.0.2.1",                    // no name
        "for=192.0.2.1 x",               // junk after a value
        "for=192.0.2.1;proto=\"ht tp\"", // not a scheme
        "for=192.0.2.1;host=\"a b\"",    // not a host
        "for=192.0.2.1;host=\"a/b\"",    // not a host
    })
    void aMalformedForwardedHeaderFromATrustedPeerIsIgnoredWhole(String value) {
        ClientInfo c = resolve(PROXY, "Host", "internal", "Forwarded", value);
        assertEquals(PROXY, c.address());
        assertEquals("http", c.scheme());
        assertEquals("internal", c.host());
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown", "client.example", "192.0.2.1:x", "300.1.1.1", "_hidden", "[::1", "192.0.2.1 10.0.0.1"})
    void aMalformedXForwardedForFromATrustedPeerIsIgnoredWhole(String value) {
        ClientInfo c = resolve(PROXY, "X-Forwarded-For", value + ", 10.1.1.1", "X-Forwarded-Proto", "https");
        assertEquals(PROXY, c.address());
        assertEquals("http", c.scheme());
    }

    @Test
    void aMalformedXForwardedProtoIsIgnoredWhole() {
        ClientInfo c = resolve(PROXY, "X-Forwarded-For", "192.0.2.1", "X-Forwarded-Proto", "ht tp");
        assertEquals(PROXY, c.address());
        assertFalse(c.address().isUnresolved());
    }
}
