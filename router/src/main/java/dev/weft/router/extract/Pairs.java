package dev.weft.router.extract;

import dev.weft.router.Rejection;
import dev.weft.router.internal.PercentDecoder;

import java.util.ArrayList;
import java.util.List;

/**
 * Decoded {@code name=value} pairs of a query string or an {@code application/x-www-form-urlencoded}
 * body, in order, in two parallel arrays; names repeat for multi-valued parameters.
 */
final class Pairs implements Source {
    private static final Pairs EMPTY = new Pairs(new String[0], new String[0], 0);

    private final String[] names;
    private final String[] values;
    private final int size;

    private Pairs(String[] names, String[] values, int size) {
        this.names = names;
        this.values = values;
        this.size = size;
    }

    /**
     * Parses {@code text}; {@code what} names the source in rejections ("query string").
     *
     * @throws Rejection if a name or value is not valid percent-encoding
     */
    static Pairs parse(String text, String what) {
        if (text == null || text.isEmpty()) {
            return EMPTY;
        }
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '&') {
                n++;
            }
        }
        String[] names = new String[n];
        String[] values = new String[n];
        int size = 0;
        int start = 0;
        try {
            while (start <= text.length()) {
                int end = text.indexOf('&', start);
                if (end < 0) {
                    end = text.length();
                }
                if (end > start) {
                    int eq = text.indexOf('=', start);
                    if (eq < 0 || eq > end) {
                        eq = end;
                    }
                    names[size] = PercentDecoder.decode(text, start, eq, true);
                    values[size] = eq == end ? "" : PercentDecoder.decode(text, eq + 1, end, true);
                    size++;
                }
                start = end + 1;
            }
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid(what, e.getMessage());
        }
        return new Pairs(names, values, size);
    }

    @Override
    public String first(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public List<String> all(String name) {
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                out.add(values[i]);
            }
        }
        return out;
    }
}
