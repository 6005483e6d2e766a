package dev.weft.router.extract;

import dev.weft.router.Extractor;
import dev.weft.router.RequestContext;
import dev.weft.server.Request;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's address: the connection's peer, unless that peer is a trusted proxy, in which case
 * the forwarding chain ({@code Forwarded} per RFC 7239, else {@code X-Forwarded-For}) is read from
 * the right, skipping trusted hops; the first untrusted hop is the client. Hops that are not IP
 * literals (obfuscated identifiers, {@code unknown}) end the walk at the last address trusted.
 */
final class ClientIp implements Extractor<InetAddress> {
    private final TrustedProxies proxies;

    ClientIp(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public InetAddress extract(RequestContext cx) {
        Request request = cx.request();
        InetAddress peer = address(request.remoteAddress());
        if (peer == null || proxies.isEmpty() || !proxies.trusts(peer)) {
            return peer;
        }
        List<String> chain = chain(request);
        InetAddress client = peer;
        for (int i = chain.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(chain.get(i));
            if (hop == null) {
                return client;
            }
            client = hop;
            if (!proxies.trusts(hop)) {
                return hop;
            }
        }
        return client;
    }

    static InetAddress address(InetSocketAddress socket) {
        if (socket == null) {
            return null;
        }
        if (socket.getAddress() != null) {
            return socket.getAddress();
        }
        return literal(socket.getHostString());
    }

    private static List<String> chain(Request request) {
        List<String> hops = new ArrayList<>();
        List<String> forwarded = request.headers().getAll("Forwarded");
        if (!forwarded.isEmpty()) {
            for (String line : forwarded) {
                for (String element : line.split(",")) {
                    for (String pair : element.split(";")) {
                        String p = pair.trim();
                        if (p.regionMatches(true, 0, "for=", 0, 4)) {
                            hops.add(p.substring(4));
                        }
                    }
                }
            }
            return hops;
        }
        for (String line : request.headers().getAll("X-Forwarded-For")) {
            for (String hop : line.split(",")) {
                hops.add(hop.trim());
            }
        }
        return hops;
    }

    /** Parses a hop: {@code 192.0.2.1}, {@code "[2001:db8::1]:4711"}, {@code 192.0.2.1:80}; null if not an IP. */
    static InetAddress literal(String hop) {
        String h = hop.trim();
        if (h.startsWith("\"") && h.endsWith("\"") && h.length() >= 2) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            if (close < 0) {
                return null;
            }
            h = h.substring(1, close);
        } else if (h.indexOf(':') > 0 && h.indexOf(':') == h.lastIndexOf(':')) {
            h = h.substring(0, h.indexOf(':')); // IPv4 with a port
        }
        try {
            return InetAddress.ofLiteral(h);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
