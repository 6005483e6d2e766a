package dev.weft.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rules the package documentation states, checked on the compiled main classes: what each
 * package of the module may refer to, and what the module exports. A class that breaks them
 * compiles fine, so only a test notices.
 */
class PackageRulesTest {
    private static final String HTTP = "dev/weft/http/";
    private static final String CODEC = "dev/weft/codec/";
    private static final String INTERNAL = "dev/weft/codec/internal/";
    private static final String WEBSOCKET = "dev/weft/codec/websocket/";
    /** A class name inside a descriptor or signature, e.g. {@code Ldev/weft/http/HttpHeaders;}. */
    private static final Pattern DESCRIBED = Pattern.compile("L([\\w/$]+)[;<]");

    @Test
    @DisplayName("dev.weft.http uses the JDK and dev.weft.codec.internal only, never the codec")
    void httpTypesDoNotUseTheCodec() throws IOException {
        assertEquals(Map.of(), violations(HTTP, Set.of(HTTP, INTERNAL)));
    }

    @Test
    @DisplayName("dev.weft.codec.internal uses the JDK and dev.weft.http only")
    void internalDoesNotUseTheCodec() throws IOException {
        assertEquals(Map.of(), violations(INTERNAL, Set.of(INTERNAL, HTTP)));
    }

    @Test
    @DisplayName("dev.weft.codec uses the JDK, dev.weft.http and dev.weft.codec.internal only")
    void codecUsesNothingOutsideTheModule() throws IOException {
        assertEquals(Map.of(), violations(CODEC, Set.of(CODEC, INTERNAL, HTTP)));
    }

    @Test
    @DisplayName("dev.weft.codec.websocket uses the JDK only")
    void websocketUsesOnlyTheJdk() throws IOException {
        assertEquals(Map.of(), violations(WEBSOCKET, Set.of(WEBSOCKET)));
    }

    @Test
    @DisplayName("the module exports the HTTP types and the codec, not the internals")
    void exports() {
        Module module = HttpHeaders.class.getModule();
        assertTrue(module.isNamed(), "tests run inside the module");
        Set<String> exported = new TreeSet<>();
        module.getDescriptor().exports().forEach(e -> {
            assertTrue(e.targets().isEmpty(), "unqualified export: " + e);
            exported.add(e.source());
        });
        assertEquals(Set.of("dev.weft.codec", "dev.weft.codec.websocket", "dev.weft.http"), exported);
        assertEquals(Set.of("dev.weft.codec", "dev.weft.codec.internal", "dev.weft.codec.websocket", "dev.weft.http"),
                mainPackages());
    }

    /**
     * For each main class directly in package {@code pkg}, the classes it refers to outside the
     * JDK and {@code allowed}; only classes that break the rule are listed.
     */
    private static Map<String, Set<String>> violations(String pkg, Set<String> allowed) throws IOException {
        Map<String, Set<String>> found = new TreeMap<>();
        int checked = 0;
        for (Path file : mainClasses()) {
            ClassModel model = ClassFile.of().parse(Files.readAllBytes(file));
            String name = model.thisClass().asInternalName();
            if (!packageOf(name).equals(pkg)) continue;
            checked++;
            Set<String> bad = new TreeSet<>();
            for (String used : referencedClasses(model)) {
                if (used.startsWith("java/")) continue;
                if (!allowed.contains(packageOf(used))) bad.add(used);
            }
            if (!bad.isEmpty()) found.put(name, bad);
        }
        assertTrue(checked > 0, "no main classes found in " + pkg);
        return found;
    }

    /** Every class named in the constant pool: as a class, or inside a descriptor or signature. */
    private static Set<String> referencedClasses(ClassModel model) {
        Set<String> names = new TreeSet<>();
        for (PoolEntry entry : model.constantPool()) {
            if (entry instanceof ClassEntry c) {
                String n = c.asInternalName();
                if (n.startsWith("[")) {
                    Matcher m = DESCRIBED.matcher(n);
                    while (m.find()) names.add(m.group(1));
                } else {
                    names.add(n);
                }
            } else if (entry instanceof Utf8Entry u) {
                Matcher m = DESCRIBED.matcher(u.stringValue());
                while (m.find()) names.add(m.group(1));
            }
        }
        return names;
    }

    /** The package of an internal class name, with its trailing '/'. */
    private static String packageOf(String internalName) {
        return internalName.substring(0, internalName.lastIndexOf('/') + 1);
    }

    private static Set<String> mainPackages() {
        Set<String> packages = new TreeSet<>();
        for (Path file : mainClasses()) {
            String rel = mainRoot().relativize(file).toString().replace('\\', '/');
            if (rel.contains("/")) packages.add(rel.substring(0, rel.lastIndexOf('/')).replace('/', '.'));
        }
        return packages;
    }

    /** The .class files of the main code: the directory or jar the module was loaded from. */
    private static List<Path> mainClasses() {
        try (Stream<Path> files = Files.walk(mainRoot())) {
            List<Path> classes = new ArrayList<>();
            files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().equals("module-info.class"))
                    .forEach(classes::add);
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path mainRoot() {
        Path path;
        try {
            path = Path.of(HttpHeaders.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isDirectory(path)) return path;
        // A packaged module: read the jar in place.
        try {
            FileSystem jar = FileSystems.newFileSystem(path);
            return jar.getPath("/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
