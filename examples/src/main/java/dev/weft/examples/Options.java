package dev.weft.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The command line of the example server. Every bad value is refused with a message that names
 * the option and says what was expected. An option that is given wins over the environment
 * ({@code WEFT_HOST}, {@code WEFT_PORT}, ...); one that is not leaves the setting to it.
 *
 * @param app       which example to run: echo, hello, todo or echo-handwritten
 * @param host      listen address, null when not given
 * @param port      listen port (0 picks a free one), -1 when not given
 * @param workers   runtime worker threads, 0 when not given
 * @param accessLog whether the server logs one text line per response; false leaves it to the environment
 * @param jsonAccessLog whether the router logs one JSON object per response (with route, ids, client)
 * @param observing what to record and serve: nothing, only metrics ({@code --metrics}), or metrics
 *                  with the task dump, the runtime dashboard, trace context and request ids
 *                  ({@code --observe})
 * @param files     the directory the echo example serves at {@code GET /files/{*path}}, or null
 * @param tlsPort   HTTPS port beside the plain one (0 picks a free one), -1 when not given
 * @param tlsCert   PEM certificate chain for HTTPS, null when not given
 * @param tlsKey    PEM private key for HTTPS, null when not given
 */
record Options(String app, String host, int port, int workers, boolean accessLog, boolean jsonAccessLog,
               Observing observing, Path files, int tlsPort, Path tlsCert, Path tlsKey) {

    /** How much of {@link Observe} an example turns on. */
    enum Observing {
        /** Nothing: the server as it is benchmarked. */
        OFF,
        /** Metrics only ({@code --metrics}): what recording costs, apart from the other features. */
        METRICS,
        /** Everything {@code --observe} turns on. */
        ALL
    }

    /** {@code echo-handwritten} serves the echo routes without the router, to measure what routing costs. */
    static final List<String> APPS = List.of("echo", "hello", "todo", "echo-handwritten");

    static final String USAGE = """
            usage: java -jar weft-examples.jar [--app NAME] [--host ADDR] [--port N] [--workers N]
                                               [--access-log[=text|json]] [--observe | --metrics]
                                               [--files DIR]
                                               [--tls-port N --tls-cert FILE --tls-key FILE]
              --app         which example to serve: echo (default), hello, todo, or
                            echo-handwritten (the echo routes without the router)
              --host        address to listen on (default 0.0.0.0)
              --port        port to listen on, 0 for any free port (default 8080)
              --workers     runtime worker threads (default: available processors)
              --access-log  log one line per response (the server's text line);
                            --access-log=json logs one JSON object per response with the
                            client, route pattern, request id, trace id and duration
              --observe     record metrics (runtime, server, routes, JVM) and serve them in
                            Prometheus's format at GET /metrics; the task dump at GET
                            /debug/tasks and the live runtime dashboard at GET /debug/runtime
                            (both to loopback clients only); W3C trace context (traceparent)
                            and request ids into the logs' MDC; not with echo-handwritten
              --metrics     only the metrics of --observe, at GET /metrics: no dump, no
                            dashboard, no trace context or request ids
              --files       a directory the echo example serves at GET /files/{*path}
              --tls-port    also serve the same routes over HTTPS on this port (default 8443
                            when a certificate is given)
              --tls-cert    PEM certificate chain for HTTPS (the server's certificate first)
              --tls-key     PEM private key of that certificate (PKCS#8, RSA or EC)
            Every server setting can also come from the environment (WEFT_HOST, WEFT_PORT,
            WEFT_WORKERS, WEFT_ACCESS_LOG, WEFT_SHUTDOWN_DELAY=2s, ...) or a system property
            (-Dweft.port=8080, ...); the options above win over both.
            """;

    /** Parses {@code args}; throws {@link IllegalArgumentException} with a message for the user. */
    static Options parse(String... args) {
        String app = "echo";
        String host = null;
        int port = -1;
        int workers = 0;
        boolean accessLog = false;
        boolean jsonAccessLog = false;
        Observing observing = Observing.OFF;
        Path files = null;
        int tlsPort = -1;
        Path tlsCert = null;
        Path tlsKey = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--app" -> {
                    value = value != null ? value : next(args, ++i, name);
                    app = value.toLowerCase(Locale.ROOT);
                    if (!APPS.contains(app)) {
                        throw new IllegalArgumentException("--app must be one of " + APPS + ", was '" + value + "'");
                    }
                }
                case "--host" -> host = value != null ? value : next(args, ++i, name);
                case "--port" -> port = number(name, value != null ? value : next(args, ++i, name), 0, 65535);
                case "--workers" -> workers = number(name, value != null ? value : next(args, ++i, name), 1, 4096);
                case "--access-log" -> {
                    String format = value == null ? "text" : value.toLowerCase(Locale.ROOT);
                    switch (format) {
                        case "text" -> accessLog = true;
                        case "json" -> jsonAccessLog = true;
                        default -> throw new IllegalArgumentException("--access-log must be text or json, was '"
                                + value + "'");
                    }
                }
                case "--observe" -> observing = Observing.ALL;
                case "--metrics" -> observing = observing == Observing.ALL ? Observing.ALL : Observing.METRICS;
                case "--files" -> files = directory(name, value != null ? value : next(args, ++i, name));
                case "--tls-port" -> tlsPort = number(name, value != null ? value : next(args, ++i, name), 0, 65535);
                case "--tls-cert" -> tlsCert = Path.of(value != null ? value : next(args, ++i, name));
                case "--tls-key" -> tlsKey = Path.of(value != null ? value : next(args, ++i, name));
                case "-h", "--help" -> throw new HelpRequested();
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        if (observing != Observing.OFF && app.equals("echo-handwritten")) {
            throw new IllegalArgumentException((observing == Observing.ALL ? "--observe" : "--metrics")
                    + " needs a router: use it with " + APPS.subList(0, 3) + ", not echo-handwritten");
        }
        if (files != null && !app.equals("echo")) {
            throw new IllegalArgumentException("--files is served by the echo example: use it with --app echo");
        }
        if (jsonAccessLog && app.equals("echo-handwritten")) {
            throw new IllegalArgumentException("--access-log=json needs a router: use it with " + APPS.subList(0, 3)
                    + ", not echo-handwritten");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException(tlsCert == null ? "--tls-key needs --tls-cert" : "--tls-cert needs --tls-key");
        }
        // Observing records; it writes no access line of its own (--access-log=json does), so
        // that its cost can be measured apart from the cost of logging every request.
        return new Options(app, host, port, workers, accessLog, jsonAccessLog, observing, files,
                tlsPort, tlsCert, tlsKey);
    }

    private static Path directory(String name, String value) {
        Path p = Path.of(value);
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException(name + " must name a directory, was '" + value + "'");
        }
        return p;
    }

    private static String next(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }

    /** Thrown for {@code --help}: not an error, the usage is printed and the program exits 0. */
    static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super(null, null, false, false);
        }
    }
}
