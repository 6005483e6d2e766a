package dev.weft.codec.internal;

import java.nio.ByteBuffer;

/** Searching in {@link ByteBuffer}s by absolute index, heap or direct, without moving them. */
public final class Bytes {
    private Bytes() {}

    /** Index of the first {@code b} in {@code buf[from, to)}, or -1. */
    public static int indexOf(ByteBuffer buf, int from, int to, byte b) {
        if (buf.hasArray()) {
            byte[] a = buf.array();
            int base = buf.arrayOffset();
            for (int i = from + base, end = to + base; i < end; i++) {
                if (a[i] == b) return i - base;
            }
            return -1;
        }
        for (int i = from; i < to; i++) {
            if (buf.get(i) == b) return i;
        }
        return -1;
    }
}
