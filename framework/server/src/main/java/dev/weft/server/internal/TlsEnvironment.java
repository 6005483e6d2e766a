package dev.weft.server.internal;

import dev.weft.server.ServerConfig;
import dev.weft.server.internal.tls.PemFiles;
import dev.weft.server.tls.TlsConfig;

import java.nio.file.Path;
import java.util.Map;

/**
 * The TLS settings of the environment ({@code WEFT_TLS_PORT}, {@code WEFT_TLS_CERT}, ...): unlike
 * the others they make sense only together, so they are read as a group after
 * {@link EnvironmentSettings}' table, and each file is read to check it while the variable that
 * named it is still known. A system property ({@code weft.tls-cert}) wins over its variable.
 */
final class TlsEnvironment {
    /** The TLS settings: environment variable and system property of each. */
    enum Setting {
        PORT("WEFT_TLS_PORT", "weft.tls-port"),
        CERT("WEFT_TLS_CERT", "weft.tls-cert"),
        KEY("WEFT_TLS_KEY", "weft.tls-key"),
        KEYSTORE("WEFT_TLS_KEYSTORE", "weft.tls-keystore"),
        KEYSTORE_PASSWORD("WEFT_TLS_KEYSTORE_PASSWORD", "weft.tls-keystore-password"),
        PROTOCOLS("WEFT_TLS_PROTOCOLS", "weft.tls-protocols"),
        HANDSHAKE_TIMEOUT("WEFT_TLS_HANDSHAKE_TIMEOUT", "weft.tls-handshake-timeout");

        final String variable;
        final String property;

        Setting(String variable, String property) {
            this.variable = variable;
            this.property = property;
        }
    }

    /** A value and where it came from, for messages. */
    private record Value(String source, String text) {
        IllegalArgumentException refused(String why) {
            // A password is never repeated in a message.
            String shown = source.contains("PASSWORD") || source.contains("password") ? "***" : text;
            return new IllegalArgumentException(source + "='" + shown + "': " + why);
        }
    }

    private TlsEnvironment() {
    }

    static boolean known(String variable) {
        for (Setting s : Setting.values()) {
            if (s.variable.equals(variable)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets {@code builder}'s TLS configuration from the TLS settings given, if any.
     *
     * @throws IllegalArgumentException naming the variable (or property), its value and what is wrong
     */
    static void apply(ServerConfig.Builder builder, Map<String, String> variables, Map<String, String> properties) {
        Value port = value(Setting.PORT, variables, properties);
        Value cert = value(Setting.CERT, variables, properties);
        Value key = value(Setting.KEY, variables, properties);
        Value keyStore = value(Setting.KEYSTORE, variables, properties);
        Value password = value(Setting.KEYSTORE_PASSWORD, variables, properties);
        Value protocols = value(Setting.PROTOCOLS, variables, properties);
        Value timeout = value(Setting.HANDSHAKE_TIMEOUT, variables, properties);
        TlsConfig existing = builder.tls();
        if (cert == null && key == null && keyStore == null && existing == null) {
            Value stray = port != null ? port : password != null ? password : protocols != null ? protocols : timeout;
            if (stray != null) {
                throw stray.refused("TLS needs a certificate: set WEFT_TLS_CERT and WEFT_TLS_KEY (PEM files), "
                        + "or WEFT_TLS_KEYSTORE and WEFT_TLS_KEYSTORE_PASSWORD");
            }
            return;
        }
        TlsConfig.Builder tls = existing != null ? existing.toBuilder() : TlsConfig.builder();
        if (port != null) {
            int n = number(port);
            if (n < 0 || n > 65535) {
                throw port.refused("not a port: between 0 and 65535");
            }
            tls.port(n);
        }
        if (cert != null || key != null) {
            if (keyStore != null) {
                throw keyStore.refused("give either WEFT_TLS_KEYSTORE or WEFT_TLS_CERT with WEFT_TLS_KEY, not both");
            }
            if (cert == null || key == null) {
                Value given = cert != null ? cert : key;
                throw given.refused(cert == null ? "WEFT_TLS_CERT (the certificate chain) is missing"
                        : "WEFT_TLS_KEY (the private key) is missing");
            }
            try {
                PemFiles.certificates(Path.of(cert.text));
            } catch (IllegalArgumentException e) {
                throw cert.refused(e.getMessage());
            }
            try {
                PemFiles.privateKey(Path.of(key.text));
            } catch (IllegalArgumentException e) {
                throw key.refused(e.getMessage());
            }
            tls.pem(Path.of(cert.text), Path.of(key.text));
        } else if (keyStore != null) {
            if (password == null) {
                throw keyStore.refused("WEFT_TLS_KEYSTORE_PASSWORD is missing");
            }
            tls.keyStore(Path.of(keyStore.text), password.text);
        }
        if (protocols != null) {
            tls.protocols(protocols.text.split("\\s*,\\s*"));
        }
        if (timeout != null) {
            try {
                tls.handshakeTimeout(SettingValues.duration(timeout.text));
            } catch (IllegalArgumentException e) {
                throw timeout.refused(e.getMessage());
            }
        }
        try {
            builder.tls(tls.build());
        } catch (IllegalArgumentException e) {
            // What is left concerns the group: name what was given.
            Value blamed = protocols != null && e.getMessage().contains("protocol") ? protocols
                    : timeout != null && e.getMessage().contains("handshakeTimeout") ? timeout
                    : keyStore != null ? keyStore : key != null ? key : cert;
            if (blamed == null) {
                throw e;
            }
            throw blamed.refused(e.getMessage());
        }
    }

    private static Value value(Setting s, Map<String, String> variables, Map<String, String> properties) {
        String fromProperty = properties.get(s.property);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return new Value("system property " + s.property, fromProperty.trim());
        }
        String fromVariable = variables.get(s.variable);
        if (fromVariable != null && !fromVariable.isBlank()) {
            return new Value("environment variable " + s.variable, fromVariable.trim());
        }
        return null;
    }

    private static int number(Value v) {
        try {
            return SettingValues.wholeNumber(v.text);
        } catch (IllegalArgumentException e) {
            throw v.refused(e.getMessage());
        }
    }
}
