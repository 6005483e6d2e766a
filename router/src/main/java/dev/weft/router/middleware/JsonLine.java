package dev.weft.router.middleware;

/** JSON string escaping for log lines (RFC 8259 section 7): quotes, backslashes and every control character. */
final class JsonLine {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonLine() {
    }

    /** Appends {@code "name":"value"} (or {@code null}) to {@code sb}; returns it. */
    static StringBuilder field(StringBuilder sb, String name, String value) {
        string(sb, name).append(':');
        return value == null ? sb.append("null") : string(sb, value);
    }

    static StringBuilder string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    // Control characters must be escaped; U+2028/9 too, for readers that eval lines.
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        sb.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
