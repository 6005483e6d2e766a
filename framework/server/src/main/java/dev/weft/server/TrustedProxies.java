package dev.weft.server;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The proxies whose {@code Forwarded} and {@code X-Forwarded-For/-Proto/-Host} headers the server
 * believes: addresses and CIDR blocks. Anyone can send those headers, so {@link Request#clientAddress()},
 * {@link Request#scheme()} and {@link Request#host()} read them only when the connection's peer is
 * one of these, and walk the forwarding chain from the right only through hops that are too.
 * <pre>{@code
 * ServerConfig config = ServerConfig.builder()
 *         .trustedProxies(TrustedProxies.of("10.0.0.0/8", "127.0.0.1", "::1"))
 *         .build();
 * }</pre>
 * Immutable and thread-safe.
 */
public final class TrustedProxies {

    /** One address block: the network's bytes and the prefix length. */
    private record Block(byte[] network, int bits, String text) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** Trusts nobody (the default): the client is the connection's peer. */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * Trusts the given addresses and CIDR blocks ({@code "10.0.0.0/8"}, {@code "::1"},
     * {@code "fd00::/8"}).
     *
     * @throws IllegalArgumentException naming the text that is not an IP literal or block
     */
    public static TrustedProxies of(String... addressesOrBlocks) {
        List<Block> blocks = new ArrayList<>();
        for (String s : addressesOrBlocks) {
            blocks.add(block(Objects.requireNonNull(s, "address").trim()));
        }
        return blocks.isEmpty() ? NONE : new TrustedProxies(List.copyOf(blocks));
    }

    /**
     * Parses a comma-separated list, as the {@code WEFT_TRUSTED_PROXIES} variable holds it
     * ({@code "10.0.0.0/8, 127.0.0.1"}); blank entries are ignored.
     *
     * @throws IllegalArgumentException naming the entry that is not an IP literal or block
     */
    public static TrustedProxies parse(String commaSeparated) {
        List<String> entries = new ArrayList<>();
        for (String s : commaSeparated.split(",")) {
            if (!s.isBlank()) {
                entries.add(s);
            }
        }
        return of(entries.toArray(new String[0]));
    }

    private static Block block(String s) {
        int slash = s.indexOf('/');
        String literal = slash < 0 ? s : s.substring(0, slash);
        byte[] address;
        try {
            address = InetAddress.ofLiteral(literal).getAddress();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + s + "' is not an IP address or CIDR block");
        }
        int bits = address.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("'" + s + "' has an invalid prefix length (0 to "
                        + address.length * 8 + ")");
            }
        }
        return new Block(address, bits, s);
    }

    /** True when {@code address} is one of the trusted proxies. */
    public boolean trusts(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Block b : blocks) {
            if (b.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** True when no proxy is trusted. */
    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustedProxies t && t.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** The list as it was given, comma-separated. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Block block : blocks) {
            if (!b.isEmpty()) {
                b.append(',');
            }
            b.append(block.text);
        }
        return b.toString();
    }
}
