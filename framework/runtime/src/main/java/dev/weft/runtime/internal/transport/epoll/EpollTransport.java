package dev.weft.runtime.internal.transport.epoll;

import dev.weft.runtime.internal.linux.NativeMemory;
import dev.weft.runtime.internal.transport.ListenerIo;
import dev.weft.runtime.internal.transport.Placement;
import dev.weft.runtime.internal.transport.Poller;
import dev.weft.runtime.internal.transport.StreamIo;
import dev.weft.runtime.internal.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * Linux's epoll through the FFM API. Available on Linux on x86-64 and AArch64 when the runtime's
 * module may call native code; the check links the C library and opens (and closes) an epoll
 * instance, so a seccomp filter that refuses it is found at startup, not at the first accept.
 */
public final class EpollTransport implements Transport {
    private static final EpollTransport INSTANCE = new EpollTransport();

    private EpollTransport() {
    }

    /** The transport; call only when {@link #unavailableReason()} is null. */
    public static EpollTransport instance() {
        return INSTANCE;
    }

    /** Why epoll cannot run in this process, or null if it can. Checked once. */
    public static String unavailableReason() {
        return Probe.REASON;
    }

    /**
     * Native bytes the native transports have allocated and not freed ({@link NativeMemory}: an
     * epoll poller's event array; an epoll connection allocates none), for the leak test.
     */
    public static long nativeBytesInUse() {
        return NativeMemory.allocatedBytes();
    }

    /** The check, run once by the class's initialisation. */
    private static final class Probe {
        static final String REASON = probe();

        private static String probe() {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            String arch = System.getProperty("os.arch", "");
            // String.concat, not '+': this runs at every start, where each '+' site spins a class.
            if (!os.contains("linux")) {
                return "not Linux (".concat(System.getProperty("os.name")).concat(")");
            }
            if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64")) {
                return "no struct layouts for ".concat(arch).concat(" (x86-64 and AArch64 only)");
            }
            Module m = EpollTransport.class.getModule();
            if (!m.isNativeAccessEnabled()) {
                return m.isNamed()
                        ? "native access is not enabled for module ".concat(m.getName())
                                .concat(" (--enable-native-access=").concat(m.getName()).concat(")")
                        : "native access is not enabled for the class path (--enable-native-access=ALL-UNNAMED)";
            }
            try {
                new EpollPoller().close();
                return null;
            } catch (IllegalCallerException e) {
                return "native access is refused: " + e.getMessage();
            } catch (IOException | RuntimeException | LinkageError e) {
                return "epoll_create1 failed: " + e;
            }
        }
    }

    @Override
    public String name() {
        return "epoll";
    }

    @Override
    public Poller openPoller() throws IOException {
        return new EpollPoller();
    }

    @Override
    public ListenerIo bind(InetSocketAddress address, int backlog, boolean reusePort, Placement placement)
            throws IOException {
        return EpollListener.bind(address, backlog, reusePort, placement);
    }

    @Override
    public StreamIo connect(InetSocketAddress address, Placement placement) throws IOException {
        return EpollStream.connect(address, placement);
    }

    @Override
    public boolean reusePortSupported() {
        return true; // Linux has had SO_REUSEPORT since 3.9
    }
}
