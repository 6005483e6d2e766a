package dev.weft.codec;

import static dev.weft.codec.Wire.decodeError;
import static dev.weft.codec.Wire.decodeOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpHeaders;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9112 §5 (field syntax), RFC 9110 §5 (fields), RFC 9112 §3.2 (Host). */
class HeaderFieldTest {
    @Test
    @DisplayName("RFC 9110 §5.1, §5.3: order kept, names case-insensitive, repeated fields kept")
    void orderCaseAndMultipleValues() {
        HttpHeaders h = decodeOne("GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nx-b: 2\r\nX-A: 3\r\n\r\n").head().headers();
        assertEquals(4, h.size());
        assertEquals("Host", h.name(0));
        assertEquals("x-b", h.name(2));
        assertEquals("1", h.get("x-a"));
        assertEquals(List.of("1", "3"), h.getAll("X-A"));
        assertTrue(h.contains("X-B"));
        assertNull(h.get("X-C"));
    }

    @Test
    @DisplayName("RFC 9112 §5.1: OWS around the value is not part of it; inner whitespace is")
    void valueTrimming() {
        HttpHeaders h = decodeOne("GET / HTTP/1.1\r\nHost:h\r\nX:  a \t b \t\r\nY:\r\nZ: \r\n\r\n").head().headers();
        assertEquals("h", h.get("Host"));
        assertEquals("a \t b", h.get("X"));
        assertEquals("", h.get("Y"));
        assertEquals("", h.get("Z"));
    }

    @Test
    @DisplayName("RFC 9110 §5.5: obs-text bytes are kept as ISO-8859-1 chars")
    void obsText() {
        HttpHeaders h = decodeOne("GET / HTTP/1.1\r\nHost: h\r\nX: caf\u00e9\r\n\r\n").head().headers();
        assertEquals("caf\u00e9", h.get("X"));
    }

    @Test
    @DisplayName("RFC 9112 §5.1: whitespace between field name and colon gets 400")
    void whitespaceBeforeColon() {
        HttpCodecException e = decodeError("GET / HTTP/1.1\r\nHost : h\r\n\r\n");
        assertEquals(400, e.status());
        assertTrue(e.isBadHeader());
        assertTrue(decodeError("GET / HTTP/1.1\r\nHost: h\r\nX\t: 1\r\n\r\n").isBadHeader());
    }

    @Test
    @DisplayName("RFC 9112 §5.2: obs-fold gets 400")
    void obsFold() {
        HttpCodecException e = decodeError("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n");
        assertTrue(e.isObsFold());
        assertEquals(400, e.status());
        assertTrue(decodeError("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n\tb\r\n\r\n").isObsFold());
    }

    @Test
    @DisplayName("RFC 9112 §2.2: whitespace before the first header field gets 400")
    void whitespaceAfterStartLine() {
        assertTrue(decodeError("GET / HTTP/1.1\r\n Host: h\r\n\r\n").isObsFold());
    }

    @ParameterizedTest
    @ValueSource(strings = {"X: a\u0000b", "X: a\u0001", "X: \u007f", "X: a\u000bb", "X: a\u001bb"})
    @DisplayName("RFC 9110 §5.5: NUL and control bytes in a value get 400")
    void controlBytesInValue(String field) {
        HttpCodecException e = decodeError("GET / HTTP/1.1\r\nHost: h\r\n" + field + "\r\n\r\n");
        assertEquals(400, e.status());
        assertTrue(e.isBadHeader());
    }

    @Test
    @DisplayName("RFC 9112 §2.2: a bare CR in a field gets 400")
    void bareCr() {
        assertTrue(decodeError("GET / HTTP/1.1\r\nHost: h\r\nX: a\rb\r\n\r\n").isBadLineEnding());
        assertTrue(decodeError("GET / HTTP/1.1\r\nHost: h\r\nX\r: b\r\n\r\n").isBadLineEnding());
    }

    @Test
    @DisplayName("RFC 9112 §2.2: a field line ending in a bare LF gets 400")
    void bareLf() {
        assertTrue(decodeError("GET / HTTP/1.1\r\nHost: h\nX: 1\r\n\r\n").isBadLineEnding());
        assertTrue(decodeError("GET / HTTP/1.1\r\nHost: h\r\n\n").isBadLineEnding());
    }

    @ParameterizedTest
    @ValueSource(strings = {"X(: 1", "X@Y: 1", ": 1", "X\u00e9: 1", "X", "\"X\": 1", "X/Y: 1"})
    @DisplayName("RFC 9110 §5.6.2: a field name must be a token")
    void invalidNames(String field) {
        HttpCodecException e = decodeError("GET / HTTP/1.1\r\nHost: h\r\n" + field + "\r\n\r\n");
        assertEquals(400, e.status());
        assertTrue(e.isBadHeader());
    }

    @Test
    @DisplayName("RFC 9112 §3.2: HTTP/1.1 without Host gets 400; HTTP/1.0 may omit it")
    void missingHost() {
        HttpCodecException e = decodeError("GET / HTTP/1.1\r\nX: 1\r\n\r\n");
        assertTrue(e.isHostError());
        assertEquals(400, e.status());
        assertFalse(decodeOne("GET / HTTP/1.0\r\n\r\n").head().headers().contains("Host"));
    }

    @Test
    @DisplayName("RFC 9112 §3.2: more than one Host field line gets 400, on any version")
    void duplicateHost() {
        assertTrue(decodeError("GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n").isHostError());
        assertTrue(decodeError("GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n").isHostError());
    }

    @Test
    @DisplayName("RFC 9112 §3.2: an invalid Host value gets 400; an empty one is allowed")
    void invalidHost() {
        assertTrue(decodeError("GET / HTTP/1.1\r\nHost: a b\r\n\r\n").isHostError());
        assertTrue(decodeError("GET / HTTP/1.1\r\nHost: a/b\r\n\r\n").isHostError());
        assertEquals("", decodeOne("GET / HTTP/1.1\r\nHost:\r\n\r\n").head().headers().get("Host"));
        assertEquals("[::1]:8080", decodeOne("GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n").head().headers().get("host"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "example.com:", "example.com:80", "example.com:0", "example.com:65535",
        "example.com:00080", "[::1]", "[::1]:80", "[::1]:", "[v1.fe80::a+en1]:8080", "192.0.2.1:8080"})
    @DisplayName("RFC 9112 §3.2, RFC 3986 §3.2.2-3: Host is uri-host [\":\" port]; the port may be empty")
    void validHostAndPort(String host) {
        assertEquals(host, decodeOne("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n").head().headers().get("Host"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "example.com:abc -> Host header port is not a number: abc",
        "example.com:8a -> Host header port is not a number: 8a",
        "[::1]:x -> Host header port is not a number: x",
        "a:b:c -> Host header port is not a number: b:c",
        "example.com:65536 -> Host header port is out of range (0-65535): 65536",
        "example.com:000080 -> Host header port is out of range (0-65535): 000080",
        "example.com:99999999999999999999 -> Host header port is out of range (0-65535): 9999999999999999...",
        "[::1 -> Host header IP literal lacks its closing ']'",
        "[] -> Host header IP literal is empty",
        "[::1]80 -> Host header has bytes after the IP literal: 80",
        "a]b -> Host header has an invalid byte 0x5d at 1",
        "a[b -> Host header has an invalid byte 0x5b at 1",
        "[a[b]:1 -> Host header has an invalid byte 0x5b at 2",
        "user@example.com -> Host header has a userinfo part ('@' at 4), which RFC 9110 §4.2.4 forbids"})
    @DisplayName("RFC 9112 §3.2: a Host whose port is not a number 0-65535, or whose host is malformed, gets 400 saying why")
    void invalidHostAndPort(String testCase) {
        Wire.assertRefused(testCase, host -> "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n",
                e -> e.isHostError() && e.status() == 400, "");
    }

    @Test
    @DisplayName("RFC 9110 §5.6.1: containsToken splits comma lists case-insensitively")
    void containsToken() {
        HttpHeaders h = decodeOne("GET / HTTP/1.1\r\nHost: h\r\nConnection: Upgrade ,  CLOSE\r\nConnection: x\r\n\r\n")
                .head().headers();
        assertTrue(h.containsToken("connection", "close"));
        assertTrue(h.containsToken("Connection", "upgrade"));
        assertTrue(h.containsToken("Connection", "X"));
        assertFalse(h.containsToken("Connection", "clos"));
    }
}
