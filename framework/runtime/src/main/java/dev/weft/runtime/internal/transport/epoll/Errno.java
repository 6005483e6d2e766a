package dev.weft.runtime.internal.transport.epoll;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;

/**
 * The {@code errno} values the transport acts on, and the exception each failure becomes: the
 * same types and messages NIO gives, so the layers above (the server's "client disconnected"
 * handling in particular) cannot tell the transports apart.
 */
final class Errno {
    static final int EPERM = 1;
    static final int EINTR = 4;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int EINVAL = 22;
    static final int ENFILE = 23;
    static final int EMFILE = 24;
    static final int EPIPE = 32;
    static final int EADDRINUSE = 98;
    static final int EADDRNOTAVAIL = 99;
    static final int ENETUNREACH = 101;
    static final int ECONNABORTED = 103;
    static final int ECONNRESET = 104;
    static final int ENOBUFS = 105;
    static final int ENOTCONN = 107;
    static final int ETIMEDOUT = 110;
    static final int ECONNREFUSED = 111;
    static final int EHOSTUNREACH = 113;
    static final int EINPROGRESS = 115;

    private Errno() {
    }

    /**
     * The exception NIO would throw for {@code errno} from {@code call}. A reset is a
     * {@link SocketException} "Connection reset" on a read and an {@code IOException} with the
     * system's text ("Connection reset by peer") on a write, as NIO reports them.
     */
    static IOException exception(int errno, String call) {
        return switch (errno) {
            case ECONNRESET -> call.equals("read") ? new SocketException("Connection reset")
                    : new IOException(describe(errno));
            case EPIPE -> new IOException("Broken pipe");
            case EBADF -> new ClosedChannelException();
            case ECONNREFUSED -> new ConnectException("Connection refused");
            case ETIMEDOUT -> new ConnectException("Connection timed out");
            case EHOSTUNREACH, ENETUNREACH -> new NoRouteToHostException(describe(errno));
            case EADDRINUSE, EADDRNOTAVAIL, EACCES -> call.equals("bind")
                    ? new BindException(describe(errno)) : new SocketException(describe(errno));
            default -> new IOException(describe(errno) + " (" + call + ")");
        };
    }

    /** strerror's text for the values above, else {@code errno N}. */
    static String describe(int errno) {
        return switch (errno) {
            case EPERM -> "Operation not permitted";
            case EBADF -> "Bad file descriptor";
            case EAGAIN -> "Resource temporarily unavailable";
            case ENOMEM -> "Cannot allocate memory";
            case EACCES -> "Permission denied";
            case EINVAL -> "Invalid argument";
            case ENFILE -> "Too many open files in system";
            case EMFILE -> "Too many open files";
            case EPIPE -> "Broken pipe";
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
            default -> "errno " + errno;
        };
    }
}
