package dev.weft.router.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomIdsTest {
    @Test
    void idsAreFixedWidthLowerCaseHex() {
        for (int longs = 1; longs <= 3; longs++) {
            for (int i = 0; i < 1000; i++) {
                String id = RandomIds.hex(longs);
                assertEquals(16 * longs, id.length(), id);
                assertTrue(id.matches("[0-9a-f]+"), id);
                assertNotEquals("0".repeat(16 * longs), id);
            }
        }
    }

    @Test
    void idsDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(RandomIds.hex(1)), "a 64-bit id repeated within 10,000");
        }
    }
}
