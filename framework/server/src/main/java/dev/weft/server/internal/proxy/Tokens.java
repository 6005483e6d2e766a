package dev.weft.server.internal.proxy;

/** The character classes of HTTP's grammar that the forwarding headers use. */
final class Tokens {
    private Tokens() {
    }

    /** A tchar of RFC 9110 §5.6.2. */
    static boolean isTchar(char c) {
        if (c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** A URI scheme of RFC 3986 §3.1: a letter, then letters, digits, '+', '-' or '.'. */
    static boolean isScheme(String s) {
        if (s.isEmpty() || !Character.isLetter(s.charAt(0)) || s.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /**
     * A Host value of RFC 9110 §7.2: {@code uri-host [ ":" port ]}, a reg-name or an IP literal
     * in brackets; refused when it holds anything a URI authority cannot (space, '/', '@', ...).
     */
    static boolean isHost(String s) {
        if (s.isEmpty() || s.length() > 255 + 6) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                    || "-._~!$&'()*+,;=%:[]".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
