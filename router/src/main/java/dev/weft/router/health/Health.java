package dev.weft.router.health;

import dev.weft.router.Handler;
import dev.weft.router.Router;
import dev.weft.server.Server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Liveness and readiness endpoints: {@code router.merge(Health.routes())}.
 * <ul>
 *   <li>{@code GET /livez}: {@code 200 ok} while the process answers at all;</li>
 *   <li>{@code GET /readyz}: {@code 200 ready} when the server running the router is
 *       {@link dev.weft.server.ServerPhase#SERVING} and every check passes; otherwise {@code 503}
 *       with one line per reason, naming the check that failed, threw or timed out, or the
 *       server's phase. From the moment a shutdown begins (SIGTERM with
 *       {@link Server#shutdownOnSignals()}, or {@link Server#shutdown()}) it answers 503 while the
 *       server still serves everything else for its shutdown delay.</li>
 * </ul>
 * Both are plain text. Checks run for each readiness request, concurrently, each on a virtual
 * thread bounded by its own timeout; a check still running at its timeout is interrupted.
 *
 * <pre>{@code
 * Router router = Router.create()
 *         .merge(Health.builder()
 *                 .check("database", Duration.ofSeconds(1), () -> db.ping())
 *                 .livenessPath("/health/live")
 *                 .readinessPath("/health/ready")
 *                 .build()
 *                 .router())
 *         .get("/", () -> "Hello, World!");
 * Server.start(ServerConfig.fromEnvironment(), router).shutdownOnSignals();
 * }</pre>
 *
 * <p>The readiness endpoint follows every server that starts running the router (through
 * {@link Router#onServerStarting}); in the in-process test client, where there is none, only the
 * checks count.
 */
public final class Health {
    /** The default liveness path, as Kubernetes' own components name it. */
    public static final String DEFAULT_LIVENESS_PATH = "/livez";
    /** The default readiness path. */
    public static final String DEFAULT_READINESS_PATH = "/readyz";

    private final String livenessPath;
    private final String readinessPath;
    private final Readiness readiness;

    private Health(Builder b) {
        this.livenessPath = b.livenessPath;
        this.readinessPath = b.readinessPath;
        this.readiness = new Readiness(List.copyOf(b.checks));
    }

    /** {@code /livez} and {@code /readyz} without checks: readiness follows the server's phase. */
    public static Router routes() {
        return builder().build().router();
    }

    /** A builder for paths and checks. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A new router with the two endpoints, to {@link Router#merge} into the application's. Each call
     * returns a new router sharing this health's checks.
     */
    public Router router() {
        return Router.create()
                .onServerStarting(readiness)
                .get(livenessPath, new Liveness())
                .get(readinessPath, readiness);
    }

    /**
     * The liveness endpoint's handler: the process answers. A class, like {@link Readiness}, rather
     * than a lambda: health routes are built at startup, where each lambda costs a class spun at
     * run time (StartupClassesTest counts them).
     */
    private static final class Liveness implements Handler.H0 {
        private static final long serialVersionUID = 1L;

        @Override
        public Object handle() {
            return "ok\n";
        }
    }

    /** Builds a {@link Health}; the paths default to {@value #DEFAULT_LIVENESS_PATH} and {@value #DEFAULT_READINESS_PATH}. */
    public static final class Builder {
        private String livenessPath = DEFAULT_LIVENESS_PATH;
        private String readinessPath = DEFAULT_READINESS_PATH;
        private final List<Readiness.NamedCheck> checks = new ArrayList<>();

        private Builder() {
        }

        /** Where liveness is answered (default {@value #DEFAULT_LIVENESS_PATH}). */
        public Builder livenessPath(String path) {
            this.livenessPath = path(path, "liveness");
            return this;
        }

        /** Where readiness is answered (default {@value #DEFAULT_READINESS_PATH}). */
        public Builder readinessPath(String path) {
            this.readinessPath = path(path, "readiness");
            return this;
        }

        /**
         * Adds a readiness check: readiness is 503 while {@code check} throws or has not returned
         * within {@code timeout}.
         *
         * @param name    names the check in the readiness answer and its log; unique
         * @param timeout how long one run may take
         * @param check   the condition; it may block
         */
        public Builder check(String name, Duration timeout, HealthCheck check) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(check, "check");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a health check needs a name");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("health check '" + name + "': timeout must be positive, was " + timeout);
            }
            for (Readiness.NamedCheck c : checks) {
                if (c.name().equals(name)) {
                    throw new IllegalArgumentException("health check '" + name + "' is added twice");
                }
            }
            checks.add(new Readiness.NamedCheck(name, timeout, check));
            return this;
        }

        /** The health endpoints; {@link Health#router()} turns them into a router. */
        public Health build() {
            if (livenessPath.equals(readinessPath)) {
                throw new IllegalArgumentException("liveness and readiness need different paths, both are " + livenessPath);
            }
            return new Health(this);
        }

        private static String path(String path, String what) {
            Objects.requireNonNull(path, what + " path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException(what + " path must start with '/', was '" + path + "'");
            }
            return path;
        }
    }
}
