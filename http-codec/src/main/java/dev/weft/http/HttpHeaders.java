package dev.weft.http;

import dev.weft.codec.internal.Ascii;
import dev.weft.codec.internal.HeaderIds;
import dev.weft.codec.internal.HttpAccess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * An ordered, mutable multi-map of header fields (RFC 9110 §5), used for parsed requests and for
 * responses.
 *
 * <p>Fields keep their raw bytes and their order. Names are looked up case-insensitively; a name
 * may have several values. Strings are made only when asked for ({@link #name(int)},
 * {@link #value(int)}, {@link #get(CharSequence)}) and then cached. Bytes are ISO-8859-1: one char
 * is one octet, and chars above U+00FF are rejected.
 *
 * <pre>{@code
 * HttpHeaders h = new HttpHeaders()
 *         .add("Content-Type", "text/plain")
 *         .add("Set-Cookie", "a=1")
 *         .add("Set-Cookie", "b=2");
 * h.get("content-type");           // "text/plain"
 * h.getAll("Set-Cookie");          // ["a=1", "b=2"]
 * h.set(HeaderName.CONTENT_TYPE, HeaderValue.APPLICATION_JSON); // pre-encoded fast path
 * }</pre>
 *
 * <p>{@link #add} and {@link #set} validate names (tokens) and values (no CR, LF, NUL or other
 * control bytes except HTAB), so a response can never carry injected header lines. Not
 * thread-safe.
 */
public final class HttpHeaders {
    private static final int SLOTS = 4; // nameOff, nameLen, valueOff, valueLen

    // Shared by maps that have not stored anything yet; every write goes through a copy first.
    private static final byte[] NO_BYTES = new byte[0];
    private static final int[] NO_INTS = new int[0];

    /** An empty, read-only instance (for messages without trailers). */
    private static final HttpHeaders EMPTY = new HttpHeaders(0, 0);

    static {
        EMPTY.readOnly = true;
        // The codec reaches the storage below through this (see Access); registered here, since
        // HttpAccess.headers() runs this initialiser to get it.
        HttpAccess.setHeaders(new Access());
    }

    // The storage, which the decoder fills and the encoder writes out in place (see Access):
    // every name and value byte in `data`, and per field four ints in `offsets` (name offset,
    // name length, value offset, value length) and a HeaderIds id in `ids`.
    private byte[] data;
    private int dataLen;
    private int[] offsets;
    private byte[] ids;
    private String[] names;
    private String[] values;
    private int size;
    /**
     * Data bytes at the start of {@link #data} that belong to the owner (a request head keeps its
     * request line there); {@link #clear()} keeps them.
     */
    private int reserved;
    private boolean readOnly;

    /** An empty header map. */
    public HttpHeaders() {
        // Most responses carry a few short fields (the encoder adds Date and framing itself);
        // the arrays double when more come.
        this(64, 4);
    }

    private HttpHeaders(int dataCapacity, int fieldCapacity) {
        data = dataCapacity == 0 ? NO_BYTES : new byte[dataCapacity];
        offsets = fieldCapacity == 0 ? NO_INTS : new int[fieldCapacity * SLOTS];
        ids = fieldCapacity == 0 ? NO_BYTES : new byte[fieldCapacity];
    }

    /**
     * Headers from alternating names and values.
     *
     * <pre>{@code HttpHeaders.of("Content-Type", "text/plain", "Cache-Control", "no-cache")}</pre>
     *
     * @throws IllegalArgumentException on an odd count or an invalid name or value
     */
    public static HttpHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate: odd count " + namesAndValues.length);
        }
        HttpHeaders h = new HttpHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) h.add(namesAndValues[i], namesAndValues[i + 1]);
        return h;
    }

    /** The shared empty, read-only fields (adding to them throws {@code UnsupportedOperationException}). */
    public static HttpHeaders empty() {
        return EMPTY;
    }

    // ---- reading ----------------------------------------------------------------------------

    /** The number of fields (a name with two values counts twice). */
    public int size() {
        return size;
    }

    /** True if there is no field. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The name of field {@code i}, as received or added. */
    public String name(int i) {
        checkIndex(i);
        if (names == null) names = new String[ids.length];
        String s = names[i];
        if (s == null) {
            s = new String(data, offsets[i * SLOTS], offsets[i * SLOTS + 1], StandardCharsets.ISO_8859_1);
            names[i] = s;
        }
        return s;
    }

    /** The value of field {@code i}, without leading or trailing whitespace. */
    public String value(int i) {
        checkIndex(i);
        if (values == null) values = new String[ids.length];
        String s = values[i];
        if (s == null) {
            s = new String(data, offsets[i * SLOTS + 2], offsets[i * SLOTS + 3], StandardCharsets.ISO_8859_1);
            values[i] = s;
        }
        return s;
    }

    /** The first value of {@code name}, or null. */
    public String get(CharSequence name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : value(i);
    }

    /** All values of {@code name} in order; empty if none. Each field line is one value. */
    public List<String> getAll(CharSequence name) {
        List<String> all = new ArrayList<>(2);
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) all.add(value(i));
        return all;
    }

    /** True if some field is named {@code name} (compared case-insensitively). */
    public boolean contains(CharSequence name) {
        return indexOf(name, 0) >= 0;
    }

    /**
     * True if some {@code name} field holds {@code token} as one of its comma-separated elements
     * (RFC 9110 §5.6.1), compared case-insensitively; e.g. {@code containsToken("Connection",
     * "close")}. Parameters after ';' are not split off.
     */
    public boolean containsToken(CharSequence name, CharSequence token) {
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            if (valueContainsToken(i, token)) return true;
        }
        return false;
    }

    /** Calls {@code action} with each name and value, in order. */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < size; i++) action.accept(name(i), value(i));
    }

    /** Index of the first field named {@code name} at or after {@code from}, or -1. */
    private int indexOf(CharSequence name, int from) {
        if (name instanceof HeaderName h && h.id != HeaderIds.OTHER) {
            for (int i = from; i < size; i++) {
                if (ids[i] == h.id) return i;
            }
            return -1;
        }
        int len = name.length();
        for (int i = from; i < size; i++) {
            int o = i * SLOTS;
            if (offsets[o + 1] == len && Ascii.equalsIgnoreCase(data, offsets[o], len, name)) return i;
        }
        return -1;
    }

    /** True if field {@code i} is named {@code name}. */
    private boolean matches(int i, CharSequence name) {
        if (name instanceof HeaderName h && h.id != HeaderIds.OTHER) return ids[i] == h.id;
        int o = i * SLOTS;
        return offsets[o + 1] == name.length() && Ascii.equalsIgnoreCase(data, offsets[o], name.length(), name);
    }

    private boolean valueContainsToken(int i, CharSequence token) {
        int o = i * SLOTS;
        int p = offsets[o + 2];
        int end = p + offsets[o + 3];
        int tlen = token.length();
        while (p < end) {
            while (p < end && (data[p] == ',' || Ascii.isOws(data[p]))) p++;
            int start = p;
            while (p < end && data[p] != ',') p++;
            int e = p;
            while (e > start && Ascii.isOws(data[e - 1])) e--;
            if (e - start == tlen && Ascii.equalsIgnoreCase(data, start, tlen, token)) return true;
        }
        return false;
    }

    private int nameOffset(int i) {
        return offsets[i * SLOTS];
    }

    private int nameLength(int i) {
        return offsets[i * SLOTS + 1];
    }

    private int valueOffset(int i) {
        return offsets[i * SLOTS + 2];
    }

    private int valueLength(int i) {
        return offsets[i * SLOTS + 3];
    }

    // ---- writing ----------------------------------------------------------------------------

    /**
     * Appends a field.
     *
     * @throws IllegalArgumentException if {@code name} is not a token or {@code value} contains a
     *     control byte other than HTAB (CR, LF, NUL, …) or a char above U+00FF
     */
    public HttpHeaders add(String name, String value) {
        checkWritable();
        if (!Ascii.isToken(name)) throw new IllegalArgumentException("header name is not a token: " + printable(name));
        checkValue(value);
        int id = HeaderName.idOf(name);
        int nameOff = appendChars(name);
        int valueOff = appendChars(value);
        int i = addEntry(nameOff, name.length(), valueOff, value.length(), id);
        cacheStrings(i, name, value);
        return this;
    }

    /** Appends a pre-validated field; no validation or encoding work. */
    public HttpHeaders add(HeaderName name, HeaderValue value) {
        checkWritable();
        int nameOff = appendBytes(name.bytes);
        int valueOff = appendBytes(value.bytes);
        addEntry(nameOff, name.bytes.length, valueOff, value.bytes.length, name.id);
        return this;
    }

    /** Appends a field with a pre-validated name. */
    public HttpHeaders add(HeaderName name, String value) {
        checkWritable();
        checkValue(value);
        int nameOff = appendBytes(name.bytes);
        int valueOff = appendChars(value);
        int i = addEntry(nameOff, name.bytes.length, valueOff, value.length(), name.id);
        cacheStrings(i, name.name(), value);
        return this;
    }

    /** Replaces all fields named {@code name} with one field (appended at the end). */
    public HttpHeaders set(String name, String value) {
        if (!Ascii.isToken(name)) throw new IllegalArgumentException("header name is not a token: " + printable(name));
        checkValue(value);
        remove(name);
        return add(name, value);
    }

    /** Replaces all fields named {@code name} with one pre-validated field. */
    public HttpHeaders set(HeaderName name, HeaderValue value) {
        remove(name);
        return add(name, value);
    }

    /** Replaces all fields named {@code name} with one field. */
    public HttpHeaders set(HeaderName name, String value) {
        checkValue(value);
        remove(name);
        return add(name, value);
    }

    /** Removes every field named {@code name}; true if there was one. */
    public boolean remove(CharSequence name) {
        checkWritable();
        int w = 0;
        for (int r = 0; r < size; r++) {
            if (!matches(r, name)) {
                if (w != r) move(r, w);
                w++;
            }
        }
        boolean removed = w != size;
        for (int i = w; i < size; i++) {
            if (names != null) names[i] = null;
            if (values != null) values[i] = null;
        }
        size = w;
        return removed;
    }

    /** Removes every field. */
    public void clear() {
        checkWritable();
        if (names != null) Arrays.fill(names, 0, size, null);
        if (values != null) Arrays.fill(values, 0, size, null);
        size = 0;
        dataLen = reserved;
    }

    /** An independent copy. */
    public HttpHeaders copy() {
        HttpHeaders c = new HttpHeaders(Math.max(dataLen, 16), Math.max(size, 4));
        for (int i = 0; i < size; i++) {
            int nameOff = c.appendBytes(data, nameOffset(i), nameLength(i));
            int valueOff = c.appendBytes(data, valueOffset(i), valueLength(i));
            c.addEntry(nameOff, nameLength(i), valueOff, valueLength(i), ids[i]);
            if (names != null && names[i] != null) c.cacheStrings(i, names[i], values != null ? values[i] : null);
            else if (values != null && values[i] != null) c.cacheStrings(i, null, values[i]);
        }
        return c;
    }

    /** Appends all fields of {@code other}, in order. */
    public HttpHeaders addAll(HttpHeaders other) {
        checkWritable();
        for (int i = 0; i < other.size; i++) {
            int nameOff = appendBytes(other.data, other.nameOffset(i), other.nameLength(i));
            int valueOff = appendBytes(other.data, other.valueOffset(i), other.valueLength(i));
            addEntry(nameOff, other.nameLength(i), valueOff, other.valueLength(i), other.ids[i]);
        }
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("HttpHeaders[");
        for (int i = 0; i < size; i++) {
            if (i > 0) sb.append(", ");
            sb.append(name(i)).append(": ").append(value(i));
        }
        return sb.append(']').toString();
    }

    // ---- internals shared with the decoder and encoder (through Access) ----------------------

    /** Makes room for {@code n} more data bytes; returns the (possibly new) data array. */
    private byte[] ensureData(int n) {
        int need = dataLen + n;
        if (need > data.length) data = Arrays.copyOf(data, Math.max(need, data.length * 2));
        return data;
    }

    /**
     * Takes {@code n} data bytes from {@code src} at {@code from} and the fields of {@code parsed}
     * (whose offsets index into those bytes). New arrays are made exactly as large as needed, so
     * a parsed head costs what it holds, not a fixed capacity. {@code parsed} is left unchanged.
     */
    private void adopt(byte[] src, int from, int n, HttpHeaders parsed, int reservedBytes) {
        int fields = parsed.size;
        // A recycled head reuses its arrays when they are large enough.
        if (data.length >= n) {
            System.arraycopy(src, from, data, 0, n);
        } else {
            data = Arrays.copyOfRange(src, from, from + n);
        }
        if (ids.length >= fields) {
            System.arraycopy(parsed.offsets, 0, offsets, 0, fields * SLOTS);
            System.arraycopy(parsed.ids, 0, ids, 0, fields);
            if (names != null) Arrays.fill(names, null);
            if (values != null) Arrays.fill(values, null);
        } else {
            offsets = Arrays.copyOf(parsed.offsets, fields * SLOTS);
            ids = Arrays.copyOf(parsed.ids, fields);
            names = null;
            values = null;
        }
        dataLen = n;
        reserved = reservedBytes;
        size = fields;
    }

    /** Records a field whose bytes are already in {@link #data}; returns its index. */
    private int addEntry(int nameOff, int nameLen, int valueOff, int valueLen, int id) {
        if (size == ids.length) growEntries();
        int o = size * SLOTS;
        offsets[o] = nameOff;
        offsets[o + 1] = nameLen;
        offsets[o + 2] = valueOff;
        offsets[o + 3] = valueLen;
        ids[size] = (byte) id;
        return size++;
    }

    /** Forgets all fields but keeps the arrays, for reuse by the decoder. */
    private void reset() {
        if (names != null) Arrays.fill(names, 0, size, null);
        if (values != null) Arrays.fill(values, 0, size, null);
        size = 0;
        dataLen = 0;
        reserved = 0;
    }

    private void growEntries() {
        int n = Math.max(4, ids.length * 2);
        offsets = Arrays.copyOf(offsets, n * SLOTS);
        ids = Arrays.copyOf(ids, n);
        if (names != null) names = Arrays.copyOf(names, n);
        if (values != null) values = Arrays.copyOf(values, n);
    }

    /**
     * Keeps the strings an added field came as, where strings are already kept: a response's
     * fields are usually only written out as bytes, so the arrays are made when something reads
     * a field ({@link #name(int)}, {@link #value(int)}), not for every field added.
     */
    private void cacheStrings(int i, String name, String value) {
        if (names != null) names[i] = name;
        if (values != null) values[i] = value;
    }

    private void move(int from, int to) {
        System.arraycopy(offsets, from * SLOTS, offsets, to * SLOTS, SLOTS);
        ids[to] = ids[from];
        if (names != null) names[to] = names[from];
        if (values != null) values[to] = values[from];
    }

    // String.getBytes(int, int, byte[], int) is deprecated because it drops the high byte of each
    // char; every char here was checked to be <= U+00FF, where that is exactly ISO-8859-1, and it
    // copies without an intermediate array.
    @SuppressWarnings("deprecation")
    private int appendChars(String s) {
        int n = s.length();
        byte[] d = ensureData(n);
        int off = dataLen;
        s.getBytes(0, n, d, off);
        dataLen += n;
        return off;
    }

    private int appendBytes(byte[] b) {
        return appendBytes(b, 0, b.length);
    }

    private int appendBytes(byte[] b, int from, int n) {
        byte[] d = ensureData(n);
        int off = dataLen;
        System.arraycopy(b, from, d, off, n);
        dataLen += n;
        return off;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("index " + i + ", size " + size);
    }

    private void checkWritable() {
        if (readOnly) throw new UnsupportedOperationException("read-only headers");
    }

    /** Rejects values that could break the message: CR, LF, NUL, other CTLs, chars > U+00FF. */
    static void checkValue(String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c > 0xFF || !Ascii.isFieldValueByte(c)) {
                throw new IllegalArgumentException(
                        "invalid char U+" + Integer.toHexString(c) + " at " + i + " in header value: " + printable(value));
            }
        }
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 100; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) sb.append(String.format("\\x%02x", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }

    /**
     * The codec's access to the storage (see {@link HttpAccess}): not API, so not public. A
     * nestmate, it reads the private fields directly, and the JIT inlines each call to that read.
     */
    private static final class Access implements HttpAccess.Headers {
        @Override
        public HttpHeaders create(int dataCapacity, int fieldCapacity) {
            return new HttpHeaders(dataCapacity, fieldCapacity);
        }

        @Override
        public HttpHeaders empty() {
            return EMPTY;
        }

        @Override
        public byte[] data(HttpHeaders h) {
            return h.data;
        }

        @Override
        public int dataLength(HttpHeaders h) {
            return h.dataLen;
        }

        @Override
        public void setDataLength(HttpHeaders h, int n) {
            h.dataLen = n;
        }

        @Override
        public void reserve(HttpHeaders h, int n) {
            h.dataLen = n;
            h.reserved = n;
        }

        @Override
        public byte[] ensureData(HttpHeaders h, int n) {
            return h.ensureData(n);
        }

        @Override
        public int addField(HttpHeaders h, int nameOff, int nameLen, int valueOff, int valueLen, int id) {
            return h.addEntry(nameOff, nameLen, valueOff, valueLen, id);
        }

        @Override
        public void adopt(HttpHeaders h, byte[] src, int from, int n, HttpHeaders parsed, int reservedBytes) {
            h.adopt(src, from, n, parsed, reservedBytes);
        }

        @Override
        public void reset(HttpHeaders h) {
            h.reset();
        }

        @Override
        public int id(HttpHeaders h, int i) {
            return h.ids[i];
        }

        @Override
        public int nameOffset(HttpHeaders h, int i) {
            return h.nameOffset(i);
        }

        @Override
        public int nameLength(HttpHeaders h, int i) {
            return h.nameLength(i);
        }

        @Override
        public int valueOffset(HttpHeaders h, int i) {
            return h.valueOffset(i);
        }

        @Override
        public int valueLength(HttpHeaders h, int i) {
            return h.valueLength(i);
        }
    }
}
