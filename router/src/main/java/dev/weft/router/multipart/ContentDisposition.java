package dev.weft.router.multipart;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code Content-Disposition} value (RFC 6266 syntax): its type and parameters, quoted strings
 * unescaped, and {@code filename*} (RFC 8187 {@code charset'lang'percent-encoded}) preferred over
 * {@code filename} when both are given.
 *
 * @param type   the disposition type, lower case ({@code form-data})
 * @param params the parameters by lower-case name, decoded
 */
record ContentDisposition(String type, Map<String, String> params) {

    /** The {@code name} parameter, or null. */
    String name() {
        return params.get("name");
    }

    /** The file name: {@code filename*} decoded if present, else {@code filename}, or null. */
    String filename() {
        String extended = params.get("filename*");
        return extended != null ? extended : params.get("filename");
    }

    /** Parses {@code value}; a malformed value is a 400. */
    static ContentDisposition parse(String value) {
        int n = value.length();
        int semi = value.indexOf(';');
        String type = (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        int i = semi < 0 ? n : semi + 1;
        while (i < n) {
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t' || value.charAt(i) == ';')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int eq = value.indexOf('=', i);
            if (eq < 0) {
                throw MultipartParser.malformed("a Content-Disposition parameter has no value");
            }
            String name = value.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < n && value.charAt(i) == ' ') {
                i++;
            }
            String v;
            if (i < n && value.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = value.charAt(i++);
                    if (c == '\\' && i < n) {
                        sb.append(value.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        sb.append(c);
                    }
                }
                if (!closed) {
                    throw MultipartParser.malformed("an unterminated quoted string in Content-Disposition");
                }
                v = sb.toString();
            } else {
                int stop = value.indexOf(';', i);
                v = (stop < 0 ? value.substring(i) : value.substring(i, stop)).trim();
                i = stop < 0 ? n : stop;
            }
            if (name.endsWith("*")) {
                v = extValue(v);
            }
            params.putIfAbsent(name, v);
        }
        return new ContentDisposition(type, params);
    }

    /** Decodes an RFC 8187 ext-value: {@code charset'[language]'pct-encoded}. */
    static String extValue(String v) {
        int q1 = v.indexOf('\'');
        int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
        if (q2 < 0) {
            throw MultipartParser.malformed("filename* is not charset'language'value");
        }
        Charset charset;
        try {
            charset = Charset.forName(v.substring(0, q1));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw MultipartParser.malformed("filename* names an unknown charset");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = q2 + 1; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '%') {
                if (i + 2 >= v.length()) {
                    throw MultipartParser.malformed("a truncated percent-escape in filename*");
                }
                int hi = Character.digit(v.charAt(i + 1), 16);
                int lo = Character.digit(v.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw MultipartParser.malformed("a bad percent-escape in filename*");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(charset);
    }
}
