package dev.weft.runtime.internal.uring;

import dev.weft.runtime.internal.linux.Errno;
import java.io.IOException;

/** A system call of the ring failed; {@link #errno()} says how. */
public final class RingException extends IOException {
    private final int errno;

    RingException(String what, int errno) {
        super(what + ": " + Errno.name(errno));
        this.errno = Math.abs(errno);
    }

    /** The (positive) errno value. */
    public int errno() {
        return errno;
    }
}
