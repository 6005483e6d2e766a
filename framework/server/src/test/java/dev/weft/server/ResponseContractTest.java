package dev.weft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpStatus;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A response is a message in flight with one owner at a time, not a value: not a record, equal
 * only to itself, and its copies take its headers over (see the class comment).
 */
@Tag("transport-independent")
class ResponseContractTest {

    @Test
    void aResponseIsNotARecordAndIsEqualOnlyToItself() {
        assertFalse(Response.class.isRecord());
        HttpHeaders h = new HttpHeaders();
        Response a = new Response(HttpStatus.OK, h, ResponseBody.empty());
        Response b = new Response(HttpStatus.OK, h, ResponseBody.empty());
        assertNotEquals(a, b);
        assertEquals(a, a);
    }

    @Test
    void headersChangeInPlaceForTheOwnerAndCopiesTakeThemOver() {
        Response r = Response.text("hi");
        r.headers().set("Vary", "Origin");
        Response moved = r.withStatus(HttpStatus.ACCEPTED);
        assertSame(r.headers(), moved.headers());
        assertEquals("Origin", moved.headers().get("Vary"));
        assertEquals(HttpStatus.ACCEPTED, moved.status());
        assertSame(r.body(), moved.body());
    }
}
