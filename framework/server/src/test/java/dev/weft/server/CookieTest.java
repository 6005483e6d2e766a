package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("transport-independent")
class CookieTest {
    @Test
    void formatsSetCookie() {
        assertEquals("session=abc; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax",
                Cookie.of("session", "abc").maxAge(Duration.ofHours(1)).secure().httpOnly().sameSite("Lax").toString());
        assertEquals("a=; Path=/; Max-Age=0", Cookie.removal("a").toString());
        assertEquals("a=1; Path=/app; Domain=example.com", Cookie.of("a", "1").path("/app").domain("example.com")
                .toString());
    }

    @Test
    void refusesInjection() {
        assertThrows(IllegalArgumentException.class, () -> Cookie.of("a", "1; Domain=evil"));
        assertThrows(IllegalArgumentException.class, () -> Cookie.of("a b", "1"));
        assertThrows(IllegalArgumentException.class, () -> Cookie.of("a", "1").sameSite("lax"));
    }
}
