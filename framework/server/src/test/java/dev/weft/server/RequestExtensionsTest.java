package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpMethod;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A request's extensions: typed values found by their class, replaced, many of them, and shared with {@link Request#withBody}. */
@Tag("transport-independent")
class RequestExtensionsTest {
    record A(int n) { }
    record B(String s) { }
    record C(int n) { }
    record D(int n) { }
    record E(int n) { }
    record F(int n) { }

    private static Request request() {
        return Request.builder(HttpMethod.GET, "/").build();
    }

    @Test
    void noExtensionIsEmpty() {
        assertEquals(Optional.empty(), request().extension(A.class));
    }

    @Test
    void eachTypeKeepsItsOwnValueAndAPutReplaces() {
        Request r = request();
        r.putExtension(A.class, new A(1)).putExtension(B.class, new B("b"));
        r.putExtension(A.class, new A(2));
        assertEquals(new A(2), r.extension(A.class).orElseThrow());
        assertEquals(new B("b"), r.extension(B.class).orElseThrow());
        assertTrue(r.extension(C.class).isEmpty());
    }

    @Test
    void moreThanTheFirstArrayHoldsAreAllKept() {
        Request r = request();
        r.putExtension(A.class, new A(1)).putExtension(B.class, new B("b")).putExtension(C.class, new C(3))
                .putExtension(D.class, new D(4)).putExtension(E.class, new E(5)).putExtension(F.class, new F(6));
        r.putExtension(D.class, new D(40));
        assertEquals(new A(1), r.extension(A.class).orElseThrow());
        assertEquals(new B("b"), r.extension(B.class).orElseThrow());
        assertEquals(new C(3), r.extension(C.class).orElseThrow());
        assertEquals(new D(40), r.extension(D.class).orElseThrow());
        assertEquals(new E(5), r.extension(E.class).orElseThrow());
        assertEquals(new F(6), r.extension(F.class).orElseThrow());
    }

    @Test
    void withBodySharesTheExtensions() {
        Request r = request().putExtension(A.class, new A(1));
        Request copy = r.withBody(RequestBody.empty());
        // Enough puts on the copy that the storage grows: the original still sees them.
        copy.putExtension(B.class, new B("later")).putExtension(C.class, new C(3)).putExtension(D.class, new D(4))
                .putExtension(E.class, new E(5)).putExtension(F.class, new F(6));
        assertSame(r.extension(A.class).orElseThrow(), copy.extension(A.class).orElseThrow());
        assertEquals(new B("later"), r.extension(B.class).orElseThrow());
        assertEquals(new F(6), r.extension(F.class).orElseThrow());
    }

    @Test
    void aNullValueIsRefused() {
        assertThrows(NullPointerException.class, () -> request().putExtension(A.class, null));
    }
}
