package dev.weft.router.files;

import static dev.weft.router.extract.Extractors.request;

import dev.weft.router.Router;
import dev.weft.router.internal.Blocking;
import dev.weft.runtime.Async;
import dev.weft.server.Request;
import dev.weft.server.Response;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Serves one file, with everything {@link ServeDir} does for a file: content type, validators,
 * conditional requests, ranges, precompressed siblings and zero-copy sends.
 *
 * <pre>{@code
 * router.nest("/favicon.ico", ServeFile.of(Path.of("public/favicon.ico")).router());
 * router.get("/", request(), ServeFile.of(Path.of("public/index.html"))::serve);
 * }</pre>
 *
 * <p>Immutable; thread-safe.
 */
public final class ServeFile {
    private final Path file;
    private final boolean precompressed;

    private ServeFile(Path file, boolean precompressed) {
        this.file = file;
        this.precompressed = precompressed;
    }

    /** Serves {@code file} (which may appear later: it is looked up per request). */
    public static ServeFile of(Path file) {
        Path abs = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        if (abs.getFileName() == null) {
            throw new IllegalArgumentException("not a file: " + file);
        }
        return new ServeFile(abs, false);
    }

    /** Serves {@code file.br} or {@code file.gz} when present and accepted; see {@link ServeDir#precompressed()}. */
    public ServeFile precompressed() {
        return new ServeFile(file, true);
    }

    /** A router answering {@code GET} (and so {@code HEAD}) at {@code /}: nest it where the file belongs. */
    public Router router() {
        return Router.create().get("/", request(), this::serve);
    }

    /** Answers {@code request} with the file. */
    public Async<Response> serve(Request request) {
        List<String> encodings = precompressed
                ? AcceptEncoding.precompressed(request.headers().getAll("Accept-Encoding"))
                : List.of();
        Async<Object> lookup = Blocking.call(this, () -> {
            // The application named this file: links are followed wherever they lead.
            return FileLookup.find(file.getRoot(), file, false, List.of(), encodings);
        });
        return lookup.map(found -> found instanceof FileLookup.Found f
                ? FileAnswer.answer(request, f, precompressed)
                : ServeDir.notFound());
    }

    @Override
    public String toString() {
        return "ServeFile[" + file + "]";
    }
}
