package dev.weft.router.decompression;

import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A sans-IO decoder of the {@code gzip} (RFC 1952, members may follow one another) and
 * {@code deflate} (RFC 9110 §8.4.1.2: zlib, RFC 1950; raw deflate is accepted too, as browsers
 * and servers do) content codings: {@link #offer} compressed bytes, {@link #decode} into an array.
 * The input is copied into the decoder; nothing is held beyond one offered array.
 *
 * <p>Not thread-safe: one owner at a time.
 */
final class Decoder {
    /** The coding. */
    enum Coding { GZIP, DEFLATE }

    private enum State { GZIP_HEADER, INFLATE, GZIP_TRAILER, DONE }

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final Coding coding;
    private Inflater inflater;
    private final CRC32 crc = new CRC32();
    private State state;
    /** Input not yet given to the inflater (gzip header and trailer bytes are parsed from here). */
    private byte[] in = new byte[0];
    private int pos;
    private long memberBytes;
    private boolean sawMember;

    Decoder(Coding coding) {
        this.coding = coding;
        this.state = coding == Coding.GZIP ? State.GZIP_HEADER : State.INFLATE;
    }

    /**
     * Gives the decoder more compressed bytes (the array is kept, not copied: do not reuse it),
     * after {@link #decode} returned 0. Bytes of a gzip header or trailer left over from the
     * previous offer are joined with these.
     */
    void offer(byte[] bytes) {
        if (pos < in.length) {
            byte[] joined = new byte[in.length - pos + bytes.length];
            System.arraycopy(in, pos, joined, 0, in.length - pos);
            System.arraycopy(bytes, 0, joined, in.length - pos, bytes.length);
            in = joined;
        } else {
            in = bytes;
        }
        pos = 0;
        if (state == State.INFLATE && inflater != null) {
            inflater.setInput(in, 0, in.length);
            pos = in.length;
        }
    }

    /**
     * Decodes into {@code out}: the number of bytes written; 0 when more input is needed.
     *
     * @throws DataFormatException when the input is not valid in this coding
     */
    int decode(byte[] out) throws DataFormatException {
        for (;;) {
            switch (state) {
                case GZIP_HEADER -> {
                    if (pos == in.length) {
                        return 0;
                    }
                    int headerEnd = gzipHeaderEnd();
                    if (headerEnd < 0) {
                        return 0; // the header continues in the next offer
                    }
                    pos = headerEnd;
                    startInflating(true);
                }
                case INFLATE -> {
                    if (inflater == null) {
                        if (pos == in.length) {
                            return 0;
                        }
                        startInflating(!isZlibHeader());
                    }
                    int n = inflater.inflate(out);
                    if (n > 0) {
                        crc.update(out, 0, n);
                        memberBytes += n;
                        return n;
                    }
                    if (inflater.needsDictionary()) {
                        throw new DataFormatException("a preset dictionary is not supported");
                    }
                    if (inflater.finished()) {
                        int left = inflater.getRemaining();
                        pos = in.length - left;
                        inflater.end();
                        inflater = null;
                        state = coding == Coding.GZIP ? State.GZIP_TRAILER : State.DONE;
                        continue;
                    }
                    return 0;
                }
                case GZIP_TRAILER -> {
                    if (in.length - pos < 8) {
                        return 0; // the rest comes with the next offer
                    }
                    long expectedCrc = le32(pos);
                    long expectedSize = le32(pos + 4);
                    if (expectedCrc != crc.getValue() || expectedSize != (memberBytes & 0xffffffffL)) {
                        throw new DataFormatException("the gzip trailer does not match the data (CRC or size)");
                    }
                    pos += 8;
                    sawMember = true;
                    crc.reset();
                    memberBytes = 0;
                    state = State.GZIP_HEADER; // another member may follow
                    if (pos == in.length) {
                        return 0;
                    }
                }
                case DONE -> {
                    if (pos < in.length) {
                        throw new DataFormatException("bytes follow the end of the deflate stream");
                    }
                    return 0;
                }
            }
        }
    }

    /** Called when the input ended: fails unless the stream ended cleanly. */
    void finish() throws DataFormatException {
        boolean clean = coding == Coding.GZIP
                ? state == State.GZIP_HEADER && sawMember && pos == in.length
                : state == State.DONE;
        if (!clean) {
            throw new DataFormatException("the compressed body is truncated");
        }
    }

    /** Releases the inflater's native memory. */
    void close() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }

    private void startInflating(boolean raw) {
        inflater = new Inflater(raw);
        inflater.setInput(in, pos, in.length - pos);
        pos = in.length;
        state = State.INFLATE;
    }

    /** RFC 1950: CMF/FLG with method 8 and a check value that makes them a multiple of 31. */
    private boolean isZlibHeader() {
        if (in.length - pos < 2) {
            return false;
        }
        int cmf = in[pos] & 0xff;
        int flg = in[pos + 1] & 0xff;
        return (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
    }

    /** The end of a complete gzip member header at {@code pos}, or -1 if more bytes are needed. */
    private int gzipHeaderEnd() throws DataFormatException {
        // Headers are small: a header split across offers is joined with the next one.
        int p = pos;
        if (in.length - p < 10) {
            return needMoreHeader();
        }
        if ((in[p] & 0xff) != 0x1f || (in[p + 1] & 0xff) != 0x8b) {
            throw new DataFormatException("not gzip (bad magic bytes)");
        }
        if (in[p + 2] != 8) {
            throw new DataFormatException("gzip with an unknown compression method");
        }
        int flags = in[p + 3] & 0xff;
        p += 10;
        if ((flags & FEXTRA) != 0) {
            if (in.length - p < 2) {
                return needMoreHeader();
            }
            int xlen = (in[p] & 0xff) | (in[p + 1] & 0xff) << 8;
            p += 2 + xlen;
        }
        if ((flags & FNAME) != 0) {
            p = afterZero(p);
        }
        if (p >= 0 && (flags & FCOMMENT) != 0) {
            p = afterZero(p);
        }
        if (p >= 0 && (flags & FHCRC) != 0) {
            p += 2;
        }
        if (p < 0 || p > in.length) {
            return needMoreHeader();
        }
        return p;
    }

    private static int needMoreHeader() {
        return -1; // the header's bytes stay at pos and are joined with the next offer
    }

    private int afterZero(int p) {
        if (p < 0) {
            return -1;
        }
        for (int i = p; i < in.length; i++) {
            if (in[i] == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    private long le32(int p) {
        return (in[p] & 0xffL) | (in[p + 1] & 0xffL) << 8 | (in[p + 2] & 0xffL) << 16 | (in[p + 3] & 0xffL) << 24;
    }
}
