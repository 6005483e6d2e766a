package dev.weft.server;

import java.time.Duration;
import java.util.Objects;

/**
 * A {@code Set-Cookie} value (RFC 6265), for responses:
 * <pre>{@code
 * Response.builder(HttpStatus.OK)
 *         .cookie(Cookie.of("session", token).httpOnly().secure().sameSite("Lax").maxAge(Duration.ofHours(8)))
 *         .text("welcome")
 *         .build();
 * }</pre>
 * Read request cookies with {@code cookie(name)} or {@code cookies()} from
 * {@code dev.weft.router.extract.Extractors}.
 */
public final class Cookie {
    private final String name;
    private final String value;
    private String path = "/";
    private String domain;
    private Duration maxAge;
    private boolean httpOnly;
    private boolean secure;
    private String sameSite;

    private Cookie(String name, String value) {
        this.name = name;
        this.value = value;
    }

    /**
     * A cookie; the name must be a token and the value plain cookie-octets (no spaces, quotes,
     * commas, semicolons or backslashes).
     */
    public static Cookie of(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
            throw new IllegalArgumentException("invalid cookie name: " + name);
        }
        if (!value.chars().allMatch(c -> c > 32 && c < 127 && c != '"' && c != ',' && c != ';' && c != '\\')) {
            throw new IllegalArgumentException("invalid cookie value for " + name);
        }
        return new Cookie(name, value);
    }

    /** A cookie that deletes {@code name} in the browser. */
    public static Cookie removal(String name) {
        return of(name, "").maxAge(Duration.ZERO);
    }

    /** The path (default {@code /}). */
    public Cookie path(String p) {
        this.path = Objects.requireNonNull(p, "path");
        return this;
    }

    /** The domain (default: the host only). */
    public Cookie domain(String d) {
        this.domain = Objects.requireNonNull(d, "domain");
        return this;
    }

    /** How long the cookie lives (default: the browser session). */
    public Cookie maxAge(Duration age) {
        this.maxAge = Objects.requireNonNull(age, "maxAge");
        return this;
    }

    /** Hidden from scripts. */
    public Cookie httpOnly() {
        this.httpOnly = true;
        return this;
    }

    /** Sent over HTTPS only. */
    public Cookie secure() {
        this.secure = true;
        return this;
    }

    /** {@code Strict}, {@code Lax} or {@code None}. */
    public Cookie sameSite(String policy) {
        if (!policy.equals("Strict") && !policy.equals("Lax") && !policy.equals("None")) {
            throw new IllegalArgumentException("SameSite is Strict, Lax or None: " + policy);
        }
        this.sameSite = policy;
        return this;
    }

    /** The {@code Set-Cookie} header value. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append('=').append(value).append("; Path=").append(path);
        if (domain != null) {
            sb.append("; Domain=").append(domain);
        }
        if (maxAge != null) {
            sb.append("; Max-Age=").append(maxAge.toSeconds());
        }
        if (secure) {
            sb.append("; Secure");
        }
        if (httpOnly) {
            sb.append("; HttpOnly");
        }
        if (sameSite != null) {
            sb.append("; SameSite=").append(sameSite);
        }
        return sb.toString();
    }
}
