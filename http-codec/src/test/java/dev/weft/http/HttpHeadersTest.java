package dev.weft.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The header map, and the small value types (RFC 9110 §5, §9, §15). */
class HttpHeadersTest {
    @Test
    void addGetSetRemove() {
        HttpHeaders h = new HttpHeaders().add("A", "1").add("b", "2").add("a", "3");
        assertEquals(3, h.size());
        assertEquals("1", h.get("a"));
        assertEquals(List.of("1", "3"), h.getAll("A"));
        h.set("A", "4");
        assertEquals(List.of("4"), h.getAll("a"));
        assertEquals("b", h.name(0));
        assertEquals("A", h.name(1));
        assertTrue(h.remove("B"));
        assertFalse(h.remove("B"));
        assertEquals(1, h.size());
        h.clear();
        assertTrue(h.isEmpty());
    }

    @Test
    void preEncodedConstants() {
        HttpHeaders h = new HttpHeaders().set(HeaderName.CONTENT_TYPE, HeaderValue.TEXT_PLAIN);
        assertEquals("text/plain", h.get("content-type"));
        assertEquals("text/plain", h.get(HeaderName.CONTENT_TYPE));
        h.add(HeaderName.CONTENT_LENGTH, "5");
        assertEquals("5", h.get("Content-Length"));
        assertEquals("5", h.get(HeaderName.CONTENT_LENGTH));
        HeaderName custom = HeaderName.of("X-Request-Id");
        h.add(custom, HeaderValue.of("abc"));
        assertEquals("abc", h.get("x-request-id"));
        assertThrows(IllegalArgumentException.class, () -> HeaderName.of("bad name"));
        assertThrows(IllegalArgumentException.class, () -> HeaderValue.of("a\r\nb"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nSet-Cookie: x", "a\nb", "a\rb", "a\u0000b", "\u0001", "\u0100", "\u007f"})
    @DisplayName("RFC 9110 §5.5: values with CR, LF, NUL or control chars are rejected (no header injection)")
    void rejectsInjection(String value) {
        HttpHeaders h = new HttpHeaders();
        assertThrows(IllegalArgumentException.class, () -> h.add("X", value));
        assertThrows(IllegalArgumentException.class, () -> h.set("X", value));
        assertThrows(IllegalArgumentException.class, () -> h.add(HeaderName.SERVER, value));
        assertTrue(h.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a:b", "a\r\nb", "\u00e9", "a\tb", "(x)"})
    @DisplayName("RFC 9110 §5.1: names must be tokens")
    void rejectsBadNames(String name) {
        assertThrows(IllegalArgumentException.class, () -> new HttpHeaders().add(name, "v"));
    }

    @Test
    void allowsTabAndObsTextInValues() {
        HttpHeaders h = new HttpHeaders().add("X", "a\tb \u00ff");
        assertEquals("a\tb \u00ff", h.get("x"));
    }

    @Test
    void ofCopyForEach() {
        HttpHeaders h = HttpHeaders.of("A", "1", "B", "2");
        HttpHeaders c = h.copy();
        c.add("C", "3");
        assertEquals(2, h.size());
        assertEquals(3, c.size());
        List<String> seen = new ArrayList<>();
        c.forEach((n, v) -> seen.add(n + "=" + v));
        assertEquals(List.of("A=1", "B=2", "C=3"), seen);
        assertThrows(IllegalArgumentException.class, () -> HttpHeaders.of("A"));
        assertNull(c.get("D"));
    }

    @Test
    @DisplayName("RFC 9110 §9: method constants, extension tokens, validation")
    void methods() {
        assertSame(HttpMethod.GET, HttpMethod.of("GET"));
        assertSame(HttpMethod.PATCH, HttpMethod.of("PATCH"));
        assertEquals(HttpMethod.of("MKCOL"), HttpMethod.of("MKCOL"));
        assertEquals("MKCOL", HttpMethod.of("MKCOL").toString());
        assertThrows(IllegalArgumentException.class, () -> HttpMethod.of("GE T"));
        assertThrows(IllegalArgumentException.class, () -> HttpMethod.of(""));
    }

    @Test
    @DisplayName("RFC 9110 §15: status constants and any code in 100-599")
    void statuses() {
        assertSame(HttpStatus.NOT_FOUND, HttpStatus.of(404));
        assertEquals("Content Too Large", HttpStatus.of(413).reasonPhrase());
        assertEquals("Unprocessable Content", HttpStatus.UNPROCESSABLE_CONTENT.reasonPhrase());
        assertEquals(599, HttpStatus.of(599).code());
        assertEquals("", HttpStatus.of(599).reasonPhrase());
        assertThrows(IllegalArgumentException.class, () -> HttpStatus.of(99));
        assertThrows(IllegalArgumentException.class, () -> HttpStatus.of(600));
        assertEquals("HTTP/1.1", HttpVersion.HTTP_1_1.text());
    }
}
