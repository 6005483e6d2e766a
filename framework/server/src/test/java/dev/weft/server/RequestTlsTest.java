package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpMethod;
import dev.weft.server.tls.TlsInfo;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

/** What a request says about TLS: its scheme, and that a body swap keeps the session. */
class RequestTlsTest {
    private static final TlsInfo TLS = new TlsInfo("localhost", "TLSv1.3", "TLS_AES_128_GCM_SHA256", "http/1.1");

    @Test
    void aRequestOverTlsSaysHttpsAndKeepsItsSessionAcrossWithBody() {
        Request r = Request.builder(HttpMethod.POST, "/x").tls(TLS).build();
        assertEquals("https", r.scheme());
        assertEquals("https", r.client().scheme());
        Request swapped = r.withBody(RequestBody.empty());
        assertEquals(TLS, swapped.tls().orElseThrow());
        assertEquals("https", swapped.scheme());
    }

    @Test
    void aPlainRequestSaysHttp() {
        Request r = Request.builder(HttpMethod.GET, "/x").build();
        assertEquals("http", r.scheme());
        assertTrue(r.withBody(RequestBody.empty()).tls().isEmpty());
    }

    @Test
    void aTrustedProxysProtoStillWinsOverTheConnectionsScheme() {
        Request r = Request.builder(HttpMethod.GET, "/x").tls(TLS)
                .remoteAddress(new InetSocketAddress("10.0.0.1", 4000))
                .trustedProxies(TrustedProxies.of("10.0.0.0/8"))
                .header("X-Forwarded-Proto", "http")
                .build();
        assertEquals("http", r.scheme());
    }
}
