package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.MethodTypeEntry;
import java.lang.classfile.constantpool.NameAndTypeEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The architecture, checked on the compiled classes so that a change that breaks it fails the
 * build: the http types and the codec depend on the JDK alone, the runtime on SLF4J alone, the
 * server on those two, Reactive Streams, {@code sun.misc.Signal} (for signal handling) and the
 * JDK's {@code javax.net.ssl} (for TLS), the
 * router on the server and Jackson, the metrics on the router and Micrometer (and no module
 * below it knows Micrometer); nothing reaches
 * into another module's {@code internal} packages, and every {@code module-info} requires and
 * exports exactly what this says. Every type a class names (in its constant pool and in its
 * field and method descriptors) counts, not just its imports.
 */
@Tag("transport-independent")
class LayeringTest {

    /** A module of the project: a class in it (to find its classes), and what it may use. */
    private record Layer(String module, Class<?> anchor, Set<String> ownPackages, Set<String> mayUse,
                         Set<String> requires, Set<String> exports) {
    }

    private static final Set<String> JDK = Set.of("java.");

    private static final List<Layer> LAYERS = List.of(
            new Layer("dev.weft.codec", dev.weft.codec.RequestDecoder.class,
                    Set.of("dev.weft.codec", "dev.weft.http"),
                    Set.of(),
                    Set.of(),
                    Set.of("dev.weft.codec", "dev.weft.codec.websocket", "dev.weft.http")),
            new Layer("dev.weft.runtime", dev.weft.runtime.AsyncRuntime.class,
                    Set.of("dev.weft.runtime"),
                    Set.of("org.slf4j."),
                    Set.of("org.slf4j"),
                    Set.of("dev.weft.runtime", "dev.weft.runtime.time", "dev.weft.runtime.net", "dev.weft.runtime.sync")),
            new Layer("dev.weft.server", dev.weft.server.Server.class,
                    Set.of("dev.weft.server"),
                    Set.of("org.slf4j.", "org.reactivestreams.", "dev.weft.runtime.", "dev.weft.codec.", "dev.weft.http.",
                            "sun.misc.Signal", "javax.net.ssl.", "javax.security.auth.x500."),
                    Set.of("org.slf4j", "org.reactivestreams", "dev.weft.runtime", "dev.weft.codec", "jdk.unsupported"),
                    Set.of("dev.weft.server", "dev.weft.server.tls", "dev.weft.server.websocket")),
            new Layer("dev.weft.router", dev.weft.router.Router.class,
                    Set.of("dev.weft.router"),
                    Set.of("org.slf4j.", "org.reactivestreams.", "dev.weft.runtime.", "dev.weft.codec.",
                            "dev.weft.http.", "dev.weft.server.", "tools.jackson."),
                    Set.of("org.slf4j", "dev.weft.server", "tools.jackson.databind"),
                    Set.of("dev.weft.router", "dev.weft.router.debug", "dev.weft.router.decompression",
                            "dev.weft.router.extract", "dev.weft.router.files", "dev.weft.router.health",
                            "dev.weft.router.middleware", "dev.weft.router.multipart",
                            "dev.weft.router.sse", "dev.weft.router.test", "dev.weft.router.websocket")),
            new Layer("dev.weft.metrics", dev.weft.metrics.PrometheusMetrics.class,
                    Set.of("dev.weft.metrics"),
                    Set.of("org.reactivestreams.", "dev.weft.runtime.", "dev.weft.codec.", "dev.weft.http.",
                            "dev.weft.server.", "dev.weft.router.", "io.micrometer.",
                            // the poll-time histogram: buckets counted by the runtime, which no
                            // Micrometer meter takes, go to the registry as a Prometheus collector
                            "io.prometheus.metrics.model."),
                    Set.of("dev.weft.router", "micrometer.core", "micrometer.registry.prometheus",
                            "io.prometheus.metrics.model"),
                    Set.of("dev.weft.metrics")));

    @Test
    void everyModuleUsesOnlyWhatItsLayerMay() {
        List<String> violations = new ArrayList<>();
        for (Layer layer : LAYERS) {
            Set<String> classes = new TreeSet<>();
            forEachReference(layer, (from, to) -> {
                classes.add(from);
                String pkg = packageOf(to);
                boolean allowed = JDK.stream().anyMatch(to::startsWith)
                        || layer.ownPackages().stream().anyMatch(own -> pkg.equals(own) || pkg.startsWith(own + "."))
                        || layer.mayUse().stream().anyMatch(to::startsWith);
                if (!allowed) {
                    violations.add(layer.module() + ": " + from + " uses " + to);
                } else if (pkg.contains(".internal") && layer.ownPackages().stream()
                        .noneMatch(own -> pkg.equals(own + ".internal") || pkg.startsWith(own + ".internal."))) {
                    violations.add(layer.module() + ": " + from + " reaches into another module's internals: " + to);
                }
            });
            // An empty or wrong location would pass vacuously.
            assertTrue(classes.contains(layer.anchor().getName()), layer.module() + ": its classes were not read");
        }
        assertTrue(violations.isEmpty(), () -> violations.size() + " references break the layering:\n"
                + violations.stream().distinct().sorted().collect(Collectors.joining("\n")));
    }

    /** The applications on top (the examples, these tests) use the modules' API, never their insides. */
    @Test
    void applicationsUseNoModulesInternals() {
        List<String> violations = new ArrayList<>();
        Layer[] apps = {
            new Layer("examples", dev.weft.examples.Main.class, Set.of("dev.weft.examples"), Set.of(), Set.of(), Set.of()),
            new Layer("integration tests", LayeringTest.class, Set.of("dev.weft.it"), Set.of(), Set.of(), Set.of())};
        for (Layer app : apps) {
            forEachReference(app, (from, to) -> {
                if (to.startsWith("dev.weft.") && packageOf(to).contains(".internal")) {
                    violations.add(app.module() + ": " + from + " reaches into " + to);
                }
            });
        }
        assertTrue(violations.isEmpty(), () -> String.join("\n", violations));
    }

    @Test
    void everyModuleInfoRequiresAndExportsExactlyItsLayer() {
        for (Layer layer : LAYERS) {
            ModuleDescriptor d = ModuleFinder.of(location(layer.anchor())).findAll().iterator().next().descriptor();
            assertEquals(layer.module(), d.name());
            Set<String> requires = d.requires().stream().map(ModuleDescriptor.Requires::name)
                    .filter(n -> !n.equals("java.base")).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(layer.requires()), requires, d.name() + " requires");
            Set<String> exports = d.exports().stream().map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(layer.exports()), exports, d.name() + " exports");
            assertTrue(exports.stream().noneMatch(p -> p.contains("internal")), d.name() + " exports an internal package");
        }
    }

    /** Calls {@code sink(fromClass, referencedClass)} for every type every class of the layer names. */
    private static void forEachReference(Layer layer, BiConsumer<String, String> sink) {
        Path root = location(layer.anchor());
        try (FileSystem jar = Files.isDirectory(root) ? null : FileSystems.newFileSystem(root);
             Stream<Path> files = Files.walk(jar == null ? root : jar.getPath("/"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.toString();
                if (!name.endsWith(".class") || name.endsWith("module-info.class")) {
                    continue;
                }
                ClassModel model = ClassFile.of().parse(Files.readAllBytes(file));
                String from = model.thisClass().asInternalName().replace('/', '.');
                for (String to : referencedTypes(model)) {
                    sink.accept(from, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> referencedTypes(ClassModel model) {
        Set<String> types = new TreeSet<>();
        for (PoolEntry e : model.constantPool()) {
            if (e instanceof ClassEntry c) {
                addDescriptor(types, c.asSymbol());
            } else if (e instanceof NameAndTypeEntry nt) {
                addDescriptorString(types, nt.type().stringValue());
            } else if (e instanceof MethodTypeEntry mt) {
                addDescriptorString(types, mt.descriptor().stringValue());
            }
        }
        model.fields().forEach(f -> addDescriptor(types, f.fieldTypeSymbol()));
        model.methods().forEach(m -> addDescriptorString(types, m.methodType().stringValue()));
        return types;
    }

    private static void addDescriptorString(Set<String> types, String descriptor) {
        if (descriptor.startsWith("(")) {
            MethodTypeDesc m = MethodTypeDesc.ofDescriptor(descriptor);
            addDescriptor(types, m.returnType());
            m.parameterList().forEach(p -> addDescriptor(types, p));
        } else {
            addDescriptor(types, ClassDesc.ofDescriptor(descriptor));
        }
    }

    private static void addDescriptor(Set<String> types, ClassDesc d) {
        while (d.isArray()) {
            d = d.componentType();
        }
        if (d.isClassOrInterface()) {
            String pkg = d.packageName();
            types.add(pkg.isEmpty() ? d.displayName() : pkg + "." + d.displayName());
        }
    }

    private static String packageOf(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? "" : type.substring(0, dot);
    }

    /** The jar or class folder a class was loaded from. */
    private static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
