package dev.weft.router.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Which of the precompressed codings a request accepts, best first (RFC 9110 §12.5.3). */
final class AcceptEncoding {
    private AcceptEncoding() {
    }

    /**
     * The codings among {@code br} and {@code gzip} that {@code values} accept with a non-zero
     * q-value, highest q first and {@code br} before {@code gzip} on a tie ({@code *} stands for
     * both unless named).
     */
    static List<String> precompressed(List<String> values) {
        double br = q(values, "br");
        double gzip = q(values, "gzip");
        List<String> out = new ArrayList<>(2);
        if (br > 0 && br >= gzip) {
            out.add("br");
        }
        if (gzip > 0) {
            out.add("gzip");
        }
        if (br > 0 && br < gzip) {
            out.add("br");
        }
        return out;
    }

    /** The q-value given to {@code coding}, falling back to {@code *}, or 0 when neither appears. */
    private static double q(List<String> values, String coding) {
        double star = 0;
        for (String line : values) {
            for (String element : line.split(",")) {
                String[] parts = element.trim().split(";");
                String name = parts[0].trim().toLowerCase(Locale.ROOT);
                double q = 1;
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i].trim();
                    if (p.startsWith("q=") || p.startsWith("Q=")) {
                        try {
                            q = Double.parseDouble(p.substring(2));
                        } catch (NumberFormatException e) {
                            q = 0;
                        }
                    }
                }
                if (name.equals(coding) || coding.equals("gzip") && name.equals("x-gzip")) {
                    return q;
                }
                if (name.equals("*")) {
                    star = q;
                }
            }
        }
        return star;
    }
}
