package dev.weft.router.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PathPatternTest {

    @Test
    void parsesStaticParametersAndCatchAll() {
        PathPattern p = PathPattern.parse("/users/{id}/files/{*rest}");
        assertEquals(List.of(new PathPattern.Static("/users/"), new PathPattern.Param("id"),
                new PathPattern.Static("/files/"), new PathPattern.CatchAll("rest")), p.tokens());
        assertEquals(List.of("id", "rest"), p.names());
    }

    @Test
    void parametersMayShareASegmentWithStaticText() {
        assertEquals(List.of(new PathPattern.Static("/files/"), new PathPattern.Param("name"),
                new PathPattern.Static(".json")), PathPattern.parse("/files/{name}.json").tokens());
        assertEquals(List.of(new PathPattern.Static("/v"), new PathPattern.Param("version"),
                new PathPattern.Static("/items")), PathPattern.parse("/v{version}/items").tokens());
        assertEquals(List.of("stem", "ext"), PathPattern.parse("/{stem}.{ext}").names());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "users|must start with '/'",
        "/users/{id|unclosed '{' at index 7",
        "/users/id}|unmatched '}' at index 9",
        "/files/{a}{b}|two parameters side by side ('}{' at index 10) cannot be told apart; put static text between them",
        "/files/x{*rest}|a catch-all must be a whole segment (preceded by '/')",
        "/files/{*rest}/x|the catch-all {*rest} must be the last segment",
        "/a/{}|parameter name '' is not an identifier",
        "/a/{x}/{x}|parameter 'x' appears twice",
        "/a//b|empty segment '//'",
        "/a?b|'?' cannot appear in a path pattern",
    })
    void rejectsBadPatterns(String pattern, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PathPattern.parse(pattern));
        assertEquals("invalid route pattern '" + pattern + "': " + why, e.getMessage());
    }

    @Test
    void percentDecoding() {
        assertEquals("a b", PercentDecoder.decode("a%20b", false));
        assertEquals("a+b", PercentDecoder.decode("a+b", false));
        assertEquals("a b", PercentDecoder.decode("a+b", true));
        assertEquals("é", PercentDecoder.decode("%C3%A9", false));
        assertThrows(IllegalArgumentException.class, () -> PercentDecoder.decode("%C3", false));
        assertThrows(IllegalArgumentException.class, () -> PercentDecoder.decode("%zz", false));
        assertThrows(IllegalArgumentException.class, () -> PercentDecoder.decode("%2", false));
    }
}
