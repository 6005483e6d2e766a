package dev.weft.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

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
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = javac.run(null, null, new PrintStream(err, true, StandardCharsets.UTF_8),
                "-d", dir.toString(), "-cp", System.getProperty("java.class.path"), file.toString());
        return status == 0 ? "" : err.toString(StandardCharsets.UTF_8);
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
