package dev.weft.router.files;

import static dev.weft.router.extract.Extractors.path;
import static dev.weft.router.extract.Extractors.request;

import dev.weft.http.HttpStatus;
import dev.weft.router.Problem;
import dev.weft.router.Router;
import dev.weft.router.internal.Blocking;
import dev.weft.runtime.Async;
import dev.weft.server.Request;
import dev.weft.server.Response;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Serves the files under a directory: {@code GET} and {@code HEAD}, with the content type by
 * extension, {@code ETag} and {@code Last-Modified}, conditional requests ({@code If-None-Match},
 * {@code If-Modified-Since} → 304; {@code If-Match}, {@code If-Unmodified-Since} → 412), byte
 * ranges ({@code Range}, {@code If-Range}; several ranges as {@code multipart/byteranges}; 416
 * when none is satisfiable), index files, and optionally precompressed {@code .br} / {@code .gz}
 * siblings chosen by {@code Accept-Encoding}. File bodies go from the file to the socket in the
 * kernel where the connection allows; looking a file up and opening it runs on a virtual thread,
 * never on a runtime worker.
 *
 * <p>Never outside its root: a path with a {@code ..} or {@code .} segment (also percent-encoded),
 * an encoded separator ({@code %2f}, {@code %5c}), a backslash, a NUL, an empty segment (an
 * absolute path) or a symbolic link leading outside the root answers 404, as does a directory
 * without an index file (there is no listing).
 *
 * <pre>{@code
 * Router app = Router.create()
 *         .nest("/static", ServeDir.of(Path.of("public")).precompressed().router());
 * // or inside a route of your own:
 * ServeDir docs = ServeDir.of(Path.of("docs"));
 * router.get("/docs/{*path}", request(), path("path"), (req, p) -> docs.serve(req, p));
 * }</pre>
 *
 * <p>Immutable; each option returns a new instance. Thread-safe.
 */
public final class ServeDir {
    private final Path root;
    private final List<String> indexes;
    private final boolean precompressed;

    private ServeDir(Path root, List<String> indexes, boolean precompressed) {
        this.root = root;
        this.indexes = indexes;
        this.precompressed = precompressed;
    }

    /**
     * Serves the files under {@code root}, with {@code index.html} as the index file.
     *
     * @throws IllegalArgumentException when {@code root} does not exist
     */
    public static ServeDir of(Path root) {
        return new ServeDir(FileLookup.realRoot(Objects.requireNonNull(root, "root")), List.of("index.html"), false);
    }

    /** The index file names tried, in order, for a request naming a directory (none: directories answer 404). */
    public ServeDir index(String... names) {
        for (String n : names) {
            if (n.isEmpty() || n.contains("/") || n.contains("\\") || n.equals("..") || n.equals(".")) {
                throw new IllegalArgumentException("an index is a file name: '" + n + "'");
            }
        }
        return new ServeDir(root, List.of(names), precompressed);
    }

    /**
     * Serves {@code name.br} or {@code name.gz}, when it exists beside {@code name} and the
     * request accepts that coding, with {@code Content-Encoding} and the original's content type;
     * every answer then carries {@code Vary: Accept-Encoding}.
     */
    public ServeDir precompressed() {
        return new ServeDir(root, indexes, true);
    }

    /** A router answering {@code GET} (and so {@code HEAD}) at {@code /} and {@code /{*path}}: nest it. */
    public Router router() {
        return Router.create()
                .get("/", request(), req -> serve(req, ""))
                .get("/{*path}", request(), path("path"), this::serve);
    }

    /**
     * Answers {@code request} with the file at {@code relativePath} (percent-decoded, '/'-separated,
     * as a catch-all path parameter gives it) under the root.
     */
    public Async<Response> serve(Request request, String relativePath) {
        if (SafePath.hasEncodedSeparator(request.path())) {
            return Async.ready(notFound());
        }
        Path candidate = SafePath.resolve(root, relativePath);
        if (candidate == null) {
            return Async.ready(notFound());
        }
        boolean slash = relativePath.isEmpty() || relativePath.endsWith("/");
        List<String> encodings = precompressed
                ? AcceptEncoding.precompressed(request.headers().getAll("Accept-Encoding"))
                : List.of();
        Async<Object> lookup = Blocking.call(this, () -> FileLookup.find(root, candidate, slash, indexes, encodings));
        return lookup.map(found -> switch ((FileLookup.Result) found) {
            case FileLookup.Found f -> FileAnswer.answer(request, f, precompressed);
            case FileLookup.AddSlash a -> {
                String location = request.path() + "/" + (request.query() == null ? "" : "?" + request.query());
                yield Response.builder(HttpStatus.MOVED_PERMANENTLY).header("Location", location).build();
            }
            case FileLookup.NotFound n -> notFound();
        });
    }

    static Response notFound() {
        return Problem.of(HttpStatus.NOT_FOUND).detail("no such file").toResponse();
    }

    @Override
    public String toString() {
        return "ServeDir[" + root + "]";
    }
}
