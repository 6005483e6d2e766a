package dev.weft.codec;

import static dev.weft.codec.Wire.decodeError;
import static dev.weft.codec.Wire.decodeOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpMethod;
import dev.weft.http.HttpVersion;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9112 §3 (request line), §3.2 (request-target forms), §2.3 (version). */
class RequestLineTest {
    @Test
    @DisplayName("RFC 9112 §3: origin-form GET with path and query")
    void originForm() {
        RequestHead h = decodeOne("GET /a/b%20c?x=1&y=2 HTTP/1.1\r\nHost: h\r\n\r\n").head();
        assertSame(HttpMethod.GET, h.method());
        assertEquals("/a/b%20c?x=1&y=2", h.target());
        assertEquals("/a/b%20c", h.path());
        assertEquals("x=1&y=2", h.query());
        assertEquals(TargetForm.ORIGIN, h.targetForm());
        assertEquals(HttpVersion.HTTP_1_1, h.version());
        assertNull(h.authority());
    }

    @Test
    @DisplayName("RFC 9112 §3.2.1: no '?' means no query; a bare '?' means an empty query")
    void queryAbsentOrEmpty() {
        assertNull(decodeOne("GET /x HTTP/1.1\r\nHost: h\r\n\r\n").head().query());
        assertEquals("", decodeOne("GET /x? HTTP/1.1\r\nHost: h\r\n\r\n").head().query());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH"})
    @DisplayName("RFC 9110 §9: standard methods map to the shared constants")
    void standardMethods(String m) {
        RequestHead h = decodeOne(m + " / HTTP/1.1\r\nHost: h\r\n\r\n").head();
        assertSame(HttpMethod.of(m), h.method());
    }

    @Test
    @DisplayName("RFC 9110 §9.1: extension methods are tokens and case-sensitive")
    void extensionMethod() {
        RequestHead h = decodeOne("PROPFIND /x HTTP/1.1\r\nHost: h\r\n\r\n").head();
        assertEquals("PROPFIND", h.method().name());
        assertEquals(HttpMethod.of("PROPFIND"), h.method());
        assertEquals("get", decodeOne("get / HTTP/1.1\r\nHost: h\r\n\r\n").head().method().name());
    }

    @Test
    @DisplayName("RFC 9112 §3.2.2: absolute-form gives authority and path")
    void absoluteForm() {
        RequestHead h = decodeOne("GET http://example.com:8080/p/q?z HTTP/1.1\r\nHost: other\r\n\r\n").head();
        assertEquals(TargetForm.ABSOLUTE, h.targetForm());
        assertEquals("example.com:8080", h.authority());
        assertEquals("/p/q", h.path());
        assertEquals("z", h.query());
        RequestHead empty = decodeOne("GET http://example.com HTTP/1.1\r\nHost: example.com\r\n\r\n").head();
        assertEquals("/", empty.path());
    }

    @Test
    @DisplayName("RFC 9112 §3.2.3: CONNECT uses authority-form")
    void authorityForm() {
        RequestHead h = decodeOne("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n").head();
        assertEquals(TargetForm.AUTHORITY, h.targetForm());
        assertEquals("example.com:443", h.authority());
        assertEquals("", h.path());
        assertTrue(decodeError("CONNECT /x HTTP/1.1\r\nHost: h\r\n\r\n").isBadTarget());
        assertTrue(decodeError("CONNECT example.com HTTP/1.1\r\nHost: h\r\n\r\n").isBadTarget());
        assertTrue(decodeError("CONNECT example.com:x1 HTTP/1.1\r\nHost: h\r\n\r\n").isBadTarget());
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com:443", "[::1]:443", "192.0.2.1:65535", "example.com:0"})
    @DisplayName("RFC 9112 §3.2.3: CONNECT takes uri-host \":\" port, an IP literal too")
    void authorityFormHosts(String authority) {
        RequestHead h = decodeOne("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n").head();
        assertEquals(authority, h.authority());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "example.com:x1 -> port is not a number: x1",
        "a:b:443 -> port is not a number: b:443",
        "example.com:65536 -> port is out of range (0-65535): 65536",
        "example.com:000443 -> port is out of range (0-65535): 000443",
        "example.com: -> has an empty port",
        "example.com -> has no port",
        "[::1] -> has no port",
        ":443 -> has no host",
        "[::1]x:443 -> has bytes after the IP literal: x:443"})
    @DisplayName("RFC 9112 §3.2.3, RFC 9110 §9.3.6: a CONNECT target needs a host and a port 0-65535, or 400")
    void authorityFormInvalid(String testCase) {
        Wire.assertRefused(testCase, a -> "CONNECT " + a + " HTTP/1.1\r\nHost: h\r\n\r\n", HttpCodecException::isBadTarget,
                "CONNECT request-target ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "example.com:", "example.com:8080", "[::1]:8080", "[::1]"})
    @DisplayName("RFC 9112 §3.2.2: an absolute-form authority is uri-host [\":\" port], as in Host")
    void absoluteFormAuthorities(String authority) {
        RequestHead h = decodeOne("GET http://" + authority + "/p HTTP/1.1\r\nHost: h\r\n\r\n").head();
        assertEquals(authority, h.authority());
        assertEquals("/p", h.path());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "example.com:abc -> port is not a number: abc",
        "a:b:c -> port is not a number: b:c",
        "example.com:70000 -> port is out of range (0-65535): 70000",
        "[::1]:x -> port is not a number: x",
        "user@example.com -> has a userinfo part ('@' at 4), which RFC 9110 §4.2.4 forbids"})
    @DisplayName("RFC 9112 §3.2.2, RFC 3986 §3.2.3: an absolute-form authority follows the Host port rule, or 400")
    void absoluteFormInvalidAuthority(String testCase) {
        Wire.assertRefused(testCase, a -> "GET http://" + a + "/p HTTP/1.1\r\nHost: h\r\n\r\n", HttpCodecException::isBadTarget,
                "request-target authority ");
    }

    @Test
    @DisplayName("RFC 9112 §3.2.4: asterisk-form only with OPTIONS")
    void asteriskForm() {
        RequestHead h = decodeOne("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").head();
        assertEquals(TargetForm.ASTERISK, h.targetForm());
        assertEquals("*", h.path());
        assertTrue(decodeError("GET * HTTP/1.1\r\nHost: h\r\n\r\n").isBadTarget());
    }

    @Test
    @DisplayName("RFC 9112 §2.3: HTTP/1.0 and HTTP/1.1")
    void versions() {
        assertEquals(HttpVersion.HTTP_1_0, decodeOne("GET / HTTP/1.0\r\n\r\n").head().version());
        assertEquals(HttpVersion.HTTP_1_1, decodeOne("GET / HTTP/1.1\r\nHost: h\r\n\r\n").head().version());
    }

    @Test
    @DisplayName("RFC 9110 §6.2: a higher HTTP/1.x minor version is handled as HTTP/1.1")
    void higherMinorVersion() {
        assertEquals(HttpVersion.HTTP_1_1, decodeOne("GET / HTTP/1.7\r\nHost: h\r\n\r\n").head().version());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2.0", "HTTP/0.9", "HTTP/3.0"})
    @DisplayName("RFC 9110 §15.6.6: another major version gets 505")
    void unsupportedMajor(String v) {
        HttpCodecException e = decodeError("GET / " + v + "\r\nHost: h\r\n\r\n");
        assertEquals(505, e.status());
        assertTrue(e.isVersionNotSupported());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http/1.1", "HTTP/1.10", "HTTP/1", "HTTP/1.1 ", "HTTP/a.b", "HTTPS/1.1", "HTTP/1.1x"})
    @DisplayName("RFC 9112 §2.3: a malformed version gets 400")
    void malformedVersion(String v) {
        HttpCodecException e = decodeError("GET / " + v + "\r\nHost: h\r\n\r\n");
        assertEquals(400, e.status());
        assertTrue(e.isBadRequestLine());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET  / HTTP/1.1", "GET /  HTTP/1.1", " GET / HTTP/1.1", "GET\t/ HTTP/1.1", "GET / HTTP/1.1\t",
        "GET /a b HTTP/1.1", "GET /a#frag HTTP/1.1", "G(T / HTTP/1.1", "GET", "GET /", "GET /\u00e9 HTTP/1.1",
        "GET /\u0001 HTTP/1.1", "GET x HTTP/1.1", "GET :x HTTP/1.1"})
    @DisplayName("RFC 9112 §3: exactly method SP request-target SP HTTP-version, or 400")
    void malformedRequestLine(String line) {
        HttpCodecException e = decodeError(line + "\r\nHost: h\r\n\r\n");
        assertEquals(400, e.status());
        assertTrue(e.closesConnection());
    }

    @Test
    @DisplayName("RFC 9112 §2.2: empty lines before the request line are ignored")
    void leadingEmptyLines() {
        assertEquals("/x", decodeOne("\r\n\r\nGET /x HTTP/1.1\r\nHost: h\r\n\r\n").head().path());
    }

    @Test
    @DisplayName("RFC 9112 §2.2: a bare CR in the request line is rejected")
    void bareCrInRequestLine() {
        HttpCodecException e = decodeError("GET /a\rb HTTP/1.1\r\nHost: h\r\n\r\n");
        assertTrue(e.isBadLineEnding());
        assertTrue(decodeError("GET / HTTP/1.1\r\r\nHost: h\r\n\r\n").isBadLineEnding());
    }

    @Test
    @DisplayName("RFC 9112 §2.2: a request line ending in a bare LF is rejected")
    void bareLfRequestLine() {
        assertTrue(decodeError("GET / HTTP/1.1\nHost: h\r\n\r\n").isBadLineEnding());
    }

    @Test
    @DisplayName("RequestHead.of builds a head as if received, with the same validation")
    void requestHeadOf() {
        RequestHead h = RequestHead.of(HttpMethod.POST, "/items?x=1", HttpVersion.HTTP_1_1,
                HttpHeaders.of("Host", "example.com", "Content-Length", "2"));
        assertEquals("/items", h.path());
        assertEquals(2, h.contentLength());
        assertTrue(h.keepAlive());
        assertThrows(HttpCodecException.class, () -> RequestHead.of(HttpMethod.GET, "/", HttpVersion.HTTP_1_1, new HttpHeaders()));
    }
}
