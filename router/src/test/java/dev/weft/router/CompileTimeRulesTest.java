package dev.weft.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules the types carry, checked by compiling small programs against the router: a body
 * extractor anywhere but last, or a handler whose parameter types do not match its extractors,
 * does not compile.
 */
class CompileTimeRulesTest {

    private Path dir;

    @BeforeEach
    void createDir() throws IOException {
        dir = Files.createTempDirectory("weft-compile");
    }

    @AfterEach
    void deleteDir() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private String compile(String routes) throws IOException {
        String source = """
                import static dev.weft.router.extract.Extractors.*;
                import dev.weft.router.Router;
                class App {
                    record Todo(String title) {}
                    static Router router() {
                        return Router.create()%s;
                    }
                }
                """.formatted(routes);
        Path file = dir.resolve("App.java");
        Files.writeString(file, source);
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        StringWriter err = new StringWriter();
        int status = javac.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
                "-d", dir.toString(), "-cp", System.getProperty("java.class.path"), file.toString());
        return status == 0 ? "" : err.toString();
    }

    @Test
    void wellTypedRoutesCompile() throws IOException {
        assertEquals("", compile("""
                .get("/users/{id}", path("id", long.class), query("q", String.class), (id, q) -> id + 1 + q)
                .post("/todos/{id}", path("id", long.class), json(Todo.class), (id, todo) -> todo.title())"""));
    }

    @Test
    void aBodyExtractorThatIsNotLastDoesNotCompile() throws IOException {
        String errors = compile("""
                .post("/todos/{id}", json(Todo.class), path("id", long.class), (todo, id) -> todo.title())""");
        assertTrue(errors.contains("error"), errors);
    }

    @Test
    void twoBodyExtractorsDoNotCompile() throws IOException {
        String errors = compile(".post(\"/t\", text(), json(Todo.class), (t, todo) -> t)");
        assertTrue(errors.contains("error"), errors);
    }

    @Test
    void aHandlerParameterOfTheWrongTypeDoesNotCompile() throws IOException {
        String errors = compile(".get(\"/users/{id}\", path(\"id\", long.class), (String id) -> id)");
        assertTrue(errors.contains("error"), errors);
        String misuse = compile(".get(\"/users/{id}\", path(\"id\", long.class), id -> id.length())");
        assertTrue(misuse.contains("error"), misuse);
    }
}
