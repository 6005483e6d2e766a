package dev.weft.examples;

import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The training run behind the example's ahead-of-time cache (JEPs 483, 514 and 515): starts the
 * echo server as {@link Main} does, drives every benchmarked endpoint over real sockets (plain,
 * JSON, path parameter, 1 KiB and 64 KiB echoes streamed and buffered, pipelined requests, a 404),
 * checks every answer, then shuts the server down, does a shorter pass on each other transport
 * this machine runs (so that whichever a deployment names is in the cache), and exits. Run under
 * {@code -XX:AOTCacheOutput=FILE}, the JVM writes at exit a cache of the classes this loaded and
 * linked and of the method profiles it gathered; a later {@code java -XX:AOTCache=FILE -jar ...}
 * starts from it. The build does this in the examples' {@code package} phase:
 *
 * <pre>{@code
 * java -XX:AOTCacheOutput=examples/target/weft-examples.aot -XX:+UseParallelGC \
 *      -cp examples/target/weft-examples.jar dev.weft.examples.Training
 * java -XX:AOTCache=examples/target/weft-examples.aot -XX:+UseParallelGC -jar examples/target/weft-examples.jar
 * }</pre>
 *
 * <p>The class path must be the same jar in both runs ({@code -jar} puts exactly that jar on it).
 * A wrong answer ends the run with status 1 and no cache is worth keeping: the build fails.
 */
public final class Training {
    /** Rounds over the endpoints: enough for the JIT's profiles to see every hot method many times. */
    private static final int ROUNDS = 500;
    private static final int PIPELINE_DEPTH = 16;
    /** The transports trained after the default one, where they run. */
    private static final List<String> OTHER_TRANSPORTS = List.of("nio", "epoll", "io_uring");
    private static final byte[] SMALL_BODY = filled(1024);
    private static final byte[] LARGE_BODY = filled(64 * 1024);

    private Training() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : ROUNDS;
        // `java -jar` starts from the jar's Main-Class, the launcher that checks the Java version:
        // the cache holds it too (the training itself is started by class name).
        Class.forName("dev.weft.examples.launcher.Launcher");
        // The same start as Main.main: options, environment, router, health routes, signals.
        Options options = Options.parse("--host", "127.0.0.1", "--port", "0");
        ServerConfig config = Main.config(options, System.getenv(), ServerConfig.systemProperties());
        Server server = Main.start(options, config);
        server.shutdownOnSignals();
        int status = train(server, rounds);
        // A deployment may name another transport (WEFT_TRANSPORT=io_uring or epoll): a shorter
        // pass over each one this machine can run puts its classes in the cache too.
        for (String other : OTHER_TRANSPORTS) {
            if (status != 0 || other.equals(server.runtime().transport())) {
                continue;
            }
            Server again;
            try {
                again = Main.start(options, config.toBuilder().transport(other).build());
            } catch (IllegalStateException cannotRunHere) {
                System.out.println("training: not on " + other + ": " + cannotRunHere.getMessage());
                continue;
            }
            status = train(again, Math.max(1, rounds / 10));
        }
        System.exit(status);
    }

    /** Drives {@code server} for {@code rounds}, then shuts it down: 0 if every answer was right, else 1. */
    private static int train(Server server, int rounds) throws InterruptedException {
        try {
            drive(server.port(), rounds);
            System.out.println("training: " + rounds + " rounds over every endpoint answered correctly on "
                    + server.runtime().transport());
            return 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("training failed: " + e);
            return 1;
        } finally {
            server.shutdown(Duration.ZERO, Duration.ofSeconds(5));
            server.awaitTermination();
        }
    }

    /** Sends every kind of request the benchmark sends, {@code rounds} times, on keep-alive connections. */
    static void drive(int port, int rounds) throws IOException {
        try (Socket s = connect(port); Socket pipelined = connect(port)) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String pipelineBatch = "GET /plaintext HTTP/1.1\r\nHost: t\r\n\r\n".repeat(PIPELINE_DEPTH);
            for (int i = 0; i < rounds; i++) {
                expect(get(in, out, "/plaintext"), "Hello, World!".getBytes(StandardCharsets.US_ASCII), "/plaintext");
                expect(get(in, out, "/json"), "{\"message\":\"Hello, World!\"}".getBytes(StandardCharsets.US_ASCII), "/json");
                expect(get(in, out, "/user/" + i), ("user " + i).getBytes(StandardCharsets.US_ASCII), "/user/{id}");
                expect(post(in, out, "/echo", SMALL_BODY), SMALL_BODY, "/echo (1 KiB)");
                if (i % 4 == 0) {
                    expect(post(in, out, "/echo", LARGE_BODY), LARGE_BODY, "/echo (64 KiB)");
                    expect(post(in, out, "/echo/buffered", SMALL_BODY), SMALL_BODY, "/echo/buffered");
                }
                pipelined.getOutputStream().write(pipelineBatch.getBytes(StandardCharsets.US_ASCII));
                for (int k = 0; k < PIPELINE_DEPTH; k++) {
                    expect(read(pipelined.getInputStream()), "Hello, World!".getBytes(StandardCharsets.US_ASCII), "pipelined");
                }
            }
            out.write("GET /missing HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] notFound = read(in);
            if (notFound != null) {
                throw new IOException("GET /missing answered 200");
            }
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(10_000);
        s.setTcpNoDelay(true);
        return s;
    }

    private static byte[] get(InputStream in, OutputStream out, String path) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return read(in);
    }

    private static byte[] post(InputStream in, OutputStream out, String path, byte[] body) throws IOException {
        out.write(("POST " + path + " HTTP/1.1\r\nHost: t\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        return read(in);
    }

    /** One response with a Content-Length: its body when the status is 200, null for any other status. */
    private static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection inside a response head");
            }
            head.write(b);
            matched = "\r\n\r\n".charAt(matched) == b ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        String lower = text.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("\r\ncontent-length:");
        if (at < 0) {
            throw new IOException("a response without Content-Length: " + text);
        }
        int length = Integer.parseInt(text.substring(at + 17, text.indexOf('\r', at + 2)).trim());
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new IOException("the server closed the connection inside a response body");
        }
        return text.startsWith("HTTP/1.1 200 ") ? body : null;
    }

    private static void expect(byte[] body, byte[] expected, String what) throws IOException {
        if (body == null || !Arrays.equals(body, expected)) {
            throw new IOException(what + " answered "
                    + (body == null ? "a status other than 200" : body.length + " bytes that differ from what was expected"));
        }
    }

    private static byte[] filled(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }
}
