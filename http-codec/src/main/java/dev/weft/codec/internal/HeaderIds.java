package dev.weft.codec.internal;

/**
 * Ids of the header names the codec itself interprets. Every field in a header map carries one
 * (in one byte), so the decoder and the encoder recognise Content-Length or Connection by testing
 * a number instead of comparing names.
 *
 * <p>This is the one definition: {@code HeaderName} gives its constants these ids and recognises
 * the names ({@link HttpAccess.Names#idOf}); the codec switches on them. They are compile-time
 * constants, so a {@code switch} may use them as labels.
 */
public final class HeaderIds {
    private HeaderIds() {}

    /** Any other name: no meaning to the codec. */
    public static final int OTHER = 0;
    /** {@code Host} (RFC 9112 §3.2). */
    public static final int HOST = 1;
    /** {@code Content-Length} (RFC 9110 §8.6). */
    public static final int CONTENT_LENGTH = 2;
    /** {@code Transfer-Encoding} (RFC 9112 §6.1). */
    public static final int TRANSFER_ENCODING = 3;
    /** {@code Connection} (RFC 9110 §7.6.1). */
    public static final int CONNECTION = 4;
    /** {@code Expect} (RFC 9110 §10.1.1). */
    public static final int EXPECT = 5;
    /** {@code Date} (RFC 9110 §6.6.1). */
    public static final int DATE = 6;
}
