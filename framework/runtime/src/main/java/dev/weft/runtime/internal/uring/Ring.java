package dev.weft.runtime.internal.uring;

import static dev.weft.runtime.internal.uring.Uapi.*;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.weft.runtime.internal.linux.Errno;
import dev.weft.runtime.internal.linux.Libc;
import dev.weft.runtime.internal.linux.NativeMemory;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One io_uring instance: its submission queue (SQ), completion queue (CQ) and SQE array, mapped
 * from the kernel, and the calls that fill, submit and reap them.
 *
 * <p><b>Owner.</b> A ring belongs to the thread that opened it (the kernel is told so with
 * {@code IORING_SETUP_SINGLE_ISSUER} and then refuses {@code io_uring_enter} from any other
 * thread). Every method is for that thread only; nothing here is synchronized.
 *
 * <p><b>Memory ordering.</b> The queues are shared with the kernel: the SQ tail and the CQ head
 * are ours, the SQ head and the CQ tail are the kernel's. An SQE is written with plain stores and
 * published by a store-release of the SQ tail; a CQE is read with plain loads after a
 * load-acquire of the CQ tail, and given back by a store-release of the CQ head; the SQ head is
 * load-acquired before an SQE slot is reused, and the SQ flags (overflow, task work) are
 * load-acquired. These are the orderings liburing's {@code io_uring_smp_*} macros use.
 *
 * <p><b>Setup.</b> {@link #open} asks for a single issuer with deferred task work
 * ({@code DEFER_TASKRUN}: completions are posted only when the owner enters the kernel to wait
 * for them, never by interrupting it) and falls back, on {@code EINVAL}, to cooperative task
 * work, then to none. The SQ array is filled once with the identity, so the SQE at the tail is
 * the one submitted. The CQ is sized by the caller ({@code CQSIZE}); a completion that finds it
 * full waits on the kernel's overflow list ({@code IORING_FEAT_NODROP}) and {@link #drain}
 * flushes it.
 *
 * <p><b>In flight.</b> Every SQE yields exactly one final completion (one without
 * {@code IORING_CQE_F_MORE}); {@link #inFlight()} counts the operations whose final completion
 * has not been reaped, and {@link #close} cancels and waits for them before it lets go of
 * memory the kernel might still write.
 */
public final class Ring implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ring.class);
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    /** How long {@link #close} waits for cancelled operations to complete (a bound, not a pace). */
    private static final long CLOSE_DRAIN_NANOS = 5_000_000_000L;

    /** Receives completions from {@link #reap} and {@link #drain}; must not reap again. */
    @FunctionalInterface
    public interface Completions {
        void complete(long userData, int res, int flags);
    }

    private static final Completions DISCARD = (ud, res, flags) -> { };

    private final int fd;
    private final int setupFlags;
    private final int features;
    private final NativeMemory.Account memory;
    private final MemorySegment errno;
    private final MemorySegment enterArg;
    private final MemorySegment timespec;
    private final MemorySegment sq;
    private final MemorySegment cq;
    private final MemorySegment sqes;
    private final long sqMapLength;
    private final long cqMapLength;
    private final long sqesMapLength;
    private final long sqHead;
    private final long sqTail;
    private final long sqFlags;
    private final long cqHead;
    private final long cqTail;
    private final long cqOverflow;
    private final long cqes;
    private final int sqMask;
    private final int sqEntries;
    private final int cqMask;
    private final int cqEntries;
    /** The next SQE slot to fill; published to the kernel as the SQ tail by {@link #enter}. */
    private int sqeTail;
    private int cqHeadLocal;
    private int inFlight;
    private long enters;
    private boolean closed;
    /** Memory given to the kernel (buffer rings) whose owners let go while operations were in flight. */
    private java.util.List<NativeMemory.Account> releaseWhenQuiescent;

    private Ring(int fd, int setupFlags, MemorySegment params, NativeMemory.Account memory, MemorySegment errno)
            throws RingException {
        this.fd = fd;
        this.setupFlags = setupFlags;
        this.memory = memory;
        this.errno = errno;
        this.features = params.get(JAVA_INT, P_FEATURES);
        this.sqEntries = params.get(JAVA_INT, P_SQ_ENTRIES);
        this.cqEntries = params.get(JAVA_INT, P_CQ_ENTRIES);
        long so = P_SQ_OFF;
        long co = P_CQ_OFF;
        sqHead = params.get(JAVA_INT, so + SQ_HEAD);
        sqTail = params.get(JAVA_INT, so + SQ_TAIL);
        sqFlags = params.get(JAVA_INT, so + SQ_FLAGS);
        long sqArray = params.get(JAVA_INT, so + SQ_ARRAY);
        cqHead = params.get(JAVA_INT, co + CQ_HEAD);
        cqTail = params.get(JAVA_INT, co + CQ_TAIL);
        cqOverflow = params.get(JAVA_INT, co + CQ_OVERFLOW);
        cqes = params.get(JAVA_INT, co + CQ_CQES);
        long sqSize = sqArray + 4L * sqEntries;
        long cqSize = cqes + CQE_SIZE * cqEntries;
        MemorySegment sqMap = null;
        MemorySegment cqMap = null;
        MemorySegment sqeMap = null;
        long sqLen = 0;
        long cqLen = 0;
        long sqeLen = SQE_SIZE * sqEntries;
        try {
            if ((features & FEAT_SINGLE_MMAP) != 0) {
                sqLen = Math.max(sqSize, cqSize);
                sqMap = map(sqLen, OFF_SQ_RING);
                cqMap = sqMap;
            } else {
                sqLen = sqSize;
                cqLen = cqSize;
                sqMap = map(sqLen, OFF_SQ_RING);
                cqMap = map(cqLen, OFF_CQ_RING);
            }
            sqeMap = map(sqeLen, OFF_SQES);
        } catch (RingException e) {
            unmap(sqMap, sqLen);
            if (cqMap != sqMap) {
                unmap(cqMap, cqLen);
            }
            throw e;
        }
        this.sq = sqMap;
        this.cq = cqMap;
        this.sqes = sqeMap;
        this.sqMapLength = sqLen;
        this.cqMapLength = cqLen;
        this.sqesMapLength = sqeLen;
        this.sqMask = sq.get(JAVA_INT, params.get(JAVA_INT, so + SQ_RING_MASK));
        this.cqMask = cq.get(JAVA_INT, params.get(JAVA_INT, co + CQ_RING_MASK));
        for (int i = 0; i < sqEntries; i++) {
            sq.set(JAVA_INT, sqArray + 4L * i, i);
        }
        this.sqeTail = (int) INT.getAcquire(sq, sqTail);
        this.cqHeadLocal = (int) INT.getAcquire(cq, cqHead);
        this.enterArg = memory.allocate(GETEVENTS_ARG_SIZE, 8);
        this.timespec = memory.allocate(16, 8);
        enterArg.set(JAVA_LONG, 16, timespec.address());
    }

    /**
     * Opens a ring on the calling thread, which becomes its owner.
     *
     * @param entries SQ size (rounded up to a power of two, clamped to the kernel's limit)
     * @param cqEntries CQ size (likewise); at least {@code entries}
     */
    public static Ring open(int entries, int cqEntries) throws RingException {
        return open(entries, cqEntries, true);
    }

    /**
     * Opens a ring; without {@code singleIssuer} the kernel is not told of an owner (no
     * {@code SINGLE_ISSUER}, hence no {@code DEFER_TASKRUN}: cooperative task work instead), for a
     * ring whose owner hands it over, as a worker's poller is opened by the thread that builds
     * the runtime and closed by the one that shuts it down. One thread at a time still.
     */
    public static Ring open(int entries, int cqEntries, boolean singleIssuer) throws RingException {
        if (cqEntries < entries) {
            throw new IllegalArgumentException("cqEntries " + cqEntries + " < entries " + entries);
        }
        NativeMemory.Account memory = new NativeMemory.Account();
        try {
            MemorySegment errno = memory.allocate(Libc.errnoSize(), 8);
            MemorySegment params = memory.allocate(PARAMS_SIZE, 8);
            int base = SETUP_CQSIZE | SETUP_CLAMP;
            int[] attempts = singleIssuer
                    ? new int[] {
                        base | SETUP_SUBMIT_ALL | SETUP_SINGLE_ISSUER | SETUP_DEFER_TASKRUN | SETUP_TASKRUN_FLAG,
                        base | SETUP_SUBMIT_ALL | SETUP_SINGLE_ISSUER | SETUP_COOP_TASKRUN | SETUP_TASKRUN_FLAG,
                        base | SETUP_SUBMIT_ALL,
                        base,
                    }
                    : new int[] {base | SETUP_SUBMIT_ALL | SETUP_COOP_TASKRUN | SETUP_TASKRUN_FLAG, base | SETUP_SUBMIT_ALL, base};
            long r = -Errno.EINVAL;
            int flags = 0;
            for (int attempt : attempts) {
                flags = attempt;
                params.fill((byte) 0);
                params.set(JAVA_INT, P_FLAGS, flags);
                params.set(JAVA_INT, P_CQ_ENTRIES, cqEntries);
                r = Libc.ioUringSetup(errno, entries, params.address());
                if (r != -Errno.EINVAL) {
                    break;
                }
            }
            if (r < 0) {
                throw new RingException("io_uring_setup", (int) r);
            }
            int fd = (int) r;
            try {
                return new Ring(fd, flags, params, memory, errno);
            } catch (RingException | RuntimeException e) {
                Libc.close(errno, fd);
                throw e;
            }
        } catch (RingException | RuntimeException e) {
            memory.close();
            throw e;
        }
    }

    private MemorySegment map(long length, long offset) throws RingException {
        long addr = Libc.mmap(errno, 0, length, Libc.PROT_READ_WRITE, Libc.MAP_SHARED | Libc.MAP_POPULATE, fd, offset);
        if (addr < 0) {
            throw new RingException("mmap of the ring at " + Long.toHexString(offset), (int) addr);
        }
        NativeMemory.mapped(length);
        return MemorySegment.ofAddress(addr).reinterpret(length);
    }

    private void unmap(MemorySegment s, long length) {
        if (s != null) {
            Libc.munmap(errno, s.address(), length);
            NativeMemory.unmapped(length);
        }
    }

    /** The ring's file descriptor. */
    public int fd() {
        return fd;
    }

    /** The {@code IORING_SETUP_*} flags the kernel accepted. */
    public int setupFlags() {
        return setupFlags;
    }

    /** The kernel's {@code IORING_FEAT_*} bits. */
    public int features() {
        return features;
    }

    public int sqEntries() {
        return sqEntries;
    }

    public int cqEntries() {
        return cqEntries;
    }

    /** Operations submitted (or prepared) whose final completion has not been reaped. */
    public int inFlight() {
        return inFlight;
    }

    /** SQEs prepared or published but not yet consumed by the kernel. */
    public int pendingSubmissions() {
        return sqeTail - (int) INT.getAcquire(sq, sqHead);
    }

    /** How many times the owner entered the kernel (metrics and tests). */
    public long enters() {
        return enters;
    }

    /** Completions the kernel dropped because the CQ was full (0 with {@code IORING_FEAT_NODROP}). */
    public int droppedCompletions() {
        return (int) INT.getAcquire(cq, cqOverflow);
    }

    /** Whether completions wait on the kernel's overflow list for room in the CQ. */
    public boolean overflowPending() {
        return ((int) INT.getAcquire(sq, sqFlags) & SQ_CQ_OVERFLOW) != 0;
    }

    // ---- SQE preparation. Each returns false, preparing nothing, when the SQ is full. ----

    /** Zeroes the next free SQE and returns its offset, or -1 if the SQ is full. */
    private long next(int opcode, int fd, long userData) {
        int head = (int) INT.getAcquire(sq, sqHead);
        if (sqeTail - head == sqEntries) {
            return -1;
        }
        long off = (long) (sqeTail & sqMask) * SQE_SIZE;
        sqeTail++;
        for (long i = 0; i < SQE_SIZE; i += 8) {
            sqes.set(JAVA_LONG, off + i, 0L);
        }
        sqes.set(JAVA_BYTE, off + SQE_OPCODE, (byte) opcode);
        sqes.set(JAVA_INT, off + SQE_FD, fd);
        sqes.set(JAVA_LONG, off + SQE_USER_DATA, userData);
        inFlight++;
        return off;
    }

    /** An SQE for {@code opcode} on {@code fd} with a buffer: its offset, or -1 when the SQ is full. */
    private long withBuffer(int opcode, int fd, long addr, int len, long userData) {
        long o = next(opcode, fd, userData);
        if (o >= 0) {
            sqes.set(JAVA_LONG, o + SQE_ADDR, addr);
            sqes.set(JAVA_INT, o + SQE_LEN, len);
        }
        return o;
    }

    public boolean nop(long userData) {
        return next(OP_NOP, -1, userData) >= 0;
    }

    /**
     * Accepts on a listening socket; with {@code multishot} one SQE yields a completion per
     * connection (result: the new socket's fd, close-on-exec) until it fails or is cancelled.
     */
    public boolean accept(int listenFd, boolean multishot, long userData) {
        long o = next(OP_ACCEPT, listenFd, userData);
        if (o < 0) {
            return false;
        }
        if (multishot) {
            sqes.set(JAVA_SHORT, o + SQE_IOPRIO, (short) ACCEPT_MULTISHOT);
        }
        sqes.set(JAVA_INT, o + SQE_OP_FLAGS, Libc.SOCK_CLOEXEC);
        return true;
    }

    /** Receives into {@code len} bytes at {@code addr}; result: bytes received, 0 at end of stream. */
    public boolean recv(int fd, long addr, int len, long userData) {
        return withBuffer(OP_RECV, fd, addr, len, userData) >= 0;
    }

    /**
     * Receives into buffers the kernel picks from buffer group {@code group}: with
     * {@code multishot}, one completion per arrival ({@code IORING_CQE_F_BUFFER}, the buffer id
     * above {@code IORING_CQE_BUFFER_SHIFT}) until end of stream, an error, or no buffer left
     * ({@code -ENOBUFS}, the bytes staying in the socket for the next arm).
     */
    public boolean recvSelect(int fd, int group, boolean multishot, long userData) {
        long o = next(OP_RECV, fd, userData);
        if (o < 0) {
            return false;
        }
        sqes.set(JAVA_BYTE, o + SQE_FLAGS, (byte) IOSQE_BUFFER_SELECT);
        sqes.set(JAVA_SHORT, o + SQE_BUF_GROUP, (short) group);
        if (multishot) {
            sqes.set(JAVA_SHORT, o + SQE_IOPRIO, (short) RECV_MULTISHOT);
        }
        return true;
    }

    /** Sends {@code len} bytes at {@code addr} ({@code MSG_NOSIGNAL}); result: bytes sent, maybe fewer. */
    public boolean send(int fd, long addr, int len, long userData) {
        long o = withBuffer(OP_SEND, fd, addr, len, userData);
        if (o < 0) {
            return false;
        }
        sqes.set(JAVA_INT, o + SQE_OP_FLAGS, Libc.MSG_NOSIGNAL);
        return true;
    }

    /**
     * Gathering send of the {@code struct msghdr} at {@code msghdr} ({@code MSG_NOSIGNAL}, so a
     * reset peer is a result, {@code -EPIPE}, and never a signal: why this and not
     * {@code writev}, which cannot take the flag).
     */
    public boolean sendmsg(int fd, long msghdr, long userData) {
        long o = withBuffer(OP_SENDMSG, fd, msghdr, 1, userData); // one msghdr
        if (o < 0) {
            return false;
        }
        sqes.set(JAVA_INT, o + SQE_OP_FLAGS, Libc.MSG_NOSIGNAL);
        return true;
    }

    /** Reads {@code len} bytes at {@code addr} from any file (the eventfd of {@link RingParker}). */
    public boolean read(int fd, long addr, int len, long userData) {
        return withBuffer(OP_READ, fd, addr, len, userData) >= 0;
    }

    /** Connects a socket to the {@code sockaddr} at {@code addr}. */
    public boolean connect(int fd, long addr, int addrLen, long userData) {
        long o = next(OP_CONNECT, fd, userData);
        if (o < 0) {
            return false;
        }
        sqes.set(JAVA_LONG, o + SQE_ADDR, addr);
        sqes.set(JAVA_LONG, o + SQE_OFF, addrLen);
        return true;
    }

    /** Shuts a socket down ({@code SHUT_WR} = 1). */
    public boolean shutdown(int fd, int how, long userData) {
        long o = next(OP_SHUTDOWN, fd, userData);
        if (o < 0) {
            return false;
        }
        sqes.set(JAVA_INT, o + SQE_LEN, how);
        return true;
    }

    /** Closes a file descriptor. */
    public boolean close(int fd, long userData) {
        return next(OP_CLOSE, fd, userData) >= 0;
    }

    /**
     * Cancels the operation submitted with user data {@code target}; result 0 if found,
     * {@code -ENOENT} if not (already complete), {@code -EALREADY} if it was running. The
     * cancelled operation completes with {@code -ECANCELED} (or its own result).
     */
    public boolean cancel(long target, long userData) {
        long o = next(OP_ASYNC_CANCEL, -1, userData);
        if (o < 0) {
            return false;
        }
        sqes.set(JAVA_LONG, o + SQE_ADDR, target);
        return true;
    }

    /** Cancels every operation on file descriptor {@code fd}; result: how many, or -ENOENT. */
    public boolean cancelFd(int fd, long userData) {
        long o = next(OP_ASYNC_CANCEL, fd, userData);
        if (o < 0) {
            return false;
        }
        sqes.set(JAVA_INT, o + SQE_OP_FLAGS, CANCEL_FD | CANCEL_ALL);
        return true;
    }

    /** Cancels every operation of this ring. */
    public boolean cancelAll(long userData) {
        long o = next(OP_ASYNC_CANCEL, -1, userData);
        if (o < 0) {
            return false;
        }
        sqes.set(JAVA_INT, o + SQE_OP_FLAGS, CANCEL_ANY | CANCEL_ALL);
        return true;
    }

    // ---- Submission and completion ----

    /**
     * Submits every prepared SQE and, with {@code waitNr > 0}, waits in the kernel until that
     * many completions are there or {@code timeoutNanos} passed ({@code < 0}: no limit): one
     * system call for both. Returns the number of SQEs the kernel consumed. A wait ended by a
     * timeout, a signal or the kernel's back-pressure ({@code EBUSY}/{@code EAGAIN}: the caller
     * reaps, which makes room, and enters again) is not an error.
     *
     * @throws UncheckedIOException if the kernel refuses otherwise (a bug, or the ring is gone)
     */
    public int enter(int waitNr, long timeoutNanos) {
        INT.setRelease(sq, sqTail, sqeTail);
        int toSubmit = sqeTail - (int) INT.getAcquire(sq, sqHead);
        if (toSubmit == 0 && waitNr == 0 && !completionWorkPending()) {
            return 0;
        }
        int flags = ENTER_GETEVENTS;
        long arg = 0;
        long argSize = 0;
        if (waitNr > 0 && timeoutNanos >= 0) {
            flags |= ENTER_EXT_ARG;
            timespec.set(JAVA_LONG, 0, timeoutNanos / 1_000_000_000L);
            timespec.set(JAVA_LONG, 8, timeoutNanos % 1_000_000_000L);
            arg = enterArg.address();
            argSize = GETEVENTS_ARG_SIZE;
        }
        enters++;
        long r = Libc.ioUringEnter(errno, fd, toSubmit, waitNr, flags, arg, argSize);
        if (r >= 0) {
            return (int) r;
        }
        int e = (int) -r;
        if (e == Errno.ETIME || e == Errno.EINTR || e == Errno.EBUSY || e == Errno.EAGAIN) {
            return 0;
        }
        throw new UncheckedIOException(new RingException("io_uring_enter", e));
    }

    /**
     * Whether entering the kernel without submitting or waiting could give completions: deferred
     * task work is queued ({@code IORING_SQ_TASKRUN}, set with {@code TASKRUN_FLAG}) or
     * completions wait on the overflow list. Without {@code TASKRUN_FLAG} the answer is always yes.
     */
    private boolean completionWorkPending() {
        if ((setupFlags & SETUP_TASKRUN_FLAG) == 0) {
            return true;
        }
        return ((int) INT.getAcquire(sq, sqFlags) & (SQ_TASKRUN | SQ_CQ_OVERFLOW)) != 0;
    }

    /** Hands every completion now in the CQ to {@code handler}; returns how many. */
    public int reap(Completions handler) {
        int head = cqHeadLocal;
        int tail = (int) INT.getAcquire(cq, cqTail);
        int n = 0;
        while (head != tail) {
            long off = cqes + (long) (head & cqMask) * CQE_SIZE;
            long userData = cq.get(JAVA_LONG, off + CQE_USER_DATA);
            int res = cq.get(JAVA_INT, off + CQE_RES);
            int flags = cq.get(JAVA_INT, off + CQE_FLAGS);
            head++;
            // Given back before the handler runs: it may submit, and the kernel may then post.
            INT.setRelease(cq, cqHead, head);
            cqHeadLocal = head;
            if ((flags & CQE_F_MORE) == 0) {
                inFlight--;
            }
            n++;
            handler.complete(userData, res, flags);
            if (head == tail) {
                tail = (int) INT.getAcquire(cq, cqTail);
            }
        }
        return n;
    }

    /**
     * Reaps like {@link #reap}, and while completions wait on the overflow list (the CQ was full
     * when they came), enters the kernel to move them into the CQ and reaps again.
     */
    public int drain(Completions handler) {
        int n = reap(handler);
        while (overflowPending()) {
            enter(0, 0);
            int m = reap(handler);
            n += m;
            if (m == 0 && overflowPending()) {
                throw new IllegalStateException("the kernel reports overflowed completions and posts none");
            }
        }
        return n;
    }

    /** Registers something with the ring ({@code io_uring_register}); returns the kernel's result. */
    long register(int opcode, long arg, int nrArgs) {
        return Libc.ioUringRegister(errno, fd, opcode, arg, nrArgs);
    }

    MemorySegment errno() {
        return errno;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes, handing completions that arrive meanwhile to nobody. See {@link #close(Completions)}. */
    @Override
    public void close() {
        close(DISCARD);
    }

    /**
     * Cancels every operation still in flight, hands their completions to {@code leftovers} (a
     * multishot accept may yet deliver a socket the caller must close) until none is in flight,
     * then unmaps the queues and closes the ring. If the kernel does not complete them within a
     * bound, the ring is closed anyway and {@link #quiescent()} stays false, so that memory the
     * kernel may still write (a buffer ring) is not freed.
     */
    public void close(Completions leftovers) {
        if (closed) {
            return;
        }
        if (inFlight > 0) {
            quiesce(leftovers);
        }
        closed = true;
        unmap(sqes, sqesMapLength);
        if (cq != sq) {
            unmap(cq, cqMapLength);
        }
        unmap(sq, sqMapLength);
        Libc.close(errno, fd);
        memory.close();
        if (releaseWhenQuiescent != null) {
            if (quiescent()) {
                releaseWhenQuiescent.forEach(NativeMemory.Account::close);
            } else {
                LOG.warn("io_uring ring {}: {} buffer regions left allocated, the kernel may still write them", fd,
                        releaseWhenQuiescent.size());
            }
            releaseWhenQuiescent = null;
        }
    }

    /**
     * Frees {@code memory} now if no operation is in flight, otherwise once this ring closes with
     * none in flight (never, if it cannot quiesce): memory the kernel was given (a buffer ring)
     * may be written by any operation still running, whichever group it named.
     */
    void releaseWhenQuiescent(NativeMemory.Account memory) {
        if (quiescent()) {
            memory.close();
        } else if (!closed) {
            if (releaseWhenQuiescent == null) {
                releaseWhenQuiescent = new java.util.ArrayList<>();
            }
            releaseWhenQuiescent.add(memory);
        } else {
            LOG.warn("io_uring ring {} closed with operations in flight: {} bytes left allocated", fd, memory.bytes());
        }
    }

    private void quiesce(Completions leftovers) {
        long deadline = System.nanoTime() + CLOSE_DRAIN_NANOS;
        boolean cancelled = false;
        while (inFlight > 0) {
            if (!cancelled) {
                cancelled = cancelAll(0L);
                if (!cancelled) {
                    enter(0, 0);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.warn("io_uring ring {} closed with {} operations still in flight; their memory is not freed", fd,
                        inFlight);
                return;
            }
            enter(1, Math.min(left, 100_000_000L));
            drain(leftovers);
        }
    }

    /** True once no operation is in flight: the kernel will write no more into memory it was given. */
    public boolean quiescent() {
        return inFlight == 0;
    }
}
