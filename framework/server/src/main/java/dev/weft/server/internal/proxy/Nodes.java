package dev.weft.server.internal.proxy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Reads the node a forwarding header names as an address: RFC 7239 §6's {@code for=} forms
 * ({@code 192.0.2.43}, {@code "[2001:db8::17]:4711"}, {@code unknown}, obfuscated {@code _hidden})
 * and {@code X-Forwarded-For}'s (a bare IPv4 or IPv6 address, perhaps with a port). A node that
 * is not an address (unknown, obfuscated) becomes an unresolved address holding its identifier.
 */
final class Nodes {
    private Nodes() {
    }

    /** An RFC 7239 node (its quotes already removed). */
    static InetSocketAddress forwardedNode(String v) throws MalformedForwarding {
        String name;
        String port;
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            if (close < 0) {
                throw new MalformedForwarding("node '" + v + "' opens '[' without closing it");
            }
            name = v.substring(0, close + 1);
            port = v.substring(close + 1);
        } else {
            int colon = v.indexOf(':');
            name = colon < 0 ? v : v.substring(0, colon);
            port = colon < 0 ? "" : v.substring(colon);
        }
        int portNumber = port(port, v);
        if (name.equalsIgnoreCase("unknown")) {
            return InetSocketAddress.createUnresolved("unknown", portNumber);
        }
        if (name.startsWith("_")) {
            if (!obfuscated(name)) {
                throw new MalformedForwarding("node '" + v + "' is not a valid obfuscated identifier");
            }
            return InetSocketAddress.createUnresolved(name, portNumber);
        }
        InetAddress address = name.startsWith("[")
                ? literal(name.substring(1, name.length() - 1), true)
                : literal(name, false);
        if (address == null) {
            throw new MalformedForwarding("node '" + v + "' is not an IP address, 'unknown' or an obfuscated identifier");
        }
        return new InetSocketAddress(address, portNumber);
    }

    /** An {@code X-Forwarded-For} entry: {@code 192.0.2.1}, {@code 192.0.2.1:80}, {@code 2001:db8::1}, {@code [2001:db8::1]:80}. */
    static InetSocketAddress xForwardedNode(String v) throws MalformedForwarding {
        InetAddress bare = literalOrNull(v);
        if (bare != null) {
            return new InetSocketAddress(bare, 0);
        }
        InetSocketAddress withPort = forwardedNode(v);
        if (withPort.isUnresolved()) {
            throw new MalformedForwarding("X-Forwarded-For entry '" + v + "' is not an IP address");
        }
        return withPort;
    }

    private static int port(String text, String node) throws MalformedForwarding {
        if (text.isEmpty()) {
            return 0;
        }
        String p = text.substring(1);
        if (p.startsWith("_")) {
            if (!obfuscated(p)) {
                throw new MalformedForwarding("node '" + node + "' has an invalid obfuscated port");
            }
            return 0;
        }
        if (p.isEmpty() || p.length() > 5) {
            throw new MalformedForwarding("node '" + node + "' has an invalid port");
        }
        int n = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < '0' || c > '9') {
                throw new MalformedForwarding("node '" + node + "' has an invalid port");
            }
            n = n * 10 + (c - '0');
        }
        if (n > 65535) {
            throw new MalformedForwarding("node '" + node + "' has a port above 65535");
        }
        return n;
    }

    /** {@code "_" 1*( ALPHA / DIGIT / "." / "_" / "-")} (RFC 7239 §6.3). */
    private static boolean obfuscated(String s) {
        if (s.length() < 2 || s.charAt(0) != '_') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress literal(String s, boolean v6) {
        InetAddress a = literalOrNull(s);
        if (a == null) {
            return null;
        }
        // "[192.0.2.1]" and a bare IPv6 address are not RFC 7239 forms.
        boolean isV6 = a instanceof Inet6Address || s.indexOf(':') >= 0;
        return isV6 == v6 ? a : null;
    }

    private static InetAddress literalOrNull(String s) {
        if (s.isEmpty()) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // ofLiteral never resolves names, but say so: only hex digits, dots, colons and a zone.
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '.' || c == ':' || c == '%')) {
                return null;
            }
        }
        try {
            InetAddress a = InetAddress.ofLiteral(s);
            return a instanceof Inet4Address || a instanceof Inet6Address ? a : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
