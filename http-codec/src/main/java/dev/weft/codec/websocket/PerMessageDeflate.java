package dev.weft.codec.websocket;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The permessage-deflate extension (RFC 7692): negotiation of its parameters from a client's
 * offers, and the compression and decompression of messages with the JDK's {@code zlib}.
 *
 * <p>Negotiation ({@link #negotiate}): the first offer the server can honour is accepted.
 * {@code server_no_context_takeover} and {@code client_no_context_takeover} are honoured (the
 * second is also answered when the server is configured to ask for it). The JDK's deflater always
 * uses a 32 KiB window, so an offer with {@code server_max_window_bits} below 15 is declined
 * (§7.1.2.1 lets a server decline); {@code client_max_window_bits} needs nothing from the server,
 * which inflates any window. Unknown, repeated or malformed parameters decline the offer (§7).
 *
 * <p>Decompression checks the size as it goes: a message that inflates past the limit fails with
 * 1009 after at most one limit's worth of output, so a deflate bomb costs no more memory than an
 * honest message.
 *
 * <pre>{@code
 * PerMessageDeflate pmd = PerMessageDeflate.negotiate(request.headers().getAll("Sec-WebSocket-Extensions"), false);
 * if (pmd != null) response.header("Sec-WebSocket-Extensions", pmd.responseHeader());
 * }</pre>
 *
 * <p>Not thread-safe: one per connection, whose {@link #close()} frees the native zlib memory.
 */
public final class PerMessageDeflate implements AutoCloseable {
    /** The extension's registered name. */
    public static final String NAME = "permessage-deflate";
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private final boolean serverNoContextTakeover;
    private final boolean clientNoContextTakeover;
    private final Inflater inflater = new Inflater(true);
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final byte[] chunk = new byte[8192];

    private PerMessageDeflate(boolean serverNoContextTakeover, boolean clientNoContextTakeover) {
        this.serverNoContextTakeover = serverNoContextTakeover;
        this.clientNoContextTakeover = clientNoContextTakeover;
    }

    /** An extension with the given parameters (for a client, or tests). */
    public static PerMessageDeflate of(boolean serverNoContextTakeover, boolean clientNoContextTakeover) {
        return new PerMessageDeflate(serverNoContextTakeover, clientNoContextTakeover);
    }

    /**
     * Picks the first permessage-deflate offer the server can honour.
     *
     * @param headerValues           every {@code Sec-WebSocket-Extensions} field value of the request
     * @param askClientNoTakeover    ask the client not to keep its context (saves server memory per connection)
     * @return the agreed extension, or null when none was offered or none can be honoured
     */
    public static PerMessageDeflate negotiate(List<String> headerValues, boolean askClientNoTakeover) {
        for (String value : headerValues) {
            for (String offer : splitOutsideQuotes(value, ',')) {
                List<String> parts = splitOutsideQuotes(offer, ';');
                if (!parts.getFirst().trim().equalsIgnoreCase(NAME)) {
                    continue;
                }
                PerMessageDeflate agreed = accept(parts.subList(1, parts.size()), askClientNoTakeover);
                if (agreed != null) {
                    return agreed;
                }
            }
        }
        return null;
    }

    private static PerMessageDeflate accept(List<String> params, boolean askClientNoTakeover) {
        boolean serverNoTakeover = false;
        boolean clientNoTakeover = askClientNoTakeover;
        List<String> seen = new ArrayList<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : unquote(p.substring(eq + 1).trim());
            if (seen.contains(name)) {
                return null; // §7: a parameter given twice declines the offer
            }
            seen.add(name);
            switch (name) {
                case "server_no_context_takeover" -> {
                    if (value != null) {
                        return null;
                    }
                    serverNoTakeover = true;
                }
                case "client_no_context_takeover" -> {
                    if (value != null) {
                        return null;
                    }
                    clientNoTakeover = true;
                }
                case "server_max_window_bits" -> {
                    if (windowBits(value) != 15) {
                        return null; // the JDK deflater cannot use a smaller window
                    }
                }
                case "client_max_window_bits" -> {
                    if (value != null && windowBits(value) < 0) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return new PerMessageDeflate(serverNoTakeover, clientNoTakeover);
    }

    private static int windowBits(String value) {
        if (value == null || value.length() > 2 || !value.chars().allMatch(Character::isDigit) || value.isEmpty()) {
            return -1;
        }
        int bits = Integer.parseInt(value);
        return bits >= 8 && bits <= 15 ? bits : -1;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private static List<String> splitOutsideQuotes(String s, char sep) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == sep && !quoted) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    /** The {@code Sec-WebSocket-Extensions} value a server answers with. */
    public String responseHeader() {
        StringBuilder sb = new StringBuilder(NAME);
        if (serverNoContextTakeover) {
            sb.append("; server_no_context_takeover");
        }
        if (clientNoContextTakeover) {
            sb.append("; client_no_context_takeover");
        }
        return sb.toString();
    }

    /** Whether the server resets its compression context after each message. */
    public boolean serverNoContextTakeover() {
        return serverNoContextTakeover;
    }

    /** Whether the client resets its compression context after each message. */
    public boolean clientNoContextTakeover() {
        return clientNoContextTakeover;
    }

    /**
     * Inflates one frame's payload of a compressed message into {@code out}; with {@code last}
     * the message ends here (§7.2.2: the stripped {@code 00 00 FF FF} tail is put back).
     *
     * @param limit the most {@code out} may hold
     * @throws WebSocketException 1009 past the limit, 1007 for data that is not deflate
     */
    public void inflate(byte[] compressed, boolean last, Buffer out, int limit) {
        inflateAll(compressed, out, limit);
        if (last) {
            inflateAll(TAIL, out, limit);
            if (clientNoContextTakeover) {
                inflater.reset();
            }
        }
    }

    private void inflateAll(byte[] input, Buffer out, int limit) {
        inflater.setInput(input);
        try {
            for (;;) {
                int n = inflater.inflate(chunk);
                if (n > 0) {
                    if (out.size() + n > limit) {
                        throw new WebSocketException(CloseCodes.MESSAGE_TOO_BIG,
                                "message inflates beyond the limit of " + limit + " bytes");
                    }
                    out.write(chunk, 0, n);
                    continue;
                }
                if (inflater.needsInput() || inflater.finished() || inflater.needsDictionary()) {
                    return;
                }
            }
        } catch (DataFormatException e) {
            throw new WebSocketException(CloseCodes.INVALID_PAYLOAD, "compressed message is not valid deflate data");
        }
    }

    /** Compresses a whole message (§7.2.1): the output of a sync flush without its last four bytes. */
    public byte[] deflate(byte[] message) {
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, message.length / 2));
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, n);
        } while (n == chunk.length);
        if (serverNoContextTakeover) {
            deflater.reset();
        }
        byte[] all = out.toByteArray();
        byte[] result = new byte[all.length - 4];
        System.arraycopy(all, 0, result, 0, result.length);
        return result;
    }

    @Override
    public void close() {
        inflater.end();
        deflater.end();
    }

    /** A growable byte array (a message being assembled). */
    public static final class Buffer extends ByteArrayOutputStream {
        /** The bytes in place; valid up to {@link #size()}. */
        public byte[] array() {
            return buf;
        }

        /** Lets go of a large array once it is empty. */
        public void trim() {
            if (count == 0) {
                buf = new byte[256];
            }
        }
    }
}
