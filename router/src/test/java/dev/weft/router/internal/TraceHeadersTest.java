package dev.weft.router.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link TraceParent} and {@link TraceState} against the rules of W3C Trace Context Level 1. */
class TraceHeadersTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";

    @Test
    void readsAValidVersion00() {
        TraceParent p = TraceParent.parse("00-" + TRACE + "-" + PARENT + "-01");
        assertNotNull(p);
        assertEquals(TRACE, p.traceId());
        assertEquals(PARENT, p.parentId());
        assertEquals(1, p.flags());
        assertEquals(0x9a, TraceParent.parse("00-" + TRACE + "-" + PARENT + "-9a").flags());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",            // no flags
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",        // version 00 is exactly 55
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-010",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",        // upper case
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0G",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",        // zero trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",        // zero parent id
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",        // forbidden version
        "0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",        // wrong separator
        "00-4bf92f3577b34da6a3ce929d0e0e473-600f067aa0ba902b7-01",        // field boundaries moved
        " 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",        // future version: '-' must follow
    })
    void refusesMalformedValues(String value) {
        assertNull(TraceParent.parse(value), value);
    }

    @Test
    void readsAFutureVersionByItsFirstFourFields() {
        assertNotNull(TraceParent.parse("cc-" + TRACE + "-" + PARENT + "-01"));
        TraceParent p = TraceParent.parse("cc-" + TRACE + "-" + PARENT + "-01-what-the-future-holds");
        assertNotNull(p);
        assertEquals(TRACE, p.traceId());
    }

    @Test
    void formatsVersion00() {
        assertEquals("00-" + TRACE + "-" + PARENT + "-01", TraceParent.format(TRACE, PARENT, 1));
        assertEquals("00-" + TRACE + "-" + PARENT + "-ff", TraceParent.format(TRACE, PARENT, 0xff));
    }

    @Test
    void tracestateIsNormalisedAcrossLines() {
        assertEquals("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE",
                TraceState.parse(List.of("rojo=00f067aa0ba902b7 ,  ,congo=t61rcWkgMzE")));
        assertEquals("a=1,tenant@vendor=x y,b_-*/9=z", // white space around a member is not its value's
                TraceState.parse(List.of("a=1", " tenant@vendor=x y ", "b_-*/9=z")));
        assertNull(TraceState.parse(List.of()));
        assertNull(TraceState.parse(List.of(" , ")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Rojo=1",              // upper case key
        "1abc=1",              // a simple key starts with a letter
        "rojo=",               // empty value
        "rojo=a,b",            // ',' splits: "b" has no '='
        "rojo=a=b",            // '=' in a value
        "rojo=1,rojo=2",       // duplicate key
        "t@=1",                // empty system id
        "@v=1",                // empty tenant id
        "t@Vendor=1",
        "t@abcdefghijklmno=1", // system id over 14
        "rojo=caf\u00e9",       // not ASCII
    })
    void refusesAnInvalidTracestateWhole(String value) {
        assertNull(TraceState.parse(List.of("ok=1", value)), value);
    }

    @Test
    void keysAndValuesHaveLengthLimits() {
        assertNotNull(TraceState.parse(List.of("a" + "b".repeat(255) + "=" + "v".repeat(256))));
        assertNull(TraceState.parse(List.of("a" + "b".repeat(256) + "=1")));
        assertNull(TraceState.parse(List.of("a=" + "v".repeat(257))));
    }

    @Test
    void atMost32Members() {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            members.add("k" + i + "=" + i);
        }
        assertNotNull(TraceState.parse(List.of(String.join(",", members))));
        members.add("k32=32");
        assertNull(TraceState.parse(List.of(String.join(",", members))));
    }
}
