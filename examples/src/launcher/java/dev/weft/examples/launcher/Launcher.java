package dev.weft.examples.launcher;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The {@code Main-Class} of {@code weft-examples.jar}: checks the Java version, then runs
 * {@code dev.weft.examples.Main}. It is compiled for Java 8 (a source set of its own, see the
 * examples' pom) because the rest of the jar is Java 25 bytecode: on an older JVM, loading
 * {@code Main} directly dies with an {@code UnsupportedClassVersionError} and a stack trace;
 * this prints one line instead:
 * <pre>
 * Weft needs Java 25 or newer, but this is Java 17 (17.0.13, /usr/lib/jvm/java-17-openjdk-amd64): run it with a JDK 25 java
 * </pre>
 * and exits with status 1. Only {@code java.*} classes of Java 8 are used here.
 */
public final class Launcher {

    /** The Java feature release the rest of the jar is compiled for. */
    static final int REQUIRED = 25;

    private static final String MAIN = "dev.weft.examples.Main";

    private Launcher() {
    }

    /**
     * Runs the examples' {@code Main} with {@code args}, or says which Java is needed.
     *
     * @param args the command line, passed on as is
     * @throws Throwable whatever {@code Main} throws
     */
    public static void main(String[] args) throws Throwable {
        String spec = System.getProperty("java.specification.version", "?");
        if (feature(spec) < REQUIRED) {
            System.err.println("Weft needs Java " + REQUIRED + " or newer, but this is Java " + spec + " ("
                    + System.getProperty("java.version") + ", " + System.getProperty("java.home")
                    + "): run it with a JDK " + REQUIRED + " java");
            System.exit(1);
            return;
        }
        Method main = Class.forName(MAIN).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The feature release of {@code java.specification.version}: "1.8" is 8, "17" is 17; unknown is 0. */
    static int feature(String spec) {
        String s = spec.startsWith("1.") ? spec.substring(2) : spec;
        int dot = s.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? s : s.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
