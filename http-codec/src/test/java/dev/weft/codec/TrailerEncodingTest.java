package dev.weft.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpHeaders;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The last chunk with a trailer section (RFC 9112 §7.1.2), and the fields that may not be trailers. */
class TrailerEncodingTest {

    private static String encode(HttpHeaders trailers, int room) {
        ByteBuffer out = ByteBuffer.allocate(room);
        assertTrue(ResponseEncoder.encodeLastChunk(trailers, out));
        out.flip();
        return StandardCharsets.US_ASCII.decode(out).toString();
    }

    @Test
    void theLastChunkCarriesTheTrailerFieldsThenAnEmptyLine() {
        HttpHeaders t = HttpHeaders.of("Digest", "sha-256=abc", "X-Count", "2");
        assertEquals("0\r\nDigest: sha-256=abc\r\nX-Count: 2\r\n\r\n", encode(t, ResponseEncoder.lastChunkSize(t)));
        assertEquals("0\r\n\r\n", encode(null, ResponseEncoder.lastChunkSize(null)));
        assertEquals("0\r\n\r\n", encode(HttpHeaders.empty(), 5));
    }

    @Test
    void lastChunkSizeIsExactlyWhatIsNeeded() {
        HttpHeaders t = HttpHeaders.of("Digest", "sha-256=abc");
        assertFalse(ResponseEncoder.encodeLastChunk(t, ByteBuffer.allocate(ResponseEncoder.lastChunkSize(t) - 1)));
        assertTrue(ResponseEncoder.encodeLastChunk(t, ByteBuffer.allocate(ResponseEncoder.lastChunkSize(t))));
    }

    @Test
    void fieldsThatFrameRouteOrControlTheMessageAreRefusedAsTrailers() {
        for (String name : new String[] {"Content-Length", "transfer-encoding", "Host", "Trailer", "Content-Type",
                "Set-Cookie", "Content-Encoding", "Authorization"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ResponseEncoder.requireSendableTrailers(HttpHeaders.of("X-Fine", "1", name, "x")));
            assertTrue(e.getMessage().contains("'" + name + "' must not be sent as a trailer"), e.getMessage());
        }
        ResponseEncoder.requireSendableTrailers(HttpHeaders.of("Digest", "x", "Server-Timing", "db;dur=53"));
    }
}
