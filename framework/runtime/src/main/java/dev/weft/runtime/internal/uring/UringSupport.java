package dev.weft.runtime.internal.uring;

import static dev.weft.runtime.internal.uring.Uapi.*;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.weft.runtime.internal.linux.Errno;
import dev.weft.runtime.internal.linux.Libc;
import dev.weft.runtime.internal.linux.NativeMemory;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether io_uring is usable here, and if not, why: checked once by opening a small ring and
 * asking it, never assumed from a kernel version.
 *
 * <p>Refused, with the reason, when: the OS is not Linux or the architecture has no known
 * system call numbers; {@code /proc/sys/kernel/io_uring_disabled} is 2; {@code io_uring_setup}
 * fails ({@code ENOSYS}: no io_uring in this kernel; {@code EPERM}: a seccomp filter, as
 * container runtimes' default profiles install, or {@code io_uring_disabled} = 1 for a process
 * outside {@code io_uring_group}); native access is denied to this module; a feature the ring
 * relies on is missing ({@code NODROP}, {@code EXT_ARG}, {@code FAST_POLL}); the probe lacks an
 * operation the transport uses; provided buffer rings or multishot receive do not work (tried on
 * a socket pair).
 */
public final class UringSupport {
    /** The verdict: {@code usable}, or the {@code reason} it is not; {@code details} for the log. */
    public record Availability(boolean usable, String reason, String details) {
    }

    private static volatile Availability cached;

    private UringSupport() {
    }

    /**
     * Why {@code auto} should not try io_uring in this process because native access is not
     * enabled for the runtime (its first call would print the JDK's warning), or null. A
     * transport forced by name runs anyway, with the warning, as epoll does.
     */
    public static String nativeAccessRefusal() {
        Module m = UringSupport.class.getModule();
        if (m.isNativeAccessEnabled()) {
            return null;
        }
        return m.isNamed()
                ? "native access is not enabled for module ".concat(m.getName())
                        .concat(" (--enable-native-access=").concat(m.getName()).concat(")")
                : "native access is not enabled for the class path (--enable-native-access=ALL-UNNAMED)";
    }

    /** The verdict, computed on first use. */
    public static Availability check() {
        Availability a = cached;
        if (a == null) {
            a = compute();
            cached = a;
        }
        return a;
    }

    private static Availability refused(String reason) {
        return new Availability(false, reason, "");
    }

    static Availability compute() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux")) {
            return refused("io_uring is Linux only (os.name=" + System.getProperty("os.name") + ")");
        }
        String arch = System.getProperty("os.arch", "");
        if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64")) {
            return refused("no io_uring system call numbers known for " + arch);
        }
        String disabled = readDisabled();
        if ("2".equals(disabled)) {
            return refused("io_uring is disabled: /proc/sys/kernel/io_uring_disabled = 2");
        }
        Ring ring;
        try {
            ring = Ring.open(4, 8);
        } catch (RingException e) {
            return refused(switch (e.errno()) {
                case Errno.ENOSYS -> "this kernel has no io_uring (io_uring_setup: ENOSYS)";
                case Errno.EPERM -> "io_uring_setup refused with EPERM: a seccomp filter (a container's default"
                        + " profile) or /proc/sys/kernel/io_uring_disabled = " + disabled
                        + " for a process outside io_uring_group";
                default -> e.getMessage();
            });
        } catch (IllegalCallerException e) {
            return refused("native access is refused: ".concat(String.valueOf(e.getMessage())));
        } catch (ExceptionInInitializerError e) {
            // Binding the C library is the first restricted call: refused there, under
            // --illegal-native-access=deny.
            return refused(e.getCause() instanceof IllegalCallerException c
                    ? "native access is refused: ".concat(String.valueOf(c.getMessage()))
                    : "the C library could not be bound: ".concat(String.valueOf(e.getCause())));
        } catch (LinkageError | RuntimeException e) {
            return refused("the C library could not be bound: " + e);
        }
        try {
            int features = ring.features();
            if ((features & FEAT_NODROP) == 0) {
                return refused("the kernel may drop completions (no IORING_FEAT_NODROP, Linux < 5.5)");
            }
            if ((features & FEAT_EXT_ARG) == 0) {
                return refused("no timed wait in io_uring_enter (no IORING_FEAT_EXT_ARG, Linux < 5.11)");
            }
            if ((features & FEAT_FAST_POLL) == 0) {
                return refused("no internal poll for sockets (no IORING_FEAT_FAST_POLL, Linux < 5.7)");
            }
            Probe probe = Probe.of(ring);
            int missing = probe.firstMissing();
            if (missing >= 0) {
                return refused("the kernel's io_uring lacks " + Probe.name(missing) + " (probe: "
                        + probe.describeUsed() + ")");
            }
            String multishot = tryMultishotReceive(ring);
            if (multishot != null) {
                return refused(multishot);
            }
            // String.concat, not '+': this runs at every start, where each '+' site spins a class.
            String details = "setup flags 0x".concat(Integer.toHexString(ring.setupFlags())).concat(", features 0x")
                    .concat(Integer.toHexString(features)).concat(", ").concat(probe.describeUsed());
            return new Availability(true, "io_uring usable", details);
        } catch (RingException e) {
            return refused(e.getMessage());
        } finally {
            ring.close();
        }
    }

    /**
     * Registers a two-buffer ring, arms a multishot receive on one end of a socket pair and
     * writes a byte to the other: null if the byte arrives in a provided buffer with more to
     * come, otherwise why not.
     */
    private static String tryMultishotReceive(Ring ring) throws RingException {
        try (NativeMemory.Account memory = new NativeMemory.Account()) {
            MemorySegment errno = memory.allocate(Libc.errnoSize(), 8);
            MemorySegment fds = memory.allocate(8, 4);
            int r = Libc.socketpair(errno, Libc.AF_UNIX, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0, fds.address());
            if (r < 0) {
                throw new RingException("socketpair", r);
            }
            int a = fds.get(JAVA_INT, 0);
            int b = fds.get(JAVA_INT, 4);
            BufferRing buffers;
            try {
                buffers = BufferRing.register(ring, 0, 2, 64);
            } catch (RingException e) {
                Libc.close(errno, a);
                Libc.close(errno, b);
                return "no provided buffer rings (" + e.getMessage() + "; Linux < 5.19)";
            }
            try {
                ring.recvSelect(a, 0, true, 1);
                ring.enter(0, 0);
                MemorySegment one = memory.allocate(1, 1);
                one.set(JAVA_BYTE, 0, (byte) 7);
                Libc.write(errno, b, one.address(), 1);
                int[] got = {Integer.MIN_VALUE, 0};
                for (int round = 0; round < 10 && got[0] == Integer.MIN_VALUE; round++) {
                    ring.enter(1, 100_000_000L);
                    ring.drain((ud, res, flags) -> {
                        if (ud == 1) {
                            got[0] = res;
                            got[1] = flags;
                        }
                    });
                }
                if (got[0] == Integer.MIN_VALUE) {
                    return "a multishot receive on a socket pair never completed";
                }
                if (got[0] < 0) {
                    return "multishot receive refused: " + Errno.name(got[0]) + " (Linux < 6.0)";
                }
                if ((got[1] & CQE_F_MORE) == 0 || BufferRing.bufferId(got[1]) < 0) {
                    return "a multishot receive ended after one completion (flags 0x" + Integer.toHexString(got[1]) + ")";
                }
                return null;
            } finally {
                ring.cancelFd(a, 2);
                ring.enter(0, 0);
                for (int round = 0; round < 10 && ring.inFlight() > 0; round++) {
                    ring.enter(1, 100_000_000L);
                    ring.drain((ud, res, flags) -> { });
                }
                buffers.close();
                Libc.close(errno, a);
                Libc.close(errno, b);
            }
        }
    }

    private static String readDisabled() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/io_uring_disabled")).trim();
        } catch (IOException | SecurityException e) {
            return "absent";
        }
    }
}
