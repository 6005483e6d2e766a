package dev.weft.runtime.internal.transport;

import dev.weft.runtime.internal.transport.epoll.EpollTransport;
import dev.weft.runtime.internal.transport.nio.NioTransport;
import dev.weft.runtime.internal.transport.uring.UringTransport;
import dev.weft.runtime.internal.uring.UringSupport;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which transport a runtime uses: {@code auto} (the best one this process can use), or one by
 * name. A forced transport that cannot run here is refused with the reason; {@code auto} says in
 * the log, once per process, what it chose and why.
 *
 * <p>{@code auto} is NIO, which runs everywhere, even where io_uring or epoll would run: linking
 * the native calls those two make through the FFM API generates some 135 classes while the
 * server starts and adds about 15 MiB of resident memory, which would undo the start-up and idle
 * memory a scaled-out deployment counts on. They are chosen by name ({@code io_uring} where
 * {@link UringSupport#check()} finds it usable, {@code epoll} on Linux with native access enabled),
 * and {@code auto} will prefer them once that cost is gone.
 */
public final class Transports {
    private static final Logger log = LoggerFactory.getLogger(Transports.class);

    /** The system property naming the default transport of runtimes that do not choose one. */
    public static final String PROPERTY = "weft.transport";
    public static final String AUTO = "auto";
    public static final String IO_URING = "io_uring";
    public static final String EPOLL = "epoll";
    public static final String NIO = "nio";
    /** Every accepted value. */
    public static final List<String> CHOICES = List.of(AUTO, IO_URING, EPOLL, NIO);

    /** Choices already logged, so that each is logged once per process (tests build many runtimes). */
    private static final Map<String, Boolean> LOGGED = new ConcurrentHashMap<>();

    private Transports() {
    }

    /** A chosen transport and why it was chosen. */
    public record Selection(Transport transport, String reason) {
    }

    /**
     * The default choice: the {@value #PROPERTY} system property if set (so a whole test suite
     * runs on one transport), else {@code auto}.
     *
     * @throws IllegalArgumentException if the property names no transport
     */
    public static String defaultChoice() {
        String p = System.getProperty(PROPERTY);
        return p == null || p.isBlank() ? AUTO : checkChoice("system property " + PROPERTY, p);
    }

    /**
     * Checks a configured value.
     *
     * @param setting what the value came from, for the message
     * @return the value, lower-cased and trimmed
     * @throws IllegalArgumentException naming the setting and the allowed values
     */
    public static String checkChoice(String setting, String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (!CHOICES.contains(v)) {
            throw new IllegalArgumentException(setting + "='" + value + "': not a transport; one of "
                    + String.join(", ", CHOICES));
        }
        return v;
    }

    /**
     * Chooses a transport.
     *
     * @param choice one of {@link #CHOICES}
     * @throws IllegalArgumentException if {@code choice} is none of them
     * @throws IllegalStateException if a forced transport cannot run here, saying why
     */
    public static Selection select(String choice) {
        String c = checkChoice("transport", choice);
        Selection s = switch (c) {
            case NIO -> new Selection(NioTransport.INSTANCE, "configured");
            case EPOLL -> {
                String missing = EpollTransport.unavailableReason();
                if (missing != null) {
                    throw new IllegalStateException("the epoll transport was configured but cannot run here: " + missing);
                }
                yield new Selection(EpollTransport.instance(), "configured");
            }
            case IO_URING -> {
                UringSupport.Availability a = UringSupport.check();
                if (!a.usable()) {
                    throw new IllegalStateException(
                            "the io_uring transport was configured but cannot run here: ".concat(a.reason()));
                }
                yield new Selection(UringTransport.INSTANCE, "configured; ".concat(a.details()));
            }
            default -> auto();
        };
        // String.concat, not '+': each '+' site spins a class at its first use, and this runs at
        // every start (StartupClassesTest counts them).
        if (LOGGED.putIfAbsent(c.concat("/").concat(s.transport().name()), Boolean.TRUE) == null) {
            log.info("transport {} ({}: {})", s.transport().name(), c, s.reason());
        }
        return s;
    }

    /**
     * The transport called {@code name} (as {@link Transport#name()} gives it), for a handle that
     * must belong to a given runtime's transport.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Transport byName(String name) {
        return switch (name) {
            case NIO -> NioTransport.INSTANCE;
            case IO_URING -> UringTransport.INSTANCE;
            case EPOLL -> EpollTransport.instance();
            default -> throw new IllegalArgumentException("no transport named '" + name + "'");
        };
    }

    private static Selection auto() {
        return new Selection(NioTransport.INSTANCE,
                "io_uring and epoll are used when chosen by name (weft.transport, WEFT_TRANSPORT): their native calls cost start-up time and memory");
    }
}
