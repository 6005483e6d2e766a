package dev.weft.router.extract;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxies whose {@code Forwarded} and {@code X-Forwarded-For} headers are believed. Anyone can
 * send those headers, so the client address is read from them only through hops that are trusted:
 * <pre>{@code
 * router.get("/whoami", clientIp(TrustedProxies.of("10.0.0.0/8", "127.0.0.1")), ip -> ip.getHostAddress());
 * }</pre>
 */
public final class TrustedProxies {

    private record Block(byte[] network, int bits) {
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

    /** Trusts nobody: the client is the peer of the connection. */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * Trusts the given addresses and CIDR blocks ({@code "10.0.0.0/8"}, {@code "::1"}).
     *
     * @throws IllegalArgumentException for text that is not an IP literal or block
     */
    public static TrustedProxies of(String... addressesOrBlocks) {
        List<Block> blocks = new ArrayList<>();
        for (String s : addressesOrBlocks) {
            int slash = s.indexOf('/');
            byte[] address = InetAddress.ofLiteral(slash < 0 ? s : s.substring(0, slash)).getAddress();
            int bits = slash < 0 ? address.length * 8 : Integer.parseInt(s.substring(slash + 1));
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("invalid prefix length in '" + s + "'");
            }
            blocks.add(new Block(address, bits));
        }
        return new TrustedProxies(List.copyOf(blocks));
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
    boolean isEmpty() {
        return blocks.isEmpty();
    }
}
