package dev.weft.router.middleware;

import dev.weft.http.HttpMethod;
import dev.weft.http.HttpStatus;
import dev.weft.router.Middleware;
import dev.weft.runtime.Async;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.Service;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Cross-origin resource sharing, per the Fetch standard. A preflight ({@code OPTIONS} with
 * {@code Origin} and {@code Access-Control-Request-Method}) is answered here with {@code 204}
 * and never reaches the routes; other requests from an allowed origin get
 * {@code Access-Control-Allow-Origin} (and {@code Vary: Origin}) on their response. Requests from
 * origins that are not allowed pass through without CORS headers, so the browser blocks them.
 *
 * <pre>{@code
 * Cors cors = Cors.builder()
 *         .allowOrigin("https://app.example")
 *         .allowMethods("GET", "POST", "DELETE")
 *         .allowHeaders("Content-Type", "Authorization")
 *         .maxAge(Duration.ofHours(1))
 *         .build();
 * router.layer(Layers.cors(cors));
 * }</pre>
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th></tr>
 *   <tr><td>origins</td><td>none (use {@code allowAnyOrigin()} for {@code *})</td></tr>
 *   <tr><td>methods</td><td>GET, HEAD, POST</td></tr>
 *   <tr><td>headers</td><td>none beyond the CORS-safelisted ones</td></tr>
 *   <tr><td>credentials</td><td>false (cannot combine with any origin)</td></tr>
 *   <tr><td>max age</td><td>not sent (browser default, 5 s)</td></tr>
 * </table>
 */
public final class Cors implements Middleware {

    private final Set<String> origins;
    private final boolean anyOrigin;
    private final String methods;
    private final String headers;
    private final boolean credentials;
    private final Duration maxAge;

    private Cors(Builder b) {
        this.origins = Set.copyOf(b.origins);
        this.anyOrigin = b.anyOrigin;
        this.methods = String.join(", ", b.methods);
        this.headers = String.join(", ", b.headers);
        this.credentials = b.credentials;
        this.maxAge = b.maxAge;
    }

    /** Starts a configuration. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Async<Response> handle(Request request, Service next) {
        String origin = request.headers().get("Origin");
        if (origin == null) {
            return next.call(request);
        }
        boolean allowed = anyOrigin || origins.contains(origin);
        if (request.method().equals(HttpMethod.OPTIONS) && request.headers().contains("Access-Control-Request-Method")) {
            Response.Builder r = Response.builder(HttpStatus.NO_CONTENT).header("Vary", "Origin");
            if (allowed) {
                r.header("Access-Control-Allow-Origin", allowOrigin(origin))
                        .header("Access-Control-Allow-Methods", methods);
                if (!headers.isEmpty()) {
                    r.header("Access-Control-Allow-Headers", headers);
                }
                if (credentials) {
                    r.header("Access-Control-Allow-Credentials", "true");
                }
                if (maxAge != null) {
                    r.header("Access-Control-Max-Age", Long.toString(maxAge.toSeconds()));
                }
            }
            return Async.ready(r.build());
        }
        if (!allowed) {
            return next.call(request);
        }
        return next.call(request).map(response -> {
            Response r = Headers.set(response, "Access-Control-Allow-Origin", allowOrigin(origin));
            if (!anyOrigin) {
                r = Headers.add(r, "Vary", "Origin");
            }
            if (credentials) {
                r = Headers.set(r, "Access-Control-Allow-Credentials", "true");
            }
            return r;
        });
    }

    private String allowOrigin(String origin) {
        return anyOrigin ? "*" : origin;
    }

    /** Builds a {@link Cors}. */
    public static final class Builder {
        private final Set<String> origins = new LinkedHashSet<>();
        private boolean anyOrigin;
        private final Set<String> methods = new LinkedHashSet<>(List.of("GET", "HEAD", "POST"));
        private final Set<String> headers = new LinkedHashSet<>();
        private boolean credentials;
        private Duration maxAge;

        private Builder() {
        }

        /** Allows {@code origin} (scheme, host and port, as browsers send it: {@code https://app.example}). */
        public Builder allowOrigin(String origin) {
            origins.add(Objects.requireNonNull(origin, "origin"));
            return this;
        }

        /** Allows every origin ({@code Access-Control-Allow-Origin: *}). */
        public Builder allowAnyOrigin() {
            anyOrigin = true;
            return this;
        }

        /** The methods preflights allow (replacing the default GET, HEAD, POST). */
        public Builder allowMethods(String... names) {
            methods.clear();
            for (String m : names) {
                methods.add(m.toUpperCase(Locale.ROOT));
            }
            return this;
        }

        /** The request headers preflights allow. */
        public Builder allowHeaders(String... names) {
            headers.addAll(List.of(names));
            return this;
        }

        /** Allows cookies and credentials (not with {@link #allowAnyOrigin()}). */
        public Builder allowCredentials() {
            credentials = true;
            return this;
        }

        /** How long browsers may cache a preflight answer. */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalStateException for credentials with any origin, which browsers refuse
         */
        public Cors build() {
            if (credentials && anyOrigin) {
                throw new IllegalStateException("CORS: credentials cannot be allowed for any origin");
            }
            return new Cors(this);
        }
    }
}
