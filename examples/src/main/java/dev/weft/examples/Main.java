package dev.weft.examples;

import dev.weft.examples.echo.EchoApp;
import dev.weft.examples.hello.HelloApp;
import dev.weft.examples.todo.TodoApp;
import dev.weft.router.RouteInfo;
import dev.weft.router.Router;
import dev.weft.router.health.Health;
import dev.weft.router.middleware.AccessLogFormat;
import dev.weft.router.middleware.Layers;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;
import dev.weft.server.tls.TlsConfig;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one of the example applications: {@code java -jar weft-examples.jar --port 8080}.
 * The default is the echo server, which is the one benchmarked. SIGTERM or SIGINT shut it down
 * gracefully and the process exits with status 0.
 */
public final class Main {
    /**
     * When this class began to initialise, before logging is set up. The startup figure counts from
     * here rather than from the JVM's own start (which only java.management knows: about 40
     * classes and 10 ms before the first response, for one number in one log line).
     */
    private static final long MAIN_STARTED_NANOS = System.nanoTime();
    private static final Logger log;

    static {
        ExampleLoggingProvider.select();
        log = LoggerFactory.getLogger(Main.class);
    }

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.HelpRequested help) {
            System.out.print(Options.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        ServerConfig config;
        try {
            config = config(options, System.getenv(), ServerConfig.systemProperties());
        } catch (IllegalArgumentException e) {
            // A bad WEFT_ variable or weft. property: the message names it and its value.
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Server server;
        try {
            server = start(options, config);
        } catch (IllegalStateException e) {
            // A transport named by WEFT_TRANSPORT that cannot run here: the message says why.
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            // A port in use or an address that does not exist: say so, no stack trace.
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            System.err.println("error: cannot listen on " + config.host() + ":" + config.port() + ": " + why);
            System.exit(1);
            return;
        }
        // Before the line that tells the world the server is up: a SIGTERM sent as soon as it is
        // read must drain the server, not kill the JVM with status 143.
        server.shutdownOnSignals();
        long readyMillis = (System.nanoTime() - MAIN_STARTED_NANOS) / 1_000_000;
        // The server logged where it listens (and its HTTPS port); this says which example and counts from main.
        log.info("Weft {} example ready {} ms after main started", options.app(), readyMillis);
        server.awaitTermination();
        log.info("Weft {} example stopped", options.app());
        System.exit(0);
    }

    /** Starts the example chosen by {@code options}; used by {@link #main} and by tests. */
    public static Server start(String... args) {
        return start(Options.parse(args));
    }

    static Server start(Options options) {
        return start(options, config(options, Map.of(), Map.of()));
    }

    /**
     * The server settings: the defaults, then the environment variables and system properties,
     * then the options given on the command line, each overriding the one before.
     *
     * @throws IllegalArgumentException naming the variable and its value when one is wrong
     */
    static ServerConfig config(Options options, Map<String, String> variables, Map<String, String> properties) {
        ServerConfig.Builder config = ServerConfig.builder().environment(variables, properties);
        if (options.host() != null) {
            config.host(options.host());
        }
        if (options.port() >= 0) {
            config.port(options.port());
        }
        if (options.workers() > 0) {
            config.workers(options.workers());
        }
        if (options.accessLog()) {
            config.accessLog(true);
        }
        if (options.tlsPort() >= 0 || options.tlsCert() != null) {
            TlsConfig fromEnvironment = config.tls();
            if (options.tlsCert() == null && fromEnvironment == null) {
                throw new IllegalArgumentException("--tls-port needs --tls-cert and --tls-key (or WEFT_TLS_CERT and WEFT_TLS_KEY)");
            }
            TlsConfig.Builder tls = fromEnvironment != null ? fromEnvironment.toBuilder() : TlsConfig.builder();
            if (options.tlsPort() >= 0) {
                tls.port(options.tlsPort());
            }
            if (options.tlsCert() != null) {
                tls.pem(options.tlsCert(), options.tlsKey());
            }
            try {
                config.tls(tls.build());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--tls-cert/--tls-key: " + e.getMessage(), e);
            }
        }
        return config.build();
    }

    static Server start(Options options, ServerConfig config) {
        Router router = switch (options.app()) {
            case "hello" -> HelloApp.router();
            case "todo" -> TodoApp.router();
            case "echo-handwritten" -> null;
            default -> EchoApp.router(options.files());
        };
        if (router == null) {
            return Server.start(config, EchoApp.handWritten());
        }
        // GET /livez and /readyz for load balancers; readiness turns 503 when a drain begins.
        router.merge(Health.routes());
        if (options.observing() != Options.Observing.OFF) {
            // A class of its own: without --observe or --metrics, not one Micrometer class is loaded.
            return Observe.start(config, router, options.observing() == Options.Observing.ALL, options.jsonAccessLog());
        }
        if (options.jsonAccessLog()) {
            router.layer(Layers.accessLog(router, AccessLogFormat.JSON));
        }
        listRoutes(router);
        return Server.start(config, router);
    }

    /**
     * Logs the routes at DEBUG. Only then: naming each route's handler takes reflection, which at
     * startup costs method handles spun for lines nobody reads at INFO. The router is validated
     * (missing state, conflicts) either way, when the server starts it, before the first request.
     */
    static void listRoutes(Router router) {
        if (!log.isDebugEnabled()) {
            return;
        }
        for (RouteInfo route : router.routes()) {
            log.debug("route {}", route);
        }
    }
}
