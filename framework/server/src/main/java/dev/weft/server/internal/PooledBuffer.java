package dev.weft.server.internal;

import java.nio.ByteBuffer;

/**
 * A buffer lent by {@link BufferPool}, with a reference count: the memory goes back to the pool
 * only when every holder has released it, so no view of it can be overwritten while it is still
 * in use. This is Netty's {@code ReferenceCounted} for one connection's buffers.
 *
 * <p>Holders, all inside one connection's task: the connection's {@link ReadBuffer} (one
 * reference while it reads into the buffer), the {@link RequestBodyChannel} (one while a slice of
 * it is waiting for or owned by the body's subscriber) and {@link Outbound} (one per queued view
 * of it, and one for a staging buffer it encodes into). Because only that task retains and
 * releases, the count is a plain field; a pooled buffer is never shared between connections.
 *
 * <p>With {@link BufferChecks#ENABLED} every misuse fails loudly at the place it happens: a
 * release too many, a retain of a buffer already back in its pool, a buffer returned while a view
 * of it is queued for writing, and writing from a returned buffer; and the site that borrowed
 * each buffer is recorded, so that a leak names where the buffer came from.
 */
final class PooledBuffer {
    /** Which of the pool's two sizes (and stacks) this buffer belongs to; {@code ONE_OFF} is not pooled. */
    enum Size { SMALL, LARGE, ONE_OFF }

    final ByteBuffer buffer;
    final Size size;
    /** References held; 0 while the buffer sits in its pool. */
    private int refs;
    /** Views of this buffer queued for writing in an {@link Outbound} (counted in checking mode). */
    int queuedViews;
    /** Checking mode: where it was lent (or last returned, while in the pool), to whom, and whose ledger counts it. */
    Throwable site;
    String owner;
    BufferAccount account;

    PooledBuffer(ByteBuffer buffer, Size size) {
        this.buffer = buffer;
        this.size = size;
    }

    /** Called by the pool when it lends this buffer: one reference, held by the borrower. */
    void lent(BufferAccount account, String owner) {
        if (refs != 0) {
            BufferChecks.violation("a pooled buffer was lent while " + refs + " reference(s) to it were still held", this);
        }
        refs = 1;
        if (BufferChecks.ENABLED) {
            this.account = account;
            this.owner = owner;
            this.site = new Throwable("lent to " + owner + " here");
        }
    }

    /** Takes another reference: a view of this buffer now lives elsewhere until released. */
    PooledBuffer retain() {
        if (refs <= 0) {
            BufferChecks.violation("a buffer that is back in its pool was retained", this);
        }
        refs++;
        return this;
    }

    /** Drops a reference; the last one returns the buffer to its pool. */
    void release() {
        if (refs <= 0) {
            // Released once too often: returning it again would lend one buffer to two owners.
            BufferChecks.violation("a pooled buffer was released more often than it was retained", this);
            return;
        }
        if (--refs == 0) {
            if (queuedViews != 0) {
                // Not back into the pool: a queued view would be written from a recycled buffer.
                BufferPool.retire(this);
                BufferChecks.violation("a pooled buffer went back to its pool while " + queuedViews
                        + " view(s) of it were still queued for writing", this);
            }
            BufferPool.giveBack(this);
        }
    }

    /** True while at least one holder has it (false once it is back in its pool). */
    boolean isLive() {
        return refs > 0;
    }

    int refs() {
        return refs;
    }

    @Override
    public String toString() {
        return "PooledBuffer[" + size + ", refs=" + refs + (owner == null ? "" : ", owner=" + owner) + "]";
    }
}
