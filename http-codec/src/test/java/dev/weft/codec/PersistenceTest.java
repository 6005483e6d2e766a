package dev.weft.codec;

import static dev.weft.codec.Wire.decodeOne;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 9112 §9.3 (persistence) and RFC 9110 §10.1.1 (Expect). */
class PersistenceTest {
    private static RequestHead head(String version, String headers) {
        String host = version.equals("HTTP/1.1") ? "Host: h\r\n" : "";
        return decodeOne("GET / " + version + "\r\n" + host + headers + "\r\n").head();
    }

    @Test
    @DisplayName("RFC 9112 §9.3: HTTP/1.1 persists by default")
    void http11Default() {
        assertTrue(head("HTTP/1.1", "").keepAlive());
    }

    @Test
    @DisplayName("RFC 9112 §9.3: Connection: close ends an HTTP/1.1 connection")
    void http11Close() {
        assertFalse(head("HTTP/1.1", "Connection: close\r\n").keepAlive());
        assertFalse(head("HTTP/1.1", "Connection: Upgrade, Close\r\n").keepAlive());
        assertFalse(head("HTTP/1.1", "Connection: keep-alive\r\nConnection: close\r\n").keepAlive());
    }

    @Test
    @DisplayName("RFC 9112 §9.3: HTTP/1.0 closes unless Connection: keep-alive")
    void http10() {
        assertFalse(head("HTTP/1.0", "").keepAlive());
        assertTrue(head("HTTP/1.0", "Connection: Keep-Alive\r\n").keepAlive());
        assertFalse(head("HTTP/1.0", "Connection: keep-alive, close\r\n").keepAlive());
    }

    @Test
    @DisplayName("RFC 9112 §6.3, §9.3: an HTTP/1.0 keep-alive request with a Content-Length body")
    void http10KeepAliveWithBody() {
        java.util.List<Wire.Message> ms = Wire.decode("POST /a HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok"
                + "GET /b HTTP/1.0\r\n\r\n");
        assertTrue(ms.get(0).head().keepAlive());
        org.junit.jupiter.api.Assertions.assertEquals("ok", ms.get(0).bodyText());
        assertFalse(ms.get(1).head().keepAlive());
    }

    @Test
    @DisplayName("RFC 9110 §10.1.1: Expect: 100-continue is surfaced (case-insensitive)")
    void expectContinue() {
        assertTrue(head("HTTP/1.1", "Expect: 100-Continue\r\n").expectsContinue());
        assertFalse(head("HTTP/1.1", "").expectsContinue());
        assertFalse(head("HTTP/1.1", "Expect: something-else\r\n").expectsContinue());
    }

    @Test
    @DisplayName("RFC 9110 §10.1.1: a server MUST ignore 100-continue in an HTTP/1.0 request")
    void expectContinueHttp10() {
        assertFalse(head("HTTP/1.0", "Expect: 100-continue\r\n").expectsContinue());
    }
}
