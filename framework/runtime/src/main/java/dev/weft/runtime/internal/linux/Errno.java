package dev.weft.runtime.internal.linux;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;

/**
 * The {@code errno} values the transports act on, by name, and the exception each failure
 * becomes: the same types and messages NIO gives, so the layers above (the server's "client
 * disconnected" handling in particular) cannot tell the transports apart. Every method takes a
 * value or a result ({@code -errno}) alike.
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int EPIPE = 32;
    public static final int ENOSYS = 38;
    public static final int ETIME = 62;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETUNREACH = 101;
    public static final int ECONNABORTED = 103;
    public static final int ECONNRESET = 104;
    public static final int ENOBUFS = 105;
    public static final int ENOTCONN = 107;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTUNREACH = 113;
    public static final int EALREADY = 114;
    public static final int EINPROGRESS = 115;
    public static final int ECANCELED = 125;

    private Errno() {
    }

    /**
     * The exception NIO would throw for {@code errno} from {@code call}. A reset is a
     * {@link SocketException} "Connection reset" on a read ({@code "read"} or {@code "recv"}) and
     * an {@code IOException} with the system's text ("Connection reset by peer") on a write, as
     * NIO reports them; an address in use or unavailable is a {@link BindException} from
     * {@code "bind"}.
     */
    public static IOException exception(int errno, String call) {
        int e = Math.abs(errno);
        return switch (e) {
            case ECONNRESET -> call.equals("read") || call.equals("recv") ? new SocketException("Connection reset")
                    : new IOException(describe(e));
            case EPIPE -> new IOException("Broken pipe");
            case EBADF -> new ClosedChannelException();
            case ECONNREFUSED -> new ConnectException("Connection refused");
            case ETIMEDOUT -> new ConnectException("Connection timed out");
            case EHOSTUNREACH, ENETUNREACH -> new NoRouteToHostException(describe(e));
            case EADDRINUSE, EADDRNOTAVAIL, EACCES -> call.equals("bind")
                    ? new BindException(describe(e)) : new SocketException(describe(e));
            case ENOTCONN -> new SocketException("Socket is not connected");
            default -> new IOException(describe(e) + " (" + call + ": " + name(e) + ")");
        };
    }

    /** strerror's text for the values the transports meet, else {@code errno N}. */
    public static String describe(int errno) {
        return switch (Math.abs(errno)) {
            case EPERM -> "Operation not permitted";
            case ENOENT -> "No such file or directory";
            case EINTR -> "Interrupted system call";
            case EBADF -> "Bad file descriptor";
            case EAGAIN -> "Resource temporarily unavailable";
            case ENOMEM -> "Cannot allocate memory";
            case EACCES -> "Permission denied";
            case EBUSY -> "Device or resource busy";
            case EEXIST -> "File exists";
            case EINVAL -> "Invalid argument";
            case ENFILE -> "Too many open files in system";
            case EMFILE -> "Too many open files";
            case EPIPE -> "Broken pipe";
            case ENOSYS -> "Function not implemented";
            case ETIME -> "Timer expired";
            case EADDRINUSE -> "Address already in use";
            case EADDRNOTAVAIL -> "Cannot assign requested address";
            case ENETUNREACH -> "Network is unreachable";
            case ECONNABORTED -> "Software caused connection abort";
            case ECONNRESET -> "Connection reset by peer";
            case ENOBUFS -> "No buffer space available";
            case ENOTCONN -> "Transport endpoint is not connected";
            case ETIMEDOUT -> "Connection timed out";
            case ECONNREFUSED -> "Connection refused";
            case EHOSTUNREACH -> "No route to host";
            case EALREADY -> "Operation already in progress";
            case EINPROGRESS -> "Operation now in progress";
            case ECANCELED -> "Operation canceled";
            default -> "errno " + Math.abs(errno);
        };
    }

    /** {@code ECONNRESET (104)} for 104 or -104; {@code errno (N)} for a value not named here. */
    public static String name(int errno) {
        int e = Math.abs(errno);
        String n = switch (e) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case EINTR -> "EINTR";
            case EBADF -> "EBADF";
            case EAGAIN -> "EAGAIN";
            case ENOMEM -> "ENOMEM";
            case EACCES -> "EACCES";
            case EBUSY -> "EBUSY";
            case EEXIST -> "EEXIST";
            case EINVAL -> "EINVAL";
            case ENFILE -> "ENFILE";
            case EMFILE -> "EMFILE";
            case EPIPE -> "EPIPE";
            case ENOSYS -> "ENOSYS";
            case ETIME -> "ETIME";
            case EADDRINUSE -> "EADDRINUSE";
            case EADDRNOTAVAIL -> "EADDRNOTAVAIL";
            case ENETUNREACH -> "ENETUNREACH";
            case ECONNABORTED -> "ECONNABORTED";
            case ECONNRESET -> "ECONNRESET";
            case ENOBUFS -> "ENOBUFS";
            case ENOTCONN -> "ENOTCONN";
            case ETIMEDOUT -> "ETIMEDOUT";
            case ECONNREFUSED -> "ECONNREFUSED";
            case EHOSTUNREACH -> "EHOSTUNREACH";
            case EALREADY -> "EALREADY";
            case EINPROGRESS -> "EINPROGRESS";
            case ECANCELED -> "ECANCELED";
            default -> "errno";
        };
        return n + " (" + e + ")";
    }
}
