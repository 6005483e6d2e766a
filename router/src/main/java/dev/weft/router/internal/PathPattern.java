package dev.weft.router.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed route pattern such as {@code /users/{id}/files/{*rest}}: static text, parameters and a
 * final catch-all. A parameter is a whole segment ({@code /users/{id}}) or part of one, with static
 * text before or after it ({@code /files/{name}.json}, {@code /v{version}/items},
 * {@code /{stem}.{ext}}); two parameters must be separated by static text ({@code {a}{b}} has no
 * single meaning). A catch-all is a whole, last segment. Parsing happens once, at route definition; the rules are
 * strict so that a typo fails at startup instead of silently never matching.
 *
 * @param text   the pattern as written
 * @param tokens static text and parameters, in order
 * @param names  the parameter names, in order
 */
public record PathPattern(String text, List<Token> tokens, List<String> names) {

    /** A piece of a pattern. */
    public sealed interface Token permits Static, Param, CatchAll {
    }

    /** Literal text, slashes included. */
    public record Static(String text) implements Token {
    }

    /** {@code {name}}: a non-empty part of one segment (the whole segment unless text is beside it). */
    public record Param(String name) implements Token {
    }

    /** {@code {*name}}: the rest of the path, at least one character. */
    public record CatchAll(String name) implements Token {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the pattern and what is wrong with it
     */
    public static PathPattern parse(String text) {
        if (text == null || text.isEmpty() || text.charAt(0) != '/') {
            throw bad(text, "must start with '/'");
        }
        List<Token> tokens = new ArrayList<>();
        List<String> names = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '}') {
                throw bad(text, "unmatched '}' at index " + i);
            }
            if (c != '{') {
                if (c == '?' || c == '#') {
                    throw bad(text, "'" + c + "' cannot appear in a path pattern");
                }
                literal.append(c);
                i++;
                continue;
            }
            int close = text.indexOf('}', i);
            if (close < 0) {
                throw bad(text, "unclosed '{' at index " + i);
            }
            boolean catchAll = close > i + 1 && text.charAt(i + 1) == '*';
            if (catchAll && text.charAt(i - 1) != '/') {
                throw bad(text, "a catch-all must be a whole segment (preceded by '/')");
            }
            if (text.charAt(i - 1) == '}') {
                throw bad(text, "two parameters side by side ('}{' at index " + i
                        + ") cannot be told apart; put static text between them");
            }
            String name = text.substring(i + (catchAll ? 2 : 1), close);
            if (!isIdentifier(name)) {
                throw bad(text, "parameter name '" + name + "' is not an identifier");
            }
            if (names.contains(name)) {
                throw bad(text, "parameter '" + name + "' appears twice");
            }
            int after = close + 1;
            if (catchAll && after != text.length()) {
                throw bad(text, "the catch-all {*" + name + "} must be the last segment");
            }
            if (!literal.isEmpty()) {
                tokens.add(new Static(literal.toString()));
                literal.setLength(0);
            }
            tokens.add(catchAll ? new CatchAll(name) : new Param(name));
            names.add(name);
            i = after;
        }
        if (!literal.isEmpty()) {
            tokens.add(new Static(literal.toString()));
        }
        if (text.contains("//")) {
            throw bad(text, "empty segment '//'");
        }
        return new PathPattern(text, List.copyOf(tokens), List.copyOf(names));
    }

    /** True when the pattern ends with a catch-all. */
    public boolean hasCatchAll() {
        return !tokens.isEmpty() && tokens.getLast() instanceof CatchAll;
    }

    private static boolean isIdentifier(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i)) && s.charAt(i) != '-') {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("invalid route pattern '" + text + "': " + why);
    }
}
