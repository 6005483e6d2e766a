package dev.weft.server.internal;

import dev.weft.codec.CodecLimits;
import dev.weft.server.ServerConfig;
import dev.weft.server.TrustedProxies;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table from environment variables and system properties to {@link ServerConfig} settings,
 * and the reading of it. A system property wins over the environment variable of the same
 * setting; a blank value counts as unset. Each value is checked as it is read, so a refusal names
 * the variable (or property) and the value: {@code environment variable WEFT_PORT='80a': not a
 * whole number}.
 */
public final class EnvironmentSettings {
    private static final Logger log = LoggerFactory.getLogger(EnvironmentSettings.class);
    /** Environment variables with this prefix are Weft's: an unknown one is most likely a typo. */
    private static final String PREFIX = "WEFT_";

    /**
     * Every setting, in {@link ServerConfig}'s order: its environment variable, its system property,
     * and the form of its value. An enum with a switch rather than a table of lambdas: the table
     * is read at startup, where each lambda costs a class spun at run time.
     */
    public enum Setting {
        HOST("WEFT_HOST", "weft.host", "address"),
        PORT("WEFT_PORT", "weft.port", "number"),
        BACKLOG("WEFT_BACKLOG", "weft.backlog", "number"),
        REUSE_PORT("WEFT_REUSE_PORT", "weft.reuse-port", "boolean"),
        WORKERS("WEFT_WORKERS", "weft.workers", "number"),
        TRANSPORT("WEFT_TRANSPORT", "weft.transport", "transport"),
        MAX_CONNECTIONS("WEFT_MAX_CONNECTIONS", "weft.max-connections", "number"),
        REJECT_EXCESS_CONNECTIONS("WEFT_REJECT_EXCESS_CONNECTIONS", "weft.reject-excess-connections", "boolean"),
        TRUSTED_PROXIES("WEFT_TRUSTED_PROXIES", "weft.trusted-proxies", "addresses"),
        PROXY_PROTOCOL("WEFT_PROXY_PROTOCOL", "weft.proxy-protocol", "boolean"),
        HEADER_READ_TIMEOUT("WEFT_HEADER_READ_TIMEOUT", "weft.header-read-timeout", "duration"),
        IDLE_TIMEOUT("WEFT_IDLE_TIMEOUT", "weft.idle-timeout", "duration"),
        REQUEST_TIMEOUT("WEFT_REQUEST_TIMEOUT", "weft.request-timeout", "duration"),
        BODY_BUFFER_LIMIT("WEFT_BODY_BUFFER_LIMIT", "weft.body-buffer-limit", "size"),
        DRAIN_LIMIT("WEFT_DRAIN_LIMIT", "weft.drain-limit", "size"),
        SHUTDOWN_DELAY("WEFT_SHUTDOWN_DELAY", "weft.shutdown-delay", "duration"),
        SHUTDOWN_TIMEOUT("WEFT_SHUTDOWN_TIMEOUT", "weft.shutdown-timeout", "duration"),
        ACCESS_LOG("WEFT_ACCESS_LOG", "weft.access-log", "boolean"),
        MAX_REQUEST_LINE("WEFT_MAX_REQUEST_LINE", "weft.max-request-line", "size"),
        MAX_HEADER_BYTES("WEFT_MAX_HEADER_BYTES", "weft.max-header-bytes", "size"),
        MAX_HEADER_COUNT("WEFT_MAX_HEADER_COUNT", "weft.max-header-count", "number"),
        MAX_CHUNK_EXTENSION("WEFT_MAX_CHUNK_EXTENSION", "weft.max-chunk-extension", "size"),
        MAX_CONTENT_LENGTH("WEFT_MAX_CONTENT_LENGTH", "weft.max-content-length", "size");

        /** The environment variable, such as {@code WEFT_PORT}. */
        public final String variable;
        /** The system property, such as {@code weft.port}. */
        public final String property;
        /** What the value looks like: address, addresses, number, duration, size, boolean or transport. */
        public final String form;

        Setting(String variable, String property, String form) {
            this.variable = variable;
            this.property = property;
            this.form = form;
        }

        /** Parses {@code text} and sets it on {@code b}. */
        void apply(ServerConfig.Builder b, String text) {
            switch (this) {
                case HOST -> b.host(text);
                case PORT -> b.port(SettingValues.wholeNumber(text));
                case BACKLOG -> b.backlog(SettingValues.wholeNumber(text));
                case REUSE_PORT -> b.reusePort(SettingValues.bool(text));
                case WORKERS -> b.workers(SettingValues.wholeNumber(text));
                case TRANSPORT -> b.transport(text);
                case MAX_CONNECTIONS -> b.maxConnections(SettingValues.wholeNumber(text));
                case REJECT_EXCESS_CONNECTIONS -> b.rejectExcessConnections(SettingValues.bool(text));
                case TRUSTED_PROXIES -> b.trustedProxies(TrustedProxies.parse(text));
                case PROXY_PROTOCOL -> b.proxyProtocol(SettingValues.bool(text));
                case HEADER_READ_TIMEOUT -> b.headerReadTimeout(SettingValues.duration(text));
                case IDLE_TIMEOUT -> b.idleTimeout(SettingValues.duration(text));
                case REQUEST_TIMEOUT -> b.requestTimeout(SettingValues.duration(text));
                case BODY_BUFFER_LIMIT -> b.bodyBufferLimit(SettingValues.size(text));
                case DRAIN_LIMIT -> b.drainLimit(SettingValues.size(text));
                case SHUTDOWN_DELAY -> b.shutdownDelay(SettingValues.duration(text));
                case SHUTDOWN_TIMEOUT -> b.shutdownTimeout(SettingValues.duration(text));
                case ACCESS_LOG -> b.accessLog(SettingValues.bool(text));
                default -> b.codecLimits(limit(b.build().codecLimits(), text));
            }
        }

        /** A copy of {@code now} with this setting's parser limit changed. */
        private CodecLimits limit(CodecLimits now, String text) {
            CodecLimits.Builder l = CodecLimits.builder()
                    .maxRequestLineLength(now.maxRequestLineLength())
                    .maxHeaderBytes(now.maxHeaderBytes())
                    .maxHeaderCount(now.maxHeaderCount())
                    .maxChunkExtensionLength(now.maxChunkExtensionLength())
                    .maxContentLength(now.maxContentLength());
            switch (this) {
                case MAX_REQUEST_LINE -> l.maxRequestLineLength(intSize(text));
                case MAX_HEADER_BYTES -> l.maxHeaderBytes(intSize(text));
                case MAX_HEADER_COUNT -> l.maxHeaderCount(SettingValues.wholeNumber(text));
                case MAX_CHUNK_EXTENSION -> l.maxChunkExtensionLength(intSize(text));
                case MAX_CONTENT_LENGTH -> l.maxContentLength(SettingValues.size(text));
                default -> throw new AssertionError(this);
            }
            return l.build();
        }
    }

    private EnvironmentSettings() {
    }

    /**
     * Sets on {@code builder} every setting that {@code variables} or {@code properties} give.
     *
     * @throws IllegalArgumentException naming the variable or property and its value when one is
     *     malformed or out of range
     */
    public static void apply(ServerConfig.Builder builder, Map<String, String> variables, Map<String, String> properties) {
        for (Setting s : Setting.values()) {
            String fromProperty = properties.get(s.property);
            boolean useProperty = fromProperty != null && !fromProperty.isBlank();
            String text = useProperty ? fromProperty : variables.get(s.variable);
            if (text == null || text.isBlank()) {
                continue;
            }
            try {
                s.apply(builder, text.trim());
                builder.build(); // the range checks, while we still know where the value came from
            } catch (IllegalArgumentException e) {
                String source = useProperty ? "system property " + s.property : "environment variable " + s.variable;
                throw new IllegalArgumentException(source + "='" + text + "': " + e.getMessage(), e);
            }
        }
        TlsEnvironment.apply(builder, variables, properties);
        warnAboutUnknown(variables);
    }

    private static void warnAboutUnknown(Map<String, String> variables) {
        Set<String> unknown = new TreeSet<>();
        for (String name : variables.keySet()) {
            if (name.startsWith(PREFIX) && !known(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            log.warn("ignoring environment variables that name no Weft setting: {}", unknown);
        }
    }

    private static boolean known(String variable) {
        for (Setting s : Setting.values()) {
            if (s.variable.equals(variable)) {
                return true;
            }
        }
        return TlsEnvironment.known(variable);
    }

    private static int intSize(String text) {
        long n = SettingValues.size(text);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too large, at most " + Integer.MAX_VALUE + " bytes");
        }
        return (int) n;
    }
}
