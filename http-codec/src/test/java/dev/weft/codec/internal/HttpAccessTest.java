package dev.weft.codec.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HeaderName;
import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpMethod;
import dev.weft.http.HttpStatus;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The bridge to the internals of the HTTP types: registered once by each type, not replaceable,
 * implemented out of sight. What the accesses do is tested through the decoder and encoder,
 * which use nothing else; the few checks here pin down what those tests cannot see.
 */
class HttpAccessTest {
    @Test
    @DisplayName("each type registers one implementation, found on every call")
    void registeredOnce() {
        assertSame(HttpAccess.headers(), HttpAccess.headers());
        assertSame(HttpAccess.names(), HttpAccess.names());
        assertSame(HttpAccess.methods(), HttpAccess.methods());
        assertSame(HttpAccess.statuses(), HttpAccess.statuses());
    }

    @Test
    @DisplayName("a second registration is refused, so nothing can replace an implementation")
    void noSecondRegistration() {
        assertThrows(IllegalStateException.class, () -> HttpAccess.setHeaders(HttpAccess.headers()));
        assertThrows(IllegalStateException.class, () -> HttpAccess.setNames(HttpAccess.names()));
        assertThrows(IllegalStateException.class, () -> HttpAccess.setMethods(HttpAccess.methods()));
        assertThrows(IllegalStateException.class, () -> HttpAccess.setStatuses(HttpAccess.statuses()));
        assertThrows(NullPointerException.class, () -> HttpAccess.setHeaders(null));
    }

    @Test
    @DisplayName("the implementations are private classes nested in the types they open")
    void implementationsArePrivate() {
        List<Object> accesses = List.of(HttpAccess.headers(), HttpAccess.names(), HttpAccess.methods(), HttpAccess.statuses());
        List<Class<?>> owners = List.of(HttpHeaders.class, HeaderName.class, HttpMethod.class, HttpStatus.class);
        for (int i = 0; i < accesses.size(); i++) {
            Class<?> impl = accesses.get(i).getClass();
            assertSame(owners.get(i), impl.getEnclosingClass(), impl.getName());
            assertTrue(Modifier.isPrivate(impl.getModifiers()), impl.getName());
        }
    }

    @Test
    @DisplayName("the accesses answer from the types' own data")
    void answers() {
        byte[] te = "transfer-ENCODING".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(HeaderIds.TRANSFER_ENCODING, HttpAccess.names().idOf(te, 0, te.length));
        byte[] get = "xGETx".getBytes(StandardCharsets.ISO_8859_1);
        assertSame(HttpMethod.GET, HttpAccess.methods().fromBytes(get, 1, 3));
        assertArrayEquals("HTTP/1.1 404 Not Found\r\n".getBytes(StandardCharsets.ISO_8859_1),
                HttpAccess.statuses().statusLine(HttpStatus.NOT_FOUND));
        HttpHeaders empty = HttpAccess.headers().empty();
        assertSame(empty, HttpAccess.headers().empty());
        assertThrows(UnsupportedOperationException.class, () -> empty.add("A", "b"));
    }
}
