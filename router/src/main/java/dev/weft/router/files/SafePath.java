package dev.weft.router.files;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The first gate between a request path and the file system: a decoded relative path becomes a
 * path under the root only when no segment can step outside it. The second gate, after the file
 * is found, is {@link FileLookup}'s check of the real path (symbolic links).
 */
final class SafePath {
    private SafePath() {
    }

    /**
     * True when the raw (still percent-encoded) request path hides a separator or a NUL in an
     * escape: {@code %2f} would turn one segment into two after routing, {@code %5c} is a Windows
     * separator, {@code %00} ends a C string. Such paths are refused outright.
     */
    static boolean hasEncodedSeparator(String rawPath) {
        String p = rawPath.toLowerCase(Locale.ROOT);
        return p.contains("%2f") || p.contains("%5c") || p.contains("%00");
    }

    /**
     * {@code relative} resolved under {@code root}, or null when any segment is empty, {@code .}
     * or {@code ..}, or holds a backslash, a NUL, a colon (a Windows drive) or a control character.
     * The empty path is the root itself.
     */
    static Path resolve(Path root, String relative) {
        if (relative.isEmpty()) {
            return root;
        }
        String rel = relative.endsWith("/") ? relative.substring(0, relative.length() - 1) : relative;
        Path p = root;
        int start = 0;
        while (start <= rel.length()) {
            int slash = rel.indexOf('/', start);
            int end = slash < 0 ? rel.length() : slash;
            String segment = rel.substring(start, end);
            if (!allowed(segment)) {
                return null;
            }
            p = p.resolve(segment);
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        return p.normalize().startsWith(root) ? p : null;
    }

    private static boolean allowed(String segment) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\\' || c == ':' || c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
