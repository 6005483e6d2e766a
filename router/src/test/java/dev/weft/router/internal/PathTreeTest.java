package dev.weft.router.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PathTreeTest {

    private final PathTree<String> tree = new PathTree<>();

    private void add(String... patterns) {
        for (String p : patterns) {
            tree.putIfAbsent(PathPattern.parse(p), p);
        }
    }

    /** The matched pattern followed by the captured parameters. */
    private List<String> find(String path) {
        int[] params = new int[2 * Math.max(1, tree.maxParams())];
        String found = tree.find(path, params);
        if (found == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        out.add(found);
        for (int i = 0; i < PathPattern.parse(found).names().size(); i++) {
            out.add(path.substring(params[2 * i], params[2 * i + 1]));
        }
        return out;
    }

    @Test
    void staticRoutesShareCompressedPrefixes() {
        add("/", "/users", "/users/me", "/user", "/usage", "/u");
        assertEquals(List.of("/"), find("/"));
        assertEquals(List.of("/users"), find("/users"));
        assertEquals(List.of("/users/me"), find("/users/me"));
        assertEquals(List.of("/user"), find("/user"));
        assertEquals(List.of("/usage"), find("/usage"));
        assertEquals(List.of("/u"), find("/u"));
        assertNull(find("/us"));
        assertNull(find("/users/"));
        assertNull(find("/users/me/"));
        assertNull(find(""));
    }

    @Test
    void parametersCaptureOneSegment() {
        add("/users/{id}", "/users/{id}/posts/{post}");
        assertEquals(List.of("/users/{id}", "42"), find("/users/42"));
        assertEquals(List.of("/users/{id}/posts/{post}", "42", "7"), find("/users/42/posts/7"));
        assertNull(find("/users/"));
        assertNull(find("/users/42/posts"));
        assertNull(find("/users/42/posts/7/x"));
    }

    @Test
    void staticBeatsParameterBeatsCatchAll() {
        add("/files/index", "/files/{name}", "/files/{*path}");
        assertEquals(List.of("/files/index"), find("/files/index"));
        assertEquals(List.of("/files/{name}", "a.txt"), find("/files/a.txt"));
        assertEquals(List.of("/files/{*path}", "a/b/c.txt"), find("/files/a/b/c.txt"));
        assertNull(find("/files/"), "a catch-all needs at least one character");
    }

    @Test
    void aParameterWithASuffixTakesTheShortestRunAfterWhichTheSuffixMatches() {
        add("/files/{name}.json", "/files/{name}", "/files/{name}.tar.gz");
        assertEquals(List.of("/files/{name}.json", "report"), find("/files/report.json"));
        assertEquals(List.of("/files/{name}.json", "a.b"), find("/files/a.b.json"));
        assertEquals(List.of("/files/{name}.tar.gz", "src"), find("/files/src.tar.gz"));
        assertEquals(List.of("/files/{name}", "report.xml"), find("/files/report.xml"));
        assertEquals(List.of("/files/{name}", "report.jsonx"), find("/files/report.jsonx"));
        assertEquals(List.of("/files/{name}", ".json"), find("/files/.json"), "the parameter is never empty");
    }

    @Test
    void aParameterWithAPrefixAndTwoParametersInOneSegment() {
        add("/v{version}/items", "/values", "/{stem}.{ext}", "/{stem}");
        assertEquals(List.of("/v{version}/items", "2"), find("/v2/items"));
        assertEquals(List.of("/values"), find("/values"));
        assertEquals(List.of("/{stem}.{ext}", "photo", "jpeg"), find("/photo.jpeg"));
        assertEquals(List.of("/{stem}.{ext}", "a", "b.c"), find("/a.b.c"));
        assertEquals(List.of("/{stem}", "v2"), find("/v2"));
        assertNull(find("/v/items"), "the parameter is never empty");
        assertNull(find("/v2/items/x"));
    }

    @Test
    void inSegmentParametersConflictLikeWholeSegmentOnes() {
        add("/files/{name}.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> add("/files/{id}.xml"));
        assertEquals("route '/files/{id}.xml' conflicts with route '/files/{name}.json': parameters {id} and "
                + "{name} at the same position", e.getMessage());
        add("/files/{name}.json");
        assertEquals(List.of("/files/{name}.json", "a"), find("/files/a.json"));
    }

    @Test
    void backtracksFromAStaticDeadEnd() {
        add("/users/me", "/users/{id}/posts");
        assertEquals(List.of("/users/{id}/posts", "me"), find("/users/me/posts"));
        assertEquals(List.of("/users/me"), find("/users/me"));
        assertEquals(List.of("/users/{id}/posts", "mel"), find("/users/mel/posts"));
    }

    @Test
    void rootCatchAll() {
        add("/{*path}", "/health");
        assertEquals(List.of("/health"), find("/health"));
        assertEquals(List.of("/{*path}", "x/y"), find("/x/y"));
        assertNull(find("/"));
    }

    @Test
    void splittingANodeKeepsItsParameterChild() {
        add("/users/{id}");
        add("/us");
        add("/users-old");
        assertEquals(List.of("/users/{id}", "3"), find("/users/3"));
        assertEquals(List.of("/us"), find("/us"));
        assertEquals(List.of("/users-old"), find("/users-old"));
    }

    @Test
    void sameShapeReturnsTheExistingValue() {
        tree.putIfAbsent(PathPattern.parse("/a/{x}"), "first");
        assertEquals("first", tree.putIfAbsent(PathPattern.parse("/a/{x}"), "second"));
    }

    @Test
    void differentParameterNamesAtOnePositionConflict() {
        add("/users/{id}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> add("/users/{name}/posts"));
        assertEquals("route '/users/{name}/posts' conflicts with route '/users/{id}': parameters {name} "
                + "and {id} at the same position", e.getMessage());
    }

    @Test
    void catchAllNamesConflict() {
        add("/f/{*a}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> add("/f/{*b}"));
        assertTrue(e.getMessage().contains("'/f/{*b}' conflicts with route '/f/{*a}'"), e.getMessage());
    }

    @Test
    void manyRoutes() {
        for (int i = 0; i < 50; i++) {
            add("/api/v1/resource" + i + "/{id}");
            add("/api/v1/resource" + i);
        }
        assertEquals(List.of("/api/v1/resource17/{id}", "x"), find("/api/v1/resource17/x"));
        assertEquals(List.of("/api/v1/resource1"), find("/api/v1/resource1"));
        assertEquals(List.of("/api/v1/resource49"), find("/api/v1/resource49"));
        assertNull(find("/api/v1/resource50"));
    }
}
