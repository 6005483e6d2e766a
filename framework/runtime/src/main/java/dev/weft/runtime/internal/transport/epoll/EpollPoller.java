package dev.weft.runtime.internal.transport.epoll;

import dev.weft.runtime.internal.linux.Errno;
import dev.weft.runtime.internal.linux.Libc;
import dev.weft.runtime.internal.linux.NativeMemory;
import dev.weft.runtime.internal.linux.Scratch;
import dev.weft.runtime.internal.linux.Sockets;
import dev.weft.runtime.internal.transport.Poller;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A worker's epoll instance, with an eventfd for {@link #wakeup()} and a table from descriptor to
 * handle for delivering events.
 *
 * <p>Ownership: {@link #poll} runs only on the owning worker; {@link #register} and
 * {@link #forget} come from any thread (an acceptor registers a connection with another worker's
 * poller; any thread may close) and write the table under {@code lock}; the owner reads it without
 * locking. An event for a descriptor no longer in the table (closed after the event was queued)
 * is dropped; one for a descriptor number reused by a newer socket wakes that socket's waiters
 * spuriously, which the readiness protocol allows.
 *
 * <p>The eventfd is registered edge-triggered and never read: every {@code write} to it queues a
 * new edge, and its 64-bit counter cannot realistically fill, so a wake-up costs one system call
 * and the woken poll none.
 */
final class EpollPoller implements Poller {
    /** Events taken per {@code epoll_wait}; more wait for the next poll. */
    private static final int MAX_EVENTS = 256;
    /** {@code struct epoll_event} is packed on x86-64 (12 bytes), naturally aligned elsewhere (16). */
    private static final boolean PACKED = "amd64".equals(System.getProperty("os.arch"))
            || "x86_64".equals(System.getProperty("os.arch"));
    private static final long EVENT_SIZE = PACKED ? 12 : 16;
    private static final long DATA_OFFSET = PACKED ? 4 : 8;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(EpollHandle[].class);

    private final int epfd;
    private final int eventFd;
    /** The event array, the wake-up value and its errno sink, counted in {@link NativeMemory}. */
    private final NativeMemory.Account memory = new NativeMemory.Account();
    private final MemorySegment events;
    /** Eight bytes holding 1, written to the eventfd by {@link #wakeup()} from any thread. */
    private final MemorySegment one;
    /**
     * Where {@link #wakeup()}'s errno is captured: written by any waking thread, never read (a
     * failed wake-up means a wake-up is pending anyway), so concurrent writes lose nothing.
     */
    private final MemorySegment wakeErrno;
    private final Object lock = new Object();
    /** Descriptor to handle; replaced (grown) under {@code lock}. */
    private volatile EpollHandle[] table = new EpollHandle[1024];
    /** Registered handles; written under {@code lock}. */
    private volatile int registered;
    private volatile long wakeups;
    private volatile boolean closed;

    EpollPoller() throws IOException {
        Scratch s = Scratch.get();
        events = memory.allocate(EVENT_SIZE * MAX_EVENTS, 8);
        one = memory.allocate(8, 8);
        one.set(ValueLayout.JAVA_LONG, 0, 1L);
        wakeErrno = memory.allocate(Libc.errnoSize(), 8);
        int ep = -1;
        int ev = -1;
        try {
            ep = Libc.epollCreate1(s.errno, Libc.EPOLL_CLOEXEC);
            if (ep < 0) {
                throw Errno.exception(ep, "epoll_create1");
            }
            ev = Libc.eventfd(s.errno, 0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
            if (ev < 0) {
                throw Errno.exception(ev, "eventfd");
            }
            ctlAdd(ep, ev, Libc.EPOLLIN | Libc.EPOLLET);
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(ev);
            closeQuietly(ep);
            memory.close();
            throw e;
        }
        this.epfd = ep;
        this.eventFd = ev;
    }

    private static void ctlAdd(int epfd, int fd, int interest) throws IOException {
        Scratch s = Scratch.get();
        MemorySegment ev = s.addr; // an epoll_event fits the sockaddr scratch
        ev.set(ValueLayout.JAVA_INT, 0, interest);
        ev.set(ValueLayout.JAVA_LONG_UNALIGNED, DATA_OFFSET, fd);
        int r = Libc.epollCtl(s.errno, epfd, Libc.EPOLL_CTL_ADD, fd, ev.address());
        if (r < 0) {
            throw Errno.exception(r, "epoll_ctl");
        }
    }

    private static void closeQuietly(int fd) {
        if (fd >= 0) {
            Sockets.close(fd);
        }
    }

    /**
     * Adds {@code handle}'s descriptor, edge-triggered with {@code interest}. The table entry and
     * the count come first: {@link #isEmpty()} is false before the descriptor can report.
     */
    void register(EpollHandle handle, int fd, int interest) throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new IOException("the worker's poller is closed");
            }
            EpollHandle[] t = table;
            if (fd >= t.length) {
                EpollHandle[] bigger = new EpollHandle[Math.max(fd + 1, t.length * 2)];
                System.arraycopy(t, 0, bigger, 0, t.length);
                t = bigger;
                table = bigger;
            }
            SLOT.setVolatile(t, fd, handle);
            registered++;
            try {
                ctlAdd(epfd, fd, interest);
            } catch (IOException e) {
                SLOT.setVolatile(t, fd, (EpollHandle) null);
                registered--;
                throw e;
            }
        }
    }

    /** Removes {@code handle}'s entry (before its descriptor is closed). Any thread. */
    void forget(EpollHandle handle, int fd) {
        synchronized (lock) {
            EpollHandle[] t = table;
            if (fd < t.length && SLOT.compareAndSet(t, fd, handle, (EpollHandle) null)) {
                registered--;
            }
        }
    }

    @Override
    public boolean isEmpty() {
        return registered == 0;
    }

    @Override
    public void poll(long timeoutMs) throws IOException {
        int timeout = timeoutMs < 0 ? -1 : (int) Math.min(timeoutMs, Integer.MAX_VALUE);
        int n = Libc.epollWait(Scratch.get().errno, epfd, events.address(), MAX_EVENTS, timeout);
        if (n < 0) {
            if (n == -Errno.EINTR) {
                return;
            }
            throw Errno.exception(n, "epoll_wait");
        }
        EpollHandle[] t = table;
        for (int i = 0; i < n; i++) {
            long at = i * EVENT_SIZE;
            int fd = (int) events.get(ValueLayout.JAVA_LONG_UNALIGNED, at + DATA_OFFSET);
            if (fd == eventFd) {
                continue;
            }
            if (fd >= t.length) {
                t = table; // grown since we looked
            }
            EpollHandle h = fd < t.length ? (EpollHandle) SLOT.getVolatile(t, fd) : null;
            if (h != null) {
                h.onEvents(events.get(ValueLayout.JAVA_INT_UNALIGNED, at));
            }
        }
    }

    @Override
    @SuppressWarnings("NonAtomicOperationOnVolatileField") // a metric: a lost increment is harmless
    public void wakeup() {
        wakeups++;
        long ignored = Libc.writeCritical(wakeErrno, eventFd, one, 8);
    }

    @Override
    public long wakeups() {
        return wakeups;
    }

    @Override
    public void close() {
        EpollHandle[] t;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            t = table;
        }
        closeQuietly(eventFd);
        closeQuietly(epfd);
        memory.close();
        // Handles still registered stop getting events: wake their waiters, as closing a selector does.
        for (EpollHandle h : t) {
            if (h != null) {
                h.onEvents(Libc.EPOLLHUP);
            }
        }
    }
}
