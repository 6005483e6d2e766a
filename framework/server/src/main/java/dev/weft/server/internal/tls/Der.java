package dev.weft.server.internal.tls;

import java.math.BigInteger;

/**
 * Just enough of a DER reader (ITU-T X.690) to take apart the key formats the JDK does not read
 * by itself: PKCS#1 RSA keys, SEC 1 EC keys, and the algorithm of a PKCS#8 key. Every read checks
 * the tag and the length against what is left, so a damaged file is refused, never misread.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** Context-specific, constructed, tag 0: {@code [0]} in ASN.1. */
    static final int CONTEXT_0 = 0xA0;

    private final byte[] bytes;
    private int pos;
    private final int end;

    Der(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private Der(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.pos = start;
        this.end = end;
    }

    boolean hasMore() {
        return pos < end;
    }

    /** The tag of the next element, without reading it; -1 at the end. */
    int peekTag() {
        return pos < end ? bytes[pos] & 0xFF : -1;
    }

    /** The contents of the next element, which must have {@code tag}, as a reader of their own. */
    Der read(int tag) {
        if (pos >= end) {
            throw new IllegalArgumentException("damaged DER: expected tag 0x" + Integer.toHexString(tag) + ", found the end");
        }
        int found = bytes[pos++] & 0xFF;
        if (found != tag) {
            throw new IllegalArgumentException("damaged DER: expected tag 0x" + Integer.toHexString(tag)
                    + ", found 0x" + Integer.toHexString(found));
        }
        int length = length();
        Der inner = new Der(bytes, pos, pos + length);
        pos += length;
        return inner;
    }

    BigInteger integer() {
        Der d = read(INTEGER);
        if (d.end == d.pos) {
            throw new IllegalArgumentException("damaged DER: an empty INTEGER");
        }
        byte[] v = new byte[d.end - d.pos];
        System.arraycopy(bytes, d.pos, v, 0, v.length);
        return new BigInteger(v);
    }

    byte[] octets() {
        Der d = read(OCTET_STRING);
        byte[] v = new byte[d.end - d.pos];
        System.arraycopy(bytes, d.pos, v, 0, v.length);
        return v;
    }

    /** An OBJECT IDENTIFIER in dotted form, such as {@code 1.2.840.10045.3.1.7}. */
    String oid() {
        Der d = read(OID);
        if (d.end == d.pos) {
            throw new IllegalArgumentException("damaged DER: an empty OBJECT IDENTIFIER");
        }
        StringBuilder s = new StringBuilder();
        long value = 0;
        boolean first = true;
        for (int i = d.pos; i < d.end; i++) {
            int b = bytes[i] & 0xFF;
            if (value > (Long.MAX_VALUE >> 7)) {
                throw new IllegalArgumentException("damaged DER: an OBJECT IDENTIFIER arc too large");
            }
            value = (value << 7) | (b & 0x7F);
            if ((b & 0x80) == 0) {
                if (first) {
                    // The first two arcs share one number (X.690 §8.19.4).
                    long top = Math.min(value / 40, 2);
                    s.append(top).append('.').append(value - top * 40);
                    first = false;
                } else {
                    s.append('.').append(value);
                }
                value = 0;
            }
        }
        return s.toString();
    }

    private int length() {
        if (pos >= end) {
            throw new IllegalArgumentException("damaged DER: a length is missing");
        }
        int first = bytes[pos++] & 0xFF;
        int length;
        if (first < 0x80) {
            length = first;
        } else {
            int n = first & 0x7F;
            if (n == 0 || n > 3 || pos + n > end) {
                throw new IllegalArgumentException("damaged DER: a length of " + n + " bytes");
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | (bytes[pos++] & 0xFF);
            }
        }
        if (length > end - pos) {
            throw new IllegalArgumentException("damaged DER: an element longer than what contains it");
        }
        return length;
    }
}
