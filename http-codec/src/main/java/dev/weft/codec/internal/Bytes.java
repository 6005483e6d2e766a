package dev.weft.codec.internal;

import java.nio.ByteBuffer;

/** Searching in {@link ByteBuffer}s by absolute index, heap or direct, without moving them. */
public final class Bytes {
    private Bytes() {}

    /** Index of the first {@code b} in {@code buf[from, to)}, or -1. */
    public static int indexOf(ByteBuffer buf, int from, int to, byte b) {
        if (buf.hasArray()) {
            int base = buf.arrayOffset();
            int i = Swar.indexOf(buf.array(), from + base, to + base, b);
            return i < 0 ? -1 : i - base;
        }
        for (int i = from; i < to; i++) {
            if (buf.get(i) == b) return i;
        }
        return -1;
    }
}
