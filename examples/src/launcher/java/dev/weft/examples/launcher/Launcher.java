package dev.weft.examples.launcher;

import dev.weft.examples.Main;

/**
 * The {@code Main-Class} of {@code weft-examples.jar}: checks the Java version, then runs
 * {@code dev.weft.examples.Main}. It is compiled for Java 8 (a source set of its own, see the
 * examples' pom) because the rest of the jar is Java 25 bytecode: on an older JVM, loading
 * {@code Main} directly dies with an {@code UnsupportedClassVersionError} and a stack trace;
 * this prints one line instead:
 * <pre>
 * Weft needs Java 25 or newer, but this is Java 17 (17.0.13, /usr/lib/jvm/java-17-openjdk-amd64): run it with a JDK 25 java
 * </pre>
 * and exits with status 1. Only {@code java.*} classes of Java 8 are used here, besides the call
 * to {@code Main} once the version is known to be new enough.
 */
public final class Launcher {

    /** The Java feature release the rest of the jar is compiled for. */
    static final int REQUIRED = 25;

    private Launcher() {
    }

    /**
     * Runs the examples' {@code Main} with {@code args}, or says which Java is needed.
     *
     * @param args the command line, passed on as is
     * @throws InterruptedException as {@code Main} does
     */
    public static void main(String[] args) throws InterruptedException {
        String spec = System.getProperty("java.specification.version", "?");
        if (feature(spec) < REQUIRED) {
            System.err.println("Weft needs Java " + REQUIRED + " or newer, but this is Java " + spec + " ("
                    + System.getProperty("java.version") + ", " + System.getProperty("java.home")
                    + "): run it with a JDK " + REQUIRED + " java");
            System.exit(1);
            return;
        }
        // A direct call, not reflection: Method.invoke spins half a dozen method-handle classes at
        // every start. The JVM resolves Main only when this line runs, and an older JVM never
        // gets here, so this class still loads and verifies there.
        Main.main(args);
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
