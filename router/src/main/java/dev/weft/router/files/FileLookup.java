package dev.weft.router.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Finds the file a request names and opens it: the blocking half of serving a file, run on a
 * virtual thread. Every candidate's real path (symbolic links followed) must lie under the real
 * root, so a link that points outside answers 404 like a missing file.
 */
final class FileLookup {
    /** What the lookup found. */
    sealed interface Result {
    }

    /** Nothing to serve: 404. */
    record NotFound() implements Result {
    }

    /** A directory with an index asked without its trailing slash: redirect so relative links work. */
    record AddSlash() implements Result {
    }

    /**
     * An open file.
     *
     * @param channel     the open file, owned by whoever answers
     * @param size        its size
     * @param validators  its ETag and Last-Modified
     * @param contentType the content type of the file asked for (not of its compressed sibling)
     * @param encoding    {@code br} or {@code gzip} for a precompressed sibling, else null
     */
    record Found(FileChannel channel, long size, Validators validators, String contentType, String encoding)
            implements Result {
    }

    static final NotFound NOT_FOUND = new NotFound();

    private FileLookup() {
    }

    /**
     * Looks {@code candidate} up under {@code realRoot}.
     *
     * @param candidate  the path asked for, already checked by {@link SafePath}
     * @param slash      whether the request path ended with '/'
     * @param indexes    index file names tried in a directory, in order
     * @param encodings  acceptable precompressed codings, best first (empty: serve as is)
     */
    static Result find(Path realRoot, Path candidate, boolean slash, List<String> indexes, List<String> encodings)
            throws IOException {
        Path real = realUnder(realRoot, candidate);
        if (real == null) {
            return NOT_FOUND;
        }
        BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
        if (attrs.isDirectory()) {
            for (String index : indexes) {
                Path file = realUnder(realRoot, real.resolve(index));
                if (file != null && Files.isRegularFile(file)) {
                    return slash ? open(realRoot, file, encodings) : new AddSlash();
                }
            }
            return NOT_FOUND;
        }
        if (!attrs.isRegularFile() || slash) {
            return NOT_FOUND;
        }
        return open(realRoot, real, encodings);
    }

    private static Result open(Path realRoot, Path file, List<String> encodings) throws IOException {
        String name = file.getFileName().toString();
        String contentType = MimeTypes.of(name);
        for (String encoding : encodings) {
            Path sibling = realUnder(realRoot, file.resolveSibling(name + (encoding.equals("br") ? ".br" : ".gz")));
            if (sibling != null) {
                Result r = openRegular(sibling, contentType, encoding);
                if (r instanceof Found) {
                    return r;
                }
            }
        }
        return openRegular(file, contentType, null);
    }

    private static Result openRegular(Path file, String contentType, String encoding) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException | SecurityException e) {
            return NOT_FOUND;
        }
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                ch.close();
                return NOT_FOUND;
            }
            long size = ch.size();
            Validators v = Validators.of(size, a.lastModifiedTime().toInstant(), encoding == null ? "" : "-" + encoding);
            return new Found(ch, size, v, contentType, encoding);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The real path of {@code p} when it exists and lies under {@code realRoot}; else null. */
    static Path realUnder(Path realRoot, Path p) {
        try {
            Path real = p.toRealPath();
            return real.startsWith(realRoot) ? real : null;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** The real path of the root a service serves, checked once when the service is built. */
    static Path realRoot(Path root) {
        try {
            return root.toRealPath(LinkOption.values());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serve " + root + ": " + e.getMessage(), e);
        }
    }
}
