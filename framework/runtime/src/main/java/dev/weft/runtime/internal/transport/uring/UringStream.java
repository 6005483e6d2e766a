package dev.weft.runtime.internal.transport.uring;

import dev.weft.runtime.Waker;
import dev.weft.runtime.internal.linux.Errno;
import dev.weft.runtime.internal.linux.DirectSend;
import dev.weft.runtime.internal.linux.Libc;
import dev.weft.runtime.internal.linux.NativeMemory;
import dev.weft.runtime.internal.linux.Scratch;
import dev.weft.runtime.internal.linux.SockAddr;
import dev.weft.runtime.internal.linux.Sockets;
import dev.weft.runtime.internal.transport.Placement;
import dev.weft.runtime.internal.transport.StreamIo;
import dev.weft.runtime.internal.uring.BufferRing;
import dev.weft.runtime.internal.uring.Ring;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;

/**
 * A TCP connection on the io_uring transport.
 *
 * <p><b>Receive.</b> One receive at a time, asking the kernel for a provided buffer
 * ({@code IOSQE_BUFFER_SELECT}); its data is held (one buffer at most per connection: that is the
 * back-pressure) until {@link #pollRead} has copied it into the caller's buffer, then the buffer
 * goes back to the poller and the next receive is armed at once, so the following bytes are on
 * their way while the task works. The copy is the price of letting idle connections hold no
 * memory; the zero-copy path would hand the provided buffer itself up to the codec (a
 * {@code ByteBuffer} view of it, given back when the codec releases it), which the
 * {@code StreamIo} contract (read into the caller's buffer) does not allow.
 *
 * <p><b>Bulk.</b> A receive that filled its whole provided buffer (or a read that filled the
 * caller's buffer) says more bytes are waiting: then, with no receive armed, the next reads go
 * straight from the socket into the caller's buffer ({@code recv} with {@code MSG_DONTWAIT},
 * from the task's thread) until one comes back short or empty, when the ring takes over again.
 * Likewise a write of at least {@value #DIRECT_SEND} bytes with nothing staged or in flight is
 * offered to the socket directly ({@code send} of a heap or direct buffer in place, or a gathering
 * {@code sendmsg} when direct buffers carry that much, since its heap buffers are copied first;
 * both with {@code MSG_DONTWAIT}) and only what the socket refuses is staged. A large body so
 * costs one copy (the kernel's) each way, not two, and no turn of the ring per provided buffer
 * (measured on the 64 KiB echo: from 5 receives and 5 sends per request to 3 and 1). Small requests and responses never take this path: they stay
 * batched in the ring. Both direct calls run under the stream's lock, so no ring operation of
 * the same direction is in flight meanwhile and bytes keep their order.
 *
 * <p><b>Send.</b> {@link #pollWrite} copies into the connection's staging memory ({@value
 * #SEND_BUFFER} bytes, allocated on the first write) and counts the bytes as written; the owner
 * sends them with one {@code IORING_OP_SEND} at a time, in order, resubmitting the rest of a
 * short send. A failed send is the exception of the next write. Staged bytes are still sent after
 * {@link #close} (as a kernel's send buffer is), then the descriptor is closed.
 *
 * <p><b>Close.</b> From any thread: both wakers are called, the in-flight receive is cancelled
 * ({@code IORING_OP_ASYNC_CANCEL} by user data: closing the descriptor alone would leave it
 * running, holding the file), and the descriptor is closed by the owner once nothing of the
 * connection is in flight any more, so no operation runs on a reused descriptor number.
 *
 * <p>State: fields below the lock comment are guarded by {@code this}; {@code ops} and
 * {@code slot} are the owner's.
 */
final class UringStream extends UringHandle implements StreamIo {
    static final int SEND_BUFFER = 32 * 1024;
    /** A write at least this large, with nothing staged, goes to the socket from the caller's buffer. */
    static final int DIRECT_SEND = 16 * 1024;
    private static final int RECV = 1;
    private static final int SEND = 2;
    private static final int CANCEL = 3;
    private static final int CONNECT = 4;

    private final int fd;
    /**
     * The addresses, looked up once: after the peer resets, {@code getpeername} fails, and NIO
     * (which keeps what accept and connect told it) still answers; so must this.
     */
    private volatile InetSocketAddress remote;
    private volatile InetSocketAddress local;

    // ---- guarded by this ----
    private MemorySegment connectAddress;
    private int connectAddressLength;
    private boolean connected;
    private boolean connectSubmitted;
    private int connectError;
    private Waker readWaker;
    private Waker writeWaker;
    /** The provided buffer holding received bytes not yet read, or -1. */
    private int heldBuffer = -1;
    private int heldOffset;
    private int heldLength;
    private boolean wantReceive;
    private boolean receiveArmed;
    private boolean starved;
    /** The last receive filled all the room it had: more bytes are likely waiting in the socket. */
    private boolean bulk;
    private boolean endOfStream;
    private int readError;
    private MemorySegment sendBuffer;
    private int sendStart;
    private int sendEnd;
    private boolean sendInFlight;
    /** A writer is filling staging memory outside the lock (a file region). */
    private boolean filling;
    private int sendError;
    private boolean wantShutdown;
    private boolean shutdownDone;
    private boolean closed;
    private boolean cancelSubmitted;
    /** For tests: reads and sends that went straight between the socket and the caller's buffer. */
    private int directReads;
    private int directSends;

    UringStream(int fd, Placement placement, boolean connected) {
        super(placement);
        this.fd = fd;
        this.connected = connected;
    }

    /** An accepted connection whose peer address was looked up at accept time. */
    UringStream(int fd, Placement placement, InetSocketAddress remote) {
        this(fd, placement, true);
        this.remote = remote;
    }

    static UringStream connect(InetSocketAddress address, Placement placement) throws IOException {
        int fd = Sockets.open(SockAddr.family(address), false);
        UringStream s = new UringStream(fd, placement, false);
        MemorySegment addr = NativeMemory.malloc(SockAddr.MAX);
        try {
            s.connectAddressLength = SockAddr.write(address, addr);
        } catch (RuntimeException e) {
            NativeMemory.free(addr);
            Sockets.close(fd);
            throw e;
        }
        s.connectAddress = addr;
        s.remote = address;
        return s;
    }

    // ---- the task's side ----

    @Override
    public boolean pollConnected(Waker waker) throws IOException {
        boolean submit;
        synchronized (this) {
            if (connected) {
                return true;
            }
            if (closed) {
                throw new ClosedChannelException();
            }
            if (connectError != 0) {
                throw Errno.exception(connectError, "connect");
            }
            writeWaker = waker;
            submit = !connectSubmitted;
        }
        if (submit) {
            schedule();
        }
        return false;
    }

    @Override
    public int pollRead(Waker waker, ByteBuffer dst) throws IOException {
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        boolean ask = false;
        int n = 0;
        int giveBack = -1;
        UringPoller p = poller();
        synchronized (this) {
            if (closed) {
                throw new ClosedChannelException();
            }
            if (heldBuffer >= 0) {
                n = Math.min(dst.remaining(), heldLength - heldOffset);
                p.buffers().copyTo(heldBuffer, heldOffset, n, dst);
                heldOffset += n;
                if (heldOffset == heldLength) {
                    giveBack = heldBuffer;
                    heldBuffer = -1;
                    bulk = heldLength == p.buffers().bufferSize();
                    if (bulk && dst.hasRemaining()) {
                        n += Math.max(0, receiveDirect(dst));
                    }
                    ask = !bulk && askReceive();
                }
            } else if (endOfStream) {
                return -1;
            } else if (readError != 0) {
                throw Errno.exception(readError, "read");
            } else if (bulk && !receiveArmed && !starved && connected) {
                wantReceive = false;
                n = receiveDirect(dst);
                if (n < 0) {
                    return -1;
                }
                if (n == 0) {
                    if (readError != 0) {
                        throw Errno.exception(readError, "read");
                    }
                    readWaker = waker;
                    ask = askReceive();
                }
            } else {
                readWaker = waker;
                ask = askReceive();
            }
        }
        if (giveBack >= 0) {
            p.returnBuffer(giveBack);
        }
        if (ask) {
            schedule();
        }
        return n > 0 ? n : PENDING;
    }

    /**
     * Under the lock, with no receive armed: reads from the socket into {@code dst} without
     * waiting. The bytes read (and {@link #bulk} if they filled {@code dst}), 0 if none were
     * waiting or the read failed (its error kept in {@link #readError}), -1 at the end of the
     * stream.
     */
    private int receiveDirect(ByteBuffer dst) {
        int len = dst.remaining();
        MemorySegment errno = Scratch.get().errno;
        MemorySegment into = MemorySegment.ofBuffer(dst);
        long r;
        do {
            r = Libc.recvCritical(errno, fd, into, len, Libc.MSG_DONTWAIT);
        } while (r == -Errno.EINTR);
        if (r > 0) {
            dst.position(dst.position() + (int) r);
            bulk = r == len;
            directReads++;
            return (int) r;
        }
        bulk = false;
        if (r == 0) {
            endOfStream = true;
            return -1;
        }
        if (r != -Errno.EAGAIN) {
            readError = (int) -r;
        }
        return 0;
    }

    /** Under the lock: asks for a receive unless one is armed or asked; true if newly asked. */
    private boolean askReceive() {
        if (receiveArmed || wantReceive || endOfStream || readError != 0 || !connected) {
            return false;
        }
        wantReceive = true;
        return true;
    }

    @Override
    public void awaitReadable(Waker waker) throws IOException {
        boolean ask;
        synchronized (this) {
            if (closed || heldBuffer >= 0 || endOfStream || readError != 0 || (bulk && !receiveArmed)) {
                ask = false;
                waker.wake();
            } else {
                readWaker = waker;
                ask = askReceive();
            }
        }
        if (ask) {
            schedule();
        }
    }

    @Override
    public long pollWrite(Waker waker, ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        boolean any = false;
        boolean send;
        synchronized (this) {
            if (mayWriteDirect()) {
                // Only direct buffers count: a gathering send copies heap ones into scratch
                // memory first, a copy wasted on whatever the socket then refuses and stages.
                long want = 0;
                long inPlace = 0;
                for (int i = offset; i < offset + length; i++) {
                    int r = srcs[i].remaining();
                    want += r;
                    inPlace += srcs[i].isDirect() ? r : 0;
                }
                if (inPlace >= DIRECT_SEND) {
                    long n = DirectSend.gathered(fd, srcs, offset, offset + length);
                    if (n > 0) {
                        DirectSend.advance(srcs, offset, offset + length, n);
                        directSends++;
                        total = n;
                        if (n == want) {
                            return n;
                        }
                    }
                }
            }
            int room = room(waker);
            if (room < 0) {
                return total > 0 ? total : PENDING;
            }
            for (int i = offset; i < offset + length && room > 0; i++) {
                ByteBuffer b = srcs[i];
                int n = Math.min(room, b.remaining());
                if (n > 0) {
                    stage(b, n);
                    room -= n;
                    total += n;
                    any = true;
                }
            }
            if (!any) {
                if (total > 0) {
                    return total;
                }
                for (int i = offset; i < offset + length; i++) {
                    if (srcs[i].hasRemaining()) {
                        writeWaker = waker;
                        return PENDING;
                    }
                }
                return 0;
            }
            send = !sendInFlight;
        }
        if (send) {
            schedule();
        }
        return total;
    }

    @Override
    public int pollWrite(Waker waker, ByteBuffer src) throws IOException {
        if (!src.hasRemaining()) {
            return 0;
        }
        boolean send;
        int n;
        int direct = 0;
        synchronized (this) {
            if (mayWriteDirect() && src.remaining() >= DIRECT_SEND) {
                direct = sendDirect(src);
                if (!src.hasRemaining()) {
                    return direct;
                }
            }
            int room = room(waker);
            if (room < 0) {
                return direct > 0 ? direct : PENDING;
            }
            n = Math.min(room, src.remaining());
            stage(src, n);
            n += direct;
            send = !sendInFlight;
        }
        if (send) {
            schedule();
        }
        return n;
    }

    /** Under the lock: nothing staged, being filled or in flight, so a direct send keeps the bytes' order. */
    private boolean mayWriteDirect() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (sendError != 0) {
            throw Errno.exception(sendError, "write");
        }
        return !sendInFlight && sendStart == sendEnd && !filling && !wantShutdown;
    }

    /** Under the lock: {@code send} from {@code src} in place without waiting; the bytes sent (0 if none fit). */
    private int sendDirect(ByteBuffer src) throws IOException {
        long r = DirectSend.single(fd, MemorySegment.ofBuffer(src), src.remaining());
        if (r < 0) {
            return 0;
        }
        src.position(src.position() + (int) r);
        directSends++;
        return (int) r;
    }

    /**
     * Under the lock: the free staging bytes after the staged ones, or -1 after storing the waker
     * when there are none. Resets the staging memory when everything in it was sent.
     */
    private int room(Waker waker) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (sendError != 0) {
            throw Errno.exception(sendError, "write");
        }
        if (sendBuffer == null) {
            sendBuffer = NativeMemory.malloc(SEND_BUFFER);
        }
        if (!sendInFlight && sendStart == sendEnd) {
            sendStart = 0;
            sendEnd = 0;
        }
        int room = SEND_BUFFER - sendEnd;
        if (room == 0 || filling) {
            writeWaker = waker;
            return -1;
        }
        return room;
    }

    private void stage(ByteBuffer b, int n) {
        MemorySegment.copy(MemorySegment.ofBuffer(b), 0, sendBuffer, sendEnd, n);
        b.position(b.position() + n);
        sendEnd += n;
    }

    @Override
    public long pollTransferFrom(Waker waker, FileChannel file, long position, long count) throws IOException {
        MemorySegment region;
        synchronized (this) {
            int room = room(waker);
            if (room < 0) {
                return PENDING;
            }
            region = sendBuffer.asSlice(sendEnd, (int) Math.min(room, count));
            filling = true;
        }
        int n = -1;
        try {
            // Outside the lock: a read from disk must not hold up the owner's completions. The
            // owner never touches staging memory past sendEnd, and release waits for !filling.
            n = file.read(region.asByteBuffer(), position);
        } finally {
            boolean send;
            boolean releaseNow;
            synchronized (this) {
                filling = false;
                if (n > 0 && !closed) {
                    sendEnd += n;
                }
                send = n > 0 && !sendInFlight && !closed;
                releaseNow = closed;
            }
            if (send || releaseNow) {
                schedule();
            }
        }
        if (n < 0) {
            throw new IOException("the file ended at " + file.size() + " before the region to send did");
        }
        return n;
    }

    @Override
    public synchronized void clearReadWaker() {
        readWaker = null;
    }

    @Override
    public synchronized void clearWriteWaker() {
        writeWaker = null;
    }

    @Override
    public void shutdownOutput() throws IOException {
        synchronized (this) {
            if (closed) {
                throw new ClosedChannelException();
            }
            if (registeredPoller() == null || (sendStart == sendEnd && !sendInFlight && !filling)) {
                shutdownNow();
                return;
            }
            wantShutdown = true;
        }
        schedule();
    }

    /** Under the lock: nothing staged, so FIN may go now. */
    private void shutdownNow() throws IOException {
        wantShutdown = false;
        if (shutdownDone) {
            return;
        }
        shutdownDone = true;
        int r = Libc.shutdown(Scratch.get().errno, fd, Libc.SHUT_WR);
        if (r < 0) {
            throw Errno.exception(r, "shutdown");
        }
    }

    @Override
    public <T> void setOption(SocketOption<T> option, T value) throws IOException {
        synchronized (this) {
            if (closed) {
                throw new ClosedChannelException();
            }
        }
        Sockets.setOption(fd, option, value);
    }

    @Override
    public InetSocketAddress localAddress() throws IOException {
        InetSocketAddress a = local;
        if (a == null) {
            a = Sockets.localAddress(fd);
            local = a;
        }
        return a;
    }

    @Override
    public InetSocketAddress remoteAddress() throws IOException {
        InetSocketAddress a = remote;
        if (a == null) {
            a = Sockets.remoteAddress(fd);
            remote = a;
        }
        return a;
    }

    @Override
    public void close() throws IOException {
        Waker r;
        Waker w;
        boolean direct;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            r = readWaker;
            w = writeWaker;
            readWaker = null;
            writeWaker = null;
            // A writer filling staging memory outside the lock keeps it alive: the owner frees it.
            direct = registeredPoller() == null && !filling;
            if (direct) {
                released = true; // never given to a ring: nothing in flight
            }
        }
        wake(r);
        wake(w);
        if (direct) {
            freeMemory();
            Sockets.close(fd);
        } else {
            schedule();
        }
    }

    // ---- the owner's side ----

    @Override
    synchronized void service(UringPoller p, Ring ring) {
        if (released) {
            return;
        }
        if (closed) {
            if (receiveArmed && !cancelSubmitted) {
                ring.cancel(userData(RECV), userData(CANCEL));
                ops++;
                cancelSubmitted = true;
            }
        } else {
            if (!connected && !connectSubmitted && connectError == 0 && connectAddress != null) {
                ring.connect(fd, connectAddress.address(), connectAddressLength, userData(CONNECT));
                ops++;
                connectSubmitted = true;
            }
            if (wantReceive && !receiveArmed && !starved && heldBuffer < 0) {
                ring.recvSelect(fd, UringPoller.GROUP, false, userData(RECV));
                ops++;
                receiveArmed = true;
                wantReceive = false;
            }
        }
        if (!sendInFlight && sendEnd > sendStart && sendError == 0) {
            ring.send(fd, sendBuffer.address() + sendStart, sendEnd - sendStart, userData(SEND));
            ops++;
            sendInFlight = true;
        }
        if (wantShutdown && !sendInFlight && sendStart == sendEnd && !filling && !closed) {
            try {
                shutdownNow();
            } catch (IOException e) {
                sendError = Errno.EPIPE;
            }
        }
    }

    /** Owner: buffers came back; the receive may be armed again. */
    synchronized void unstarve() {
        starved = false;
        if (!closed && !receiveArmed && heldBuffer < 0) {
            wantReceive = true;
        }
    }

    @Override
    void complete(UringPoller p, int op, int res, int flags) {
        Waker wake = null;
        boolean again = false;
        synchronized (this) {
            switch (op) {
                case RECV -> {
                    receiveArmed = false;
                    int bid = BufferRing.bufferId(flags);
                    if (bid >= 0) {
                        p.buffers().taken(bid);
                    }
                    if (res > 0 && !closed) {
                        heldBuffer = bid;
                        heldOffset = 0;
                        heldLength = res;
                    } else if (res > 0) {
                        p.returnBuffer(bid);
                    } else if (res == 0) {
                        endOfStream = true;
                    } else if (res == -Errno.ENOBUFS) {
                        // The bytes wait in the socket; the receive is armed again when a reader
                        // gives a buffer back. The reader sleeps on.
                        if (!closed) {
                            starved = true;
                            p.starved(this);
                        }
                        break;
                    } else if (res != -Errno.ECANCELED) {
                        readError = -res;
                    }
                    wake = readWaker;
                    readWaker = null;
                }
                case SEND -> {
                    sendInFlight = false;
                    if (res >= 0) {
                        sendStart += res;
                        again = sendStart < sendEnd || wantShutdown;
                    } else {
                        sendError = -res;
                    }
                    wake = writeWaker;
                    writeWaker = null;
                }
                case CONNECT -> {
                    if (res == 0) {
                        connected = true;
                    } else {
                        connectError = -res;
                    }
                    wake = writeWaker;
                    writeWaker = null;
                }
                default -> {
                    // CANCEL: its target completes on its own
                }
            }
        }
        wake(wake);
        if (again) {
            scheduleFromOwner(p);
        }
    }

    @Override
    synchronized boolean releasable() {
        return closed && !released && ops == 0 && !filling && (sendStart == sendEnd || sendError != 0);
    }

    @Override
    void release(UringPoller p) {
        int held;
        synchronized (this) {
            released = true;
            held = heldBuffer;
            heldBuffer = -1;
        }
        if (held >= 0) {
            p.returnBuffer(held);
        }
        freeMemory();
        Sockets.close(fd);
    }

    @Override
    void abandon() {
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
            closed = true;
        }
        wake(readWaker);
        wake(writeWaker);
        freeMemory();
        Sockets.close(fd);
    }

    private synchronized void freeMemory() {
        if (sendBuffer != null) {
            NativeMemory.free(sendBuffer);
            sendBuffer = null;
        }
        if (connectAddress != null) {
            NativeMemory.free(connectAddress);
            connectAddress = null;
        }
    }

    // ---- for tests: the state the kernel's operations are in ----

    synchronized boolean receiveInFlight() {
        return receiveArmed;
    }

    synchronized boolean sendInFlight() {
        return sendInFlight;
    }

    synchronized boolean holdsBuffer() {
        return heldBuffer >= 0;
    }

    synchronized boolean isStarved() {
        return starved;
    }

    synchronized boolean isReleased() {
        return released;
    }

    synchronized int directReads() {
        return directReads;
    }

    synchronized int directSends() {
        return directSends;
    }

    @Override
    public String toString() {
        return "UringStream[fd=" + fd + "]";
    }
}
