package dev.weft.router.internal;

import java.util.Arrays;

/**
 * A radix tree from path patterns to values. Static text is stored compressed (a node holds the
 * longest prefix its children share); a node may also have one {@code {param}} child and one
 * {@code {*catchAll}} child. Lookup walks the request path once, comparing characters in place:
 * no substring, no regex, no allocation. Parameter positions are written as (start, end) pairs
 * into a caller-supplied array, so a parameter becomes a {@code String} only if an extractor asks.
 *
 * <p>Priority at each node is static, then parameter, then catch-all, with backtracking: for
 * {@code /users/me} and {@code /users/{id}/posts}, the path {@code /users/me/posts} matches the
 * second. A parameter may share its segment with static text ({@code /files/{name}.json},
 * {@code /v{version}}): it takes the shortest non-empty run of the segment after which the static
 * text beside it matches, and the whole rest of the segment last, so {@code /files/a.b.json} gives
 * {@code name = a.b} and, with both {@code /files/{name}.json} and {@code /files/{name}},
 * {@code /files/x.json} goes to the first (its static text is more specific). Conflicts (the same shape twice, or two parameter names at one position) are reported
 * with both patterns.
 *
 * <p>Not thread-safe while inserting; lookups on a tree that is no longer modified are.
 *
 * @param <V> the value stored per pattern
 */
public final class PathTree<V> {

    private final Node<V> root = new Node<>("");
    private int maxParams;

    /**
     * Returns the value stored for a pattern of the same shape, or stores {@code value}.
     *
     * @throws IllegalArgumentException if the pattern conflicts with one already in the tree
     */
    public V putIfAbsent(PathPattern pattern, V value) {
        Node<V> node = root;
        for (PathPattern.Token token : pattern.tokens()) {
            // instanceof rather than a pattern switch, whose bootstrap generates a class at startup.
            if (token instanceof PathPattern.Static s) {
                node = insertStatic(node, s.text());
            } else if (token instanceof PathPattern.Param p) {
                if (node.param == null) {
                    node.param = new Node<>("");
                    node.paramName = p.name();
                    node.paramOwner = pattern.text();
                } else if (!node.paramName.equals(p.name())) {
                    throw conflict(pattern.text(), node.paramOwner,
                            "parameters {" + p.name() + "} and {" + node.paramName + "} at the same position");
                }
                node = node.param;
            } else if (token instanceof PathPattern.CatchAll c) {
                if (node.catchAll == null) {
                    node.catchAll = new Node<>("");
                    node.catchAllName = c.name();
                    node.catchAllOwner = pattern.text();
                } else if (!node.catchAllName.equals(c.name())) {
                    throw conflict(pattern.text(), node.catchAllOwner,
                            "catch-alls {*" + c.name() + "} and {*" + node.catchAllName + "} at the same position");
                }
                node = node.catchAll;
            }
        }
        if (node.value != null) {
            return node.value;
        }
        node.value = value;
        maxParams = Math.max(maxParams, pattern.names().size());
        return value;
    }

    /** The most parameters any pattern has: size the lookup array {@code 2 * maxParams()}. */
    public int maxParams() {
        return maxParams;
    }

    /**
     * Finds the value for {@code path}.
     *
     * @param params receives (start, end) offsets into {@code path} of each parameter, in pattern order
     * @return the value, or {@code null} when nothing matches
     */
    public V find(String path, int[] params) {
        if (path.isEmpty() || !path.startsWith(root.prefix)) {
            return null;
        }
        Node<V> node = match(root, path, root.prefix.length(), params, 0);
        return node == null ? null : node.value;
    }

    private static <V> Node<V> match(Node<V> n, String path, int pos, int[] params, int k) {
        int len = path.length();
        if (pos == len) {
            return n.value != null ? n : null;
        }
        char c = path.charAt(pos);
        char[] indices = n.indices;
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] == c) {
                Node<V> child = n.children[i];
                if (path.startsWith(child.prefix, pos)) {
                    Node<V> found = match(child, path, pos + child.prefix.length(), params, k);
                    if (found != null) {
                        return found;
                    }
                }
                break;
            }
        }
        if (n.param != null) {
            Node<V> p = n.param;
            int end = path.indexOf('/', pos);
            if (end < 0) {
                end = len;
            }
            // Inside the segment: only where a static child of the parameter begins (text after
            // the parameter in the same segment, such as ".json"); none for a whole-segment one.
            for (int e = pos + 1; e < end; e++) {
                if (indexOf(p.indices, path.charAt(e)) >= 0) {
                    params[2 * k] = pos;
                    params[2 * k + 1] = e;
                    Node<V> found = match(p, path, e, params, k + 1);
                    if (found != null) {
                        return found;
                    }
                }
            }
            if (end > pos) {
                params[2 * k] = pos;
                params[2 * k + 1] = end;
                Node<V> found = match(p, path, end, params, k + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        if (n.catchAll != null && n.catchAll.value != null) {
            params[2 * k] = pos;
            params[2 * k + 1] = len;
            return n.catchAll;
        }
        return null;
    }

    /** Descends from {@code n} along {@code s}, splitting nodes where {@code s} diverges. */
    private static <V> Node<V> insertStatic(Node<V> n, String s) {
        while (!s.isEmpty()) {
            char c = s.charAt(0);
            int i = indexOf(n.indices, c);
            if (i < 0) {
                Node<V> child = new Node<>(s);
                n.addChild(child);
                return child;
            }
            Node<V> child = n.children[i];
            int common = commonPrefix(child.prefix, s);
            if (common < child.prefix.length()) {
                Node<V> mid = new Node<>(child.prefix.substring(0, common));
                child.prefix = child.prefix.substring(common);
                mid.addChild(child);
                n.children[i] = mid;
                child = mid;
            }
            n = child;
            s = s.substring(common);
        }
        return n;
    }

    private static int indexOf(char[] chars, char c) {
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private static IllegalArgumentException conflict(String pattern, String existing, String why) {
        return new IllegalArgumentException(
                "route '" + pattern + "' conflicts with route '" + existing + "': " + why);
    }

    private static final class Node<V> {
        String prefix;
        char[] indices = new char[0];
        @SuppressWarnings({"unchecked", "rawtypes"})
        Node<V>[] children = new Node[0];
        Node<V> param;
        String paramName;
        String paramOwner;
        Node<V> catchAll;
        String catchAllName;
        String catchAllOwner;
        V value;

        Node(String prefix) {
            this.prefix = prefix;
        }

        void addChild(Node<V> child) {
            indices = Arrays.copyOf(indices, indices.length + 1);
            indices[indices.length - 1] = child.prefix.charAt(0);
            children = Arrays.copyOf(children, children.length + 1);
            children[children.length - 1] = child;
        }
    }
}
