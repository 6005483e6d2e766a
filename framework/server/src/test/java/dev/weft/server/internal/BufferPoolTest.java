package dev.weft.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The buffer pool and its reference counts: large buffers are direct, how many are lent at once
 * is bounded, a buffer returns to its pool only when its last holder releases it, and every
 * misuse fails at once instead of lending one buffer to two owners.
 */
@Tag("transport-independent")
class BufferPoolTest {
    private final BufferAccount account = new BufferAccount("BufferPoolTest");

    @AfterEach
    void forgetTheMisusesProvokedHere() {
        // This class provokes misuses on purpose; the suite-wide check must not report them.
        BufferChecks.clearViolations();
    }

    @Test
    void largeBuffersAreDirectAndSmallOnesHeap() {
        PooledBuffer large = BufferPool.borrowLarge(account, "test");
        PooledBuffer small = BufferPool.borrow(account, "test");
        try {
            assertTrue(large.buffer.isDirect());
            assertEquals(BufferPool.LARGE_BUFFER_SIZE, large.buffer.capacity());
            assertTrue(small.buffer.hasArray());
            assertEquals(BufferPool.BUFFER_SIZE, small.buffer.capacity());
        } finally {
            large.release();
            small.release();
        }
    }

    @Test
    void beyondTheLimitOfLargeBuffersLentAConnectionGetsASmallOne() {
        int before = BufferPool.largeLent();
        List<PooledBuffer> lent = new ArrayList<>();
        try {
            while (BufferPool.largeLent() < BufferPool.MAX_LARGE_LENT) {
                lent.add(BufferPool.borrowLarge(account, "test"));
            }
            PooledBuffer over = BufferPool.borrowLarge(account, "test");
            assertFalse(over.buffer.isDirect(), "a large buffer was lent beyond the limit");
            assertEquals(BufferPool.BUFFER_SIZE, over.buffer.capacity());
            over.release();
            assertEquals(BufferPool.MAX_LARGE_LENT, BufferPool.largeLent());

            lent.removeLast().release();
            PooledBuffer again = BufferPool.borrowLarge(account, "test");
            assertTrue(again.buffer.isDirect(), "a large buffer given back can be lent again");
            lent.add(again);
        } finally {
            lent.forEach(PooledBuffer::release);
        }
        assertEquals(before, BufferPool.largeLent());
    }

    @Test
    void aBufferGoesBackOnlyWhenItsLastHolderReleasesIt() {
        PooledBuffer b = BufferPool.borrow(account, "test");
        b.retain(); // a view of it lives elsewhere
        b.release();
        assertTrue(b.isLive(), "released while a view still held it");
        PooledBuffer other = BufferPool.borrow(account, "test");
        assertNotSame(b, other, "a buffer still in use was lent again");
        other.release();
        b.release();
        assertFalse(b.isLive());
        PooledBuffer next = BufferPool.borrow(account, "test");
        assertSame(b, next, "the released buffer is the next one lent on this thread");
        next.release();
    }

    @Test
    void releasingTwiceFailsAndDoesNotLendTheBufferTwice() {
        PooledBuffer b = BufferPool.borrow(account, "test");
        b.release();
        IllegalStateException e = assertThrows(IllegalStateException.class, b::release);
        assertTrue(e.getMessage().contains("released more often than it was retained"), e.getMessage());
        assertEquals(0, account.outstanding(), "the second release returned it again");
        PooledBuffer first = BufferPool.borrow(account, "test");
        PooledBuffer second = BufferPool.borrow(account, "test");
        assertNotSame(first, second, "one buffer was lent to two owners");
        first.release();
        second.release();
    }

    @Test
    void retainingABufferThatIsBackInItsPoolFails() {
        PooledBuffer b = BufferPool.borrow(account, "test");
        b.release();
        assertThrows(IllegalStateException.class, b::retain);
    }

    @Test
    void aBufferReturnedWhileAViewOfItIsQueuedFailsThereAndIsNotLentAgain() {
        PooledBuffer b = BufferPool.borrowLarge(account, "test");
        b.buffer.put(new byte[4096]).flip();
        Outbound out = new Outbound(account);
        out.body(b.buffer.asReadOnlyBuffer(), b); // the queue takes its own reference
        b.release(); // the reader lets go: fine, the queue still holds it
        assertTrue(b.isLive());
        IllegalStateException e = assertThrows(IllegalStateException.class, b::release); // one release too many
        assertTrue(e.getMessage().contains("still queued for writing"), e.getMessage());
        PooledBuffer next = BufferPool.borrowLarge(account, "test");
        assertNotSame(b, next, "a buffer with a queued view was lent again");
        next.release();
        // The queue's own release now finds it released already: loud again.
        e = assertThrows(IllegalStateException.class, out::release);
        assertTrue(e.getMessage().contains("released more often"), e.getMessage());
    }

    @Test
    void writingFromABufferThatIsBackInItsPoolFailsBeforeAnyByteIsWritten() {
        org.junit.jupiter.api.Assumptions.assumeTrue(BufferChecks.ENABLED, "checking mode is off (-Dweft.buffers.check=true)");
        PooledBuffer b = BufferPool.borrowLarge(account, "test");
        b.buffer.put(new byte[4096]).flip();
        Outbound out = new Outbound(account);
        out.body(b.buffer.asReadOnlyBuffer(), b);
        // Two releases too many take the queue's reference too: the memory is back in the pool.
        b.release();
        assertThrows(IllegalStateException.class, b::release);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> out.flush(null, null));
        assertTrue(e.getMessage().contains("writing from a pooled buffer that is back in its pool"), e.getMessage());
    }

    @Test
    void checkingModeNamesWhereAnOutstandingBufferWasLent() {
        org.junit.jupiter.api.Assumptions.assumeTrue(BufferChecks.ENABLED, "checking mode is off (-Dweft.buffers.check=true)");
        PooledBuffer b = BufferPool.borrow(account, "the leak test");
        try {
            List<String> problems = account.problems();
            assertEquals(1, account.outstanding());
            assertTrue(problems.stream().anyMatch(p -> p.contains("lent to the leak test here")
                    && p.contains("checkingModeNamesWhereAnOutstandingBufferWasLent")), problems::toString);
        } finally {
            b.release();
        }
    }
}
