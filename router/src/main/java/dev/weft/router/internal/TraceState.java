package dev.weft.router.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@code tracestate} header checked strictly per W3C Trace Context (Level 1, §3.3): up to 32
 * comma-separated list-members {@code key=value}, optional white space around each, empty
 * members allowed and dropped, keys unique. A key is a simple key ({@code lcalpha} then up to 255
 * of {@code lcalpha DIGIT _ - * /}) or a multi-tenant one ({@code tenant@system}: up to 241 and 14
 * characters); a value is up to 256 printable ASCII characters except {@code ,} and {@code =},
 * not ending in a space. Several {@code tracestate} header lines are one list, in order (§3.3.1).
 */
public final class TraceState {
    /** At most this many list-members (§3.3.1.1). */
    static final int MAX_MEMBERS = 32;

    private TraceState() {
    }

    /**
     * The normalised value (members joined by {@code ","}, white space and empty members
     * dropped), or null when the header is absent, empty or invalid: an invalid tracestate is not
     * propagated at all.
     */
    public static String parse(List<String> headerValues) {
        StringBuilder out = new StringBuilder();
        Set<String> keys = new HashSet<>();
        for (String line : headerValues) {
            for (String raw : line.split(",", -1)) {
                String member = raw.strip();
                if (member.isEmpty()) {
                    continue;
                }
                int eq = member.indexOf('=');
                if (eq <= 0 || !validKey(member.substring(0, eq)) || !validValue(member.substring(eq + 1))
                        || !keys.add(member.substring(0, eq)) || keys.size() > MAX_MEMBERS) {
                    return null;
                }
                if (!out.isEmpty()) {
                    out.append(',');
                }
                out.append(member);
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    static boolean validKey(String key) {
        int at = key.indexOf('@');
        if (at < 0) {
            return key.length() <= 256 && isLcAlpha(key.charAt(0)) && restOk(key, 1, key.length());
        }
        String tenant = key.substring(0, at);
        String system = key.substring(at + 1);
        return !tenant.isEmpty() && tenant.length() <= 241 && (isLcAlpha(tenant.charAt(0)) || isDigit(tenant.charAt(0)))
                && restOk(tenant, 1, tenant.length())
                && !system.isEmpty() && system.length() <= 14 && isLcAlpha(system.charAt(0))
                && restOk(system, 1, system.length());
    }

    static boolean validValue(String value) {
        // A trailing space would end the value with a blank, which the grammar forbids; the caller
        // has already stripped white space around the member, so none is left here.
        if (value.isEmpty() || value.length() > 256) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == ',' || c == '=') {
                return false;
            }
        }
        return true;
    }

    private static boolean restOk(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isLcAlpha(c) && !isDigit(c) && c != '_' && c != '-' && c != '*' && c != '/') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLcAlpha(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
