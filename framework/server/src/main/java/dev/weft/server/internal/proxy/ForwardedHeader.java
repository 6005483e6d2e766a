package dev.weft.server.internal.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Forwarded} header of RFC 7239, parsed strictly: a list of elements (one per proxy
 * hop, left to right), each a set of {@code name=value} pairs whose value is a token or a
 * quoted-string (§4). Commas and semicolons inside quoted strings are data, not separators. Empty
 * list elements are allowed (RFC 9110 §5.6.1); a parameter repeated within one element is not
 * (§4).
 */
final class ForwardedHeader {

    /** One hop's parameters; a missing one is null. */
    record Element(String forNode, String by, String proto, String host) {
    }

    private ForwardedHeader() {
    }

    /** Parses every field line of the header, in order, into one list of elements. */
    static List<Element> parse(List<String> lines) throws MalformedForwarding {
        List<Element> elements = new ArrayList<>();
        for (String line : lines) {
            parseLine(line, elements);
        }
        return elements;
    }

    private static void parseLine(String s, List<Element> out) throws MalformedForwarding {
        int n = s.length();
        int i = 0;
        String[] pairs = new String[4]; // for, by, proto, host
        boolean any = false;
        for (;;) {
            i = skipSpace(s, i);
            if (i == n || s.charAt(i) == ',') {
                if (any) {
                    out.add(new Element(pairs[0], pairs[1], pairs[2], pairs[3]));
                    pairs = new String[4];
                    any = false;
                }
                if (i == n) {
                    return;
                }
                i++;
                continue;
            }
            if (s.charAt(i) == ';') {
                i++;
                continue;
            }
            int start = i;
            while (i < n && Tokens.isTchar(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw new MalformedForwarding("unexpected '" + s.charAt(i) + "' at " + i + " where a parameter name belongs");
            }
            String name = s.substring(start, i).toLowerCase(Locale.ROOT);
            if (i == n || s.charAt(i) != '=') {
                throw new MalformedForwarding("parameter '" + name + "' has no '=' and value");
            }
            i++;
            String value;
            if (i < n && s.charAt(i) == '"') {
                StringBuilder v = new StringBuilder();
                i = quoted(s, i + 1, v);
                value = v.toString();
            } else {
                int vs = i;
                while (i < n && Tokens.isTchar(s.charAt(i))) {
                    i++;
                }
                if (i == vs) {
                    throw new MalformedForwarding("parameter '" + name + "' has an empty value or one that must be quoted");
                }
                value = s.substring(vs, i);
            }
            int slot = switch (name) {
                case "for" -> 0;
                case "by" -> 1;
                case "proto" -> 2;
                case "host" -> 3;
                default -> -1; // an extension parameter (§5.5): allowed, not used
            };
            if (slot >= 0) {
                if (pairs[slot] != null) {
                    throw new MalformedForwarding("parameter '" + name + "' occurs twice in one element");
                }
                pairs[slot] = value;
            }
            any = true;
            i = skipSpace(s, i);
            if (i < n && s.charAt(i) != ';' && s.charAt(i) != ',') {
                throw new MalformedForwarding("unexpected '" + s.charAt(i) + "' at " + i + " after parameter '" + name + "'");
            }
        }
    }

    /** Reads a quoted-string's content from just after its opening quote; returns the index after the closing one. */
    private static int quoted(String s, int i, StringBuilder v) throws MalformedForwarding {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i++;
                if (i == n) {
                    break;
                }
                c = s.charAt(i);
            }
            if (c != '\t' && (c < 0x20 || c == 0x7f)) {
                throw new MalformedForwarding("control character in a quoted value");
            }
            v.append(c);
            i++;
        }
        throw new MalformedForwarding("unterminated quoted value");
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
