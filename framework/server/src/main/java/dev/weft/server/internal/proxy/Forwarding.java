package dev.weft.server.internal.proxy;

import dev.weft.http.HttpHeaders;
import dev.weft.server.ClientInfo;
import dev.weft.server.TrustedProxies;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works out a request's {@link ClientInfo} from its peer and its forwarding headers.
 *
 * <ul>
 *   <li>A peer that is not a trusted proxy is the client; its headers change nothing.</li>
 *   <li>From a trusted peer, {@code Forwarded} (RFC 7239) is read when present, otherwise
 *       {@code X-Forwarded-For}, {@code -Proto} and {@code -Host}. The chain of hops is walked from
 *       the right (the hop nearest to us) as long as the hop reached so far is trusted; the first
 *       one that is not (or is {@code unknown}, or obfuscated) is the client. The scheme and host
 *       are those recorded by the proxy that received the request from that client.</li>
 *   <li>A malformed forwarding header from a trusted peer is ignored as a whole: the peer is the
 *       client and the scheme and host are the connection's. A half-understood header must not
 *       pick a client; a DEBUG line says what was wrong (the sender may be any client the proxy
 *       passes headers through for, so no louder).</li>
 * </ul>
 */
public final class Forwarding {
    private static final Logger log = LoggerFactory.getLogger(Forwarding.class);

    private Forwarding() {
    }

    /**
     * @param headers     the request's headers
     * @param peer        the connection's peer (after any PROXY protocol header)
     * @param proxies     the trusted proxies
     * @param scheme      the connection's own scheme ({@code http}, or {@code https} over TLS)
     * @param hostHeader  the request's {@code Host}, or null
     * @param local       the local address, the host when the request named none
     */
    public static ClientInfo resolve(HttpHeaders headers, InetSocketAddress peer, TrustedProxies proxies,
                                     String scheme, String hostHeader, InetSocketAddress local) {
        String host = hostHeader != null && !hostHeader.isEmpty() ? hostHeader : hostOf(local);
        if (proxies.isEmpty() || !trusted(peer, proxies)) {
            return new ClientInfo(peer, scheme, host);
        }
        try {
            List<String> forwarded = headers.getAll("Forwarded");
            ClientInfo resolved = forwarded.isEmpty()
                    ? fromXForwarded(headers, peer, proxies, scheme, host)
                    : fromForwarded(forwarded, peer, proxies, scheme, host);
            return resolved;
        } catch (MalformedForwarding e) {
            if (log.isDebugEnabled()) {
                log.debug("ignoring the forwarding headers from trusted proxy {}: {}", peer, e.getMessage());
            }
            return new ClientInfo(peer, scheme, host);
        }
    }

    private static ClientInfo fromForwarded(List<String> lines, InetSocketAddress peer, TrustedProxies proxies,
                                            String scheme, String host) throws MalformedForwarding {
        List<ForwardedHeader.Element> elements = ForwardedHeader.parse(lines);
        List<InetSocketAddress> nodes = new ArrayList<>(elements.size());
        for (ForwardedHeader.Element e : elements) {
            // An element without "for" says nothing of who came before: as good as "unknown".
            nodes.add(e.forNode() == null ? InetSocketAddress.createUnresolved("unknown", 0) : Nodes.forwardedNode(e.forNode()));
        }
        int hop = walk(nodes, peer, proxies);
        if (hop < 0) {
            return new ClientInfo(peer, scheme, host);
        }
        ForwardedHeader.Element e = elements.get(hop);
        return new ClientInfo(nodes.get(hop), e.proto() == null ? scheme : scheme(e.proto(), "Forwarded proto"),
                e.host() == null ? host : host(e.host(), "Forwarded host"));
    }

    private static ClientInfo fromXForwarded(HttpHeaders headers, InetSocketAddress peer, TrustedProxies proxies,
                                             String scheme, String host) throws MalformedForwarding {
        List<String> forList = list(headers, "X-Forwarded-For");
        List<InetSocketAddress> nodes = new ArrayList<>(forList.size());
        for (String v : forList) {
            nodes.add(Nodes.xForwardedNode(v));
        }
        List<String> protos = list(headers, "X-Forwarded-Proto");
        List<String> hosts = list(headers, "X-Forwarded-Host");
        int hop = walk(nodes, peer, proxies);
        InetSocketAddress client = hop < 0 ? peer : nodes.get(hop);
        String p = pick(protos, nodes.size(), hop);
        String h = pick(hosts, nodes.size(), hop);
        return new ClientInfo(client, p == null ? scheme : scheme(p, "X-Forwarded-Proto"),
                h == null ? host : host(h, "X-Forwarded-Host"));
    }

    /**
     * The index of the client among {@code nodes}: from the right, step to the next hop while the
     * current one is trusted. -1 when there are no hops (the peer is the client).
     */
    private static int walk(List<InetSocketAddress> nodes, InetSocketAddress peer, TrustedProxies proxies) {
        InetSocketAddress current = peer;
        int hop = -1;
        for (int i = nodes.size() - 1; i >= 0 && trusted(current, proxies); i--) {
            current = nodes.get(i);
            hop = i;
        }
        return hop;
    }

    /**
     * The X-Forwarded-Proto/-Host value for the client's hop: the one at the same position when
     * each hop appended one, otherwise the last (set by the nearest proxy, which we trust).
     */
    private static String pick(List<String> values, int hops, int hop) {
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() == hops && hop >= 0) {
            return values.get(hop);
        }
        return values.getLast();
    }

    private static List<String> list(HttpHeaders headers, String name) throws MalformedForwarding {
        List<String> out = new ArrayList<>();
        for (String line : headers.getAll(name)) {
            for (String v : line.split(",", -1)) {
                String t = v.strip();
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private static String scheme(String value, String where) throws MalformedForwarding {
        if (!Tokens.isScheme(value)) {
            throw new MalformedForwarding(where + " '" + value + "' is not a URI scheme");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static String host(String value, String where) throws MalformedForwarding {
        if (!Tokens.isHost(value)) {
            throw new MalformedForwarding(where + " '" + value + "' is not a host[:port]");
        }
        return value;
    }

    private static boolean trusted(InetSocketAddress a, TrustedProxies proxies) {
        return a != null && !a.isUnresolved() && a.getAddress() != null && proxies.trusts(a.getAddress());
    }

    private static String hostOf(InetSocketAddress local) {
        if (local == null) {
            return "localhost";
        }
        String h = local.getHostString();
        if (h.indexOf(':') >= 0) {
            h = "[" + h + "]";
        }
        return h + ":" + local.getPort();
    }
}
