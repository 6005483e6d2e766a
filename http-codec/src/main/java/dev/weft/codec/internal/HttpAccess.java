package dev.weft.codec.internal;

import dev.weft.http.HeaderName;
import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpMethod;
import dev.weft.http.HttpStatus;
import java.lang.invoke.MethodHandles;

/**
 * The codec's way into the parts of the HTTP types that are not their API: the byte arrays
 * behind {@link HttpHeaders}, the name recognition of {@link HeaderName}, the allocation-free
 * method lookup of {@link HttpMethod}, the pre-encoded status line of {@link HttpStatus}. The
 * decoder and encoder work on those directly, but applications must not see them, and the types
 * live in another package than the codec.
 *
 * <p>The design is the JDK's "shared secrets" ({@code jdk.internal.access}): one interface per
 * type here, in a package the module does not export; each type implements its interface in a
 * private nested class (a nestmate, so it reads the type's private fields) and registers it from
 * its static initialiser. A codec class reads it once, into a constant:
 *
 * <pre>{@code
 * private static final HttpAccess.Headers HEADERS = HttpAccess.headers();
 * ...
 * byte[] d = HEADERS.data(headers);
 * }</pre>
 *
 * <p>Since that field is {@code static final} and holds the only implementation, the JIT treats the
 * call as a call of a known method and inlines it: {@code HEADERS.data(h)} compiles to the field
 * read {@code h.data} would have been. Code outside the module cannot reach this class (its
 * package is not exported), and a second registration fails, so nothing can replace an
 * implementation once its type is initialised.
 *
 * <p>A getter forces the type's initialisation before it reads the registration; that initialisation
 * must therefore never use the getter itself (the HTTP types do not use the codec at all).
 */
public final class HttpAccess {
    private HttpAccess() {}

    /**
     * The storage of an {@link HttpHeaders}: one data array holding the bytes of every field (after
     * any bytes {@linkplain #reserve reserved} by the owner), and per field the offset and length
     * of its name and of its value in that array, and its {@link HeaderIds id}.
     */
    public interface Headers {
        /** An empty map whose arrays start at these capacities (0 shares empty arrays). */
        HttpHeaders create(int dataCapacity, int fieldCapacity);

        /** The shared empty, read-only map: the trailers of a message that had none. */
        HttpHeaders empty();

        /** The data array; replaced when it grows, so read it again after {@link #ensureData}. */
        byte[] data(HttpHeaders h);

        /** Bytes of {@link #data} in use. */
        int dataLength(HttpHeaders h);

        /** Marks the first {@code n} bytes of {@link #data} as in use (bytes written past the end). */
        void setDataLength(HttpHeaders h, int n);

        /**
         * Makes the first {@code n} bytes of {@link #data}, already written, the owner's (a request
         * head keeps its request line there): in use, and kept by {@link HttpHeaders#clear()}.
         */
        void reserve(HttpHeaders h, int n);

        /** Makes room for {@code n} more data bytes; returns the (possibly new) data array. */
        byte[] ensureData(HttpHeaders h, int n);

        /**
         * Records a field whose name and value bytes are already in {@link #data}; returns its
         * index.
         */
        int addField(HttpHeaders h, int nameOff, int nameLen, int valueOff, int valueLen, int id);

        /**
         * Makes {@code h} hold the {@code n} data bytes of {@code src} from {@code from} and the
         * fields of {@code parsed} (whose offsets index into those bytes), the first
         * {@code reservedBytes} of them reserved. New arrays are made exactly as large as needed;
         * {@code parsed} is left unchanged.
         */
        void adopt(HttpHeaders h, byte[] src, int from, int n, HttpHeaders parsed, int reservedBytes);

        /** Forgets all fields and data, reserved bytes too, but keeps the arrays for reuse. */
        void reset(HttpHeaders h);

        /** The {@link HeaderIds id} of field {@code i}. */
        int id(HttpHeaders h, int i);

        /** Where the name of field {@code i} starts in {@link #data}. */
        int nameOffset(HttpHeaders h, int i);

        /** Bytes in the name of field {@code i}. */
        int nameLength(HttpHeaders h, int i);

        /** Where the value of field {@code i} (without surrounding whitespace) starts in {@link #data}. */
        int valueOffset(HttpHeaders h, int i);

        /** Bytes in the value of field {@code i}. */
        int valueLength(HttpHeaders h, int i);
    }

    /** Recognising the header names of {@link HeaderIds}. */
    public interface Names {
        /**
         * The {@link HeaderIds id} of the name in {@code a[off, off+len)}, already validated as a
         * token, compared ASCII case-insensitively.
         */
        int idOf(byte[] a, int off, int len);
    }

    /** Methods from request-line bytes. */
    public interface Methods {
        /**
         * The method in {@code a[off, off+len)}, already validated as a token: the constant for a
         * standard method (without allocating), otherwise a new extension method.
         */
        HttpMethod fromBytes(byte[] a, int off, int len);
    }

    /** Pre-encoded status lines. */
    public interface Statuses {
        /** {@code HTTP/1.1 NNN Reason\r\n} for {@code status}, as ISO-8859-1; never modify it. */
        byte[] statusLine(HttpStatus status);
    }

    // Written once, by each type's static initialiser; read by the getters only after they made
    // sure that initialiser ran, which orders the write before the read (JLS §12.4.2).
    private static Headers headers;
    private static Names names;
    private static Methods methods;
    private static Statuses statuses;

    /** The access to {@link HttpHeaders}, initialising that class first if needed. */
    public static Headers headers() {
        initialize(HttpHeaders.class);
        return registered(headers, HttpHeaders.class);
    }

    /** The access to {@link HeaderName}, initialising that class first if needed. */
    public static Names names() {
        initialize(HeaderName.class);
        return registered(names, HeaderName.class);
    }

    /** The access to {@link HttpMethod}, initialising that class first if needed. */
    public static Methods methods() {
        initialize(HttpMethod.class);
        return registered(methods, HttpMethod.class);
    }

    /** The access to {@link HttpStatus}, initialising that class first if needed. */
    public static Statuses statuses() {
        initialize(HttpStatus.class);
        return registered(statuses, HttpStatus.class);
    }

    /** Called once, by {@link HttpHeaders}' static initialiser. */
    public static void setHeaders(Headers access) {
        headers = once(headers, access, HttpHeaders.class);
    }

    /** Called once, by {@link HeaderName}'s static initialiser. */
    public static void setNames(Names access) {
        names = once(names, access, HeaderName.class);
    }

    /** Called once, by {@link HttpMethod}'s static initialiser. */
    public static void setMethods(Methods access) {
        methods = once(methods, access, HttpMethod.class);
    }

    /** Called once, by {@link HttpStatus}' static initialiser. */
    public static void setStatuses(Statuses access) {
        statuses = once(statuses, access, HttpStatus.class);
    }

    /** Runs the static initialiser of {@code type}, which registers its access, unless it ran. */
    private static void initialize(Class<?> type) {
        try {
            MethodHandles.lookup().ensureInitialized(type);
        } catch (IllegalAccessException e) {
            throw new AssertionError(type + " is public and in this module", e);
        }
    }

    private static <T> T registered(T access, Class<?> type) {
        // Null only when the type's own initialisation, on this thread, asked for its access
        // (ensureInitialized then returns at once): a bug in that initialiser.
        if (access == null) throw new IllegalStateException(type.getName() + " asked for its access before registering it");
        return access;
    }

    private static <T> T once(T current, T access, Class<?> type) {
        if (access == null) throw new NullPointerException("access");
        if (current != null) throw new IllegalStateException("access to " + type.getName() + " is already registered");
        return access;
    }
}
