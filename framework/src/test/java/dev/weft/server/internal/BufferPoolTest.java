package dev.weft.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The read-buffer pool: large buffers are direct, and how many are lent out at once is bounded. */
class BufferPoolTest {

    @Test
    void largeBuffersAreDirectAndSmallOnesHeap() {
        ByteBuffer large = BufferPool.borrowLarge();
        ByteBuffer small = BufferPool.borrow();
        try {
            assertTrue(large.isDirect());
            assertEquals(BufferPool.LARGE_BUFFER_SIZE, large.capacity());
            assertTrue(small.hasArray());
            assertEquals(BufferPool.BUFFER_SIZE, small.capacity());
        } finally {
            BufferPool.giveBack(large);
            BufferPool.giveBack(small);
        }
    }

    @Test
    void beyondTheLimitOfLargeBuffersLentAConnectionGetsASmallOne() {
        int before = BufferPool.largeLent();
        List<ByteBuffer> lent = new ArrayList<>();
        try {
            while (BufferPool.largeLent() < BufferPool.MAX_LARGE_LENT) {
                lent.add(BufferPool.borrowLarge());
            }
            ByteBuffer over = BufferPool.borrowLarge();
            assertFalse(over.isDirect(), "a large buffer was lent beyond the limit");
            assertEquals(BufferPool.BUFFER_SIZE, over.capacity());
            BufferPool.giveBack(over);
            assertEquals(BufferPool.MAX_LARGE_LENT, BufferPool.largeLent());

            BufferPool.giveBack(lent.removeLast());
            ByteBuffer again = BufferPool.borrowLarge();
            assertTrue(again.isDirect(), "a large buffer given back can be lent again");
            lent.add(again);
        } finally {
            lent.forEach(BufferPool::giveBack);
        }
        assertEquals(before, BufferPool.largeLent());
    }
}
