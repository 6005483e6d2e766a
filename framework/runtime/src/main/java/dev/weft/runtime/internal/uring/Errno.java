package dev.weft.runtime.internal.uring;

/** The errno values the ring meets, by name, for results (which are {@code -errno}) and messages. */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
    public static final int EPIPE = 32;
    public static final int ENOSYS = 38;
    public static final int ETIME = 62;
    public static final int ENOBUFS = 105;
    public static final int ECONNRESET = 104;
    public static final int EALREADY = 114;
    public static final int ECANCELED = 125;

    private Errno() {
    }

    /** {@code ECONNRESET (104)} for 104 or -104. */
    public static String name(int errno) {
        int e = Math.abs(errno);
        String n = switch (e) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case EINTR -> "EINTR";
            case EBADF -> "EBADF";
            case EAGAIN -> "EAGAIN";
            case ENOMEM -> "ENOMEM";
            case EBUSY -> "EBUSY";
            case EEXIST -> "EEXIST";
            case EINVAL -> "EINVAL";
            case EPIPE -> "EPIPE";
            case ENOSYS -> "ENOSYS";
            case ETIME -> "ETIME";
            case ENOBUFS -> "ENOBUFS";
            case ECONNRESET -> "ECONNRESET";
            case EALREADY -> "EALREADY";
            case ECANCELED -> "ECANCELED";
            default -> "errno";
        };
        return n + " (" + e + ")";
    }
}
