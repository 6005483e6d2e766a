package dev.weft.runtime.internal.linux;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;

/**
 * Sends from the calling thread straight out of the caller's buffers, never blocking
 * ({@code MSG_NOSIGNAL | MSG_DONTWAIT}, so a blocking socket does not block either): one buffer
 * with {@code send(2)}, its heap array or native memory in place; a run of buffers with one
 * {@code sendmsg(2)}, direct buffers pointed at in place and heap ones (whose address the kernel
 * cannot keep) copied into the thread's bounded {@link Scratch} copy area while it has room.
 * Shared by the epoll transport's writes and the io_uring transport's large writes.
 */
public final class DirectSend {
    private static final int FLAGS = Libc.MSG_NOSIGNAL | Libc.MSG_DONTWAIT;

    private DirectSend() {
    }

    /**
     * Sends what it can of the {@code len} bytes at {@code from} (a heap or native segment) on
     * socket {@code fd}.
     *
     * @return the bytes sent, or -1 if the socket's send buffer is full ({@code EAGAIN})
     * @throws IOException the socket's error (a reset peer, a closed connection)
     */
    public static long single(int fd, MemorySegment from, long len) throws IOException {
        MemorySegment errno = Scratch.get().errno;
        long n;
        do {
            n = Libc.sendCritical(errno, fd, from, len, FLAGS);
        } while (n == -Errno.EINTR);
        return result(n);
    }

    /**
     * Sends what it can of {@code srcs[from, to)} on socket {@code fd}. The buffers' positions are
     * not moved: see {@link #advance}.
     *
     * @return the bytes sent, or -1 if the socket's send buffer is full ({@code EAGAIN})
     * @throws IOException the socket's error (a reset peer, a closed connection)
     */
    public static long gathered(int fd, ByteBuffer[] srcs, int from, int to) throws IOException {
        Scratch s = Scratch.get();
        MemorySegment iov = s.iov;
        MemorySegment copy = null;
        long copied = 0;
        int count = 0;
        for (int i = from; i < to && count < Scratch.IOV_MAX; i++) {
            ByteBuffer b = srcs[i];
            int rem = b.remaining();
            if (rem == 0) {
                continue;
            }
            long base;
            long len;
            if (b.isDirect()) {
                base = MemorySegment.ofBuffer(b).address();
                len = rem;
            } else {
                if (copy == null) {
                    copy = s.copy();
                }
                long room = Scratch.COPY_BYTES - copied;
                if (room == 0) {
                    break;
                }
                len = Math.min(rem, room);
                MemorySegment.copy(MemorySegment.ofBuffer(b), 0, copy, copied, len);
                base = copy.address() + copied;
                copied += len;
            }
            iov.set(ValueLayout.JAVA_LONG, 16L * count, base);
            iov.set(ValueLayout.JAVA_LONG, 16L * count + 8, len);
            count++;
            if (len < rem) {
                break; // the rest of this buffer did not fit: what follows must wait for it
            }
        }
        MemorySegment msg = s.msghdr;
        msg.fill((byte) 0);
        msg.set(ValueLayout.ADDRESS, 16, iov);          // msg_iov
        msg.set(ValueLayout.JAVA_LONG, 24, count);      // msg_iovlen
        long n;
        try {
            do {
                n = Libc.sendmsgCritical(s.errno, fd, msg, FLAGS);
            } while (n == -Errno.EINTR);
        } finally {
            Reference.reachabilityFence(srcs); // the iovecs point into the direct buffers
        }
        return result(n);
    }

    /** A send's result: bytes sent, -1 for {@code EAGAIN}, or the error thrown. */
    private static long result(long n) throws IOException {
        if (n >= 0) {
            return n;
        }
        if (n == -Errno.EAGAIN) {
            return -1;
        }
        throw Errno.exception((int) n, "write");
    }

    /** Moves the positions of {@code srcs[from, to)} past the first {@code n} bytes sent. */
    public static void advance(ByteBuffer[] srcs, int from, int to, long n) {
        for (int i = from; i < to && n > 0; i++) {
            ByteBuffer b = srcs[i];
            int step = (int) Math.min(b.remaining(), n);
            b.position(b.position() + step);
            n -= step;
        }
    }
}
