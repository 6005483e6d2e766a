package dev.weft.codec;

import static dev.weft.codec.HttpCodecException.Kind.BAD_METHOD;
import static dev.weft.codec.HttpCodecException.Kind.BAD_TARGET;

import dev.weft.codec.internal.Ascii;
import java.nio.ByteBuffer;

/**
 * Checks, as the bytes of a request line arrive, that they can still begin a valid one
 * ({@code method SP request-target SP HTTP-version}, RFC 9112 §3), and throws at the first byte
 * that rules it out. Without this, input that is not HTTP at all — a TLS handshake sent to a
 * plaintext port, say — would be buffered until a LF or the request-line limit came, which may be
 * never; with it, the first byte of such input is refused.
 *
 * <p>It throws exactly what {@link RequestLineParser#parse} throws for the whole line, so the
 * error does not depend on how the bytes were split (RFC 9112 §2.1): both decide by the first byte
 * that cannot stand where it is. What only the whole line can tell (a missing target or version,
 * the version number, the form of the target) is left to the parser. A CR is judged by the byte
 * after it: before LF it ends the line, before anything else it is a bare CR (RFC 9112 §2.2).
 *
 * <p>The decoder uses it only for bytes it reads before their line is complete, and for lines
 * that end in a bare LF or exceed the limit: a complete line ending in CRLF goes to the parser,
 * which finds the same first bad byte, so whole requests pay nothing for this check.
 */
final class RequestLinePrefix {
    /** The part of the request line the next byte belongs to. */
    private enum Part { METHOD, TARGET, VERSION }

    private Part part;
    /** Index in the line of the next byte. */
    private int at;
    /** Index in the line where {@link #part} started. */
    private int partStart;
    /** Whether the last byte was a CR, to be judged by the byte after it. */
    private boolean crPending;

    RequestLinePrefix() {
        reset();
    }

    /** Starts a new line. */
    void reset() {
        part = Part.METHOD;
        at = 0;
        partStart = 0;
        crPending = false;
    }

    /** Checks {@code d[from, to)}, the next bytes of the line (no LF among them). */
    void check(byte[] d, int from, int to) {
        for (int i = from; i < to; i++) next(d[i]);
    }

    /** Checks the bytes of {@code in} at absolute indexes {@code [from, to)}, the next bytes of the line. */
    void check(ByteBuffer in, int from, int to) {
        for (int i = from; i < to; i++) next(in.get(i));
    }

    private void next(byte b) {
        if (crPending) throw RequestLineParser.bareCr(); // LF never reaches here: it ends the line
        int i = at++;
        switch (part) {
            case METHOD -> method(b, i);
            case TARGET -> target(b, i);
            case VERSION -> version(b, i - partStart);
        }
    }

    /** method = token (RFC 9110 §9.1), then one SP. */
    private void method(byte b, int i) {
        if (Ascii.isTchar(b)) return;
        if (b == '\r') {
            // At 0 it may start an empty line, which RFC 9112 §2.2 lets us skip.
            crPending = true;
        } else if (i == 0) {
            throw RequestLineParser.invalid(b, i, BAD_METHOD, RequestLineParser.CANNOT_BEGIN);
        } else if (b == ' ') {
            part = Part.TARGET;
            partStart = at;
        } else {
            throw RequestLineParser.invalid(b, i, BAD_METHOD, RequestLineParser.BAD_METHOD_BYTE);
        }
    }

    /** request-target (RFC 9112 §3.2), then one SP. */
    private void target(byte b, int i) {
        if (Ascii.isTargetByte(b)) return;
        if (i == partStart) {
            // Nothing may stand here but a target byte, not even the CR of the line's end.
            throw RequestLineParser.invalid(b, i, BAD_TARGET, RequestLineParser.EMPTY_TARGET);
        } else if (b == ' ') {
            part = Part.VERSION;
            partStart = at;
        } else if (b == '\r') {
            crPending = true;
        } else {
            throw RequestLineParser.invalid(b, i, BAD_TARGET, RequestLineParser.BAD_TARGET_BYTE);
        }
    }

    /** HTTP-version = "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3), then the line's end. */
    private void version(byte b, int k) {
        if (k < RequestLineParser.VERSION_LENGTH && RequestLineParser.isVersionByte(k, b)) return;
        if (b == '\r') crPending = true;
        else throw RequestLineParser.badVersion();
    }
}
