package dev.weft.server.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.server.ServerConfig;
import dev.weft.server.tls.TlsConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** WEFT_TLS_* variables and weft.tls-* properties: read together, each refusal naming the variable and its value. */
@Tag("transport-independent")
@Timeout(120)
class TlsEnvironmentTest {
    @TempDir
    static Path dir;
    static Path cert;
    static Path key;

    @BeforeAll
    static void makeKeys() throws Exception {
        cert = dir.resolve("cert.pem");
        key = dir.resolve("key.pem");
        PemFilesTest.selfSignedEc(cert, key);
    }

    private static ServerConfig fromEnvironment(Map<String, String> variables, Map<String, String> properties) {
        return ServerConfig.builder().environment(variables, properties).build();
    }

    @Test
    void noTlsVariableMeansNoTls() {
        assertNull(fromEnvironment(Map.of("WEFT_PORT", "9000"), Map.of()).tls());
    }

    @Test
    void certificateKeyPortProtocolsAndTimeoutTogether() {
        TlsConfig tls = fromEnvironment(Map.of("WEFT_TLS_PORT", "9443", "WEFT_TLS_CERT", cert.toString(),
                "WEFT_TLS_KEY", key.toString(), "WEFT_TLS_PROTOCOLS", "TLSv1.3", "WEFT_TLS_HANDSHAKE_TIMEOUT", "3s"),
                Map.of("weft.tls-port", "9444")).tls();
        assertEquals(9444, tls.port());
        assertEquals(cert, tls.certificateChain());
        assertEquals(key, tls.privateKey());
        assertEquals(List.of("TLSv1.3"), tls.protocols());
        assertEquals(Duration.ofSeconds(3), tls.handshakeTimeout());
    }

    @Test
    void refusalsNameTheVariableAndItsValue() throws Exception {
        assertRefused("environment variable WEFT_TLS_CERT='/nope.pem': /nope.pem: no such file",
                Map.of("WEFT_TLS_CERT", "/nope.pem", "WEFT_TLS_KEY", key.toString()));
        assertRefused("environment variable WEFT_TLS_KEY='" + cert + "': " + cert + ": no PEM private key (-----BEGIN PRIVATE KEY-----, "
                + "RSA PRIVATE KEY or EC PRIVATE KEY) in it", Map.of("WEFT_TLS_CERT", cert.toString(), "WEFT_TLS_KEY", cert.toString()));
        assertRefused("environment variable WEFT_TLS_CERT='" + cert + "': WEFT_TLS_KEY (the private key) is missing",
                Map.of("WEFT_TLS_CERT", cert.toString()));
        assertRefused("environment variable WEFT_TLS_PORT='8443': TLS needs a certificate: set WEFT_TLS_CERT and "
                + "WEFT_TLS_KEY (PEM files), or WEFT_TLS_KEYSTORE and WEFT_TLS_KEYSTORE_PASSWORD", Map.of("WEFT_TLS_PORT", "8443"));
        assertRefused("environment variable WEFT_TLS_PORT='84x3': not a whole number",
                Map.of("WEFT_TLS_PORT", "84x3", "WEFT_TLS_CERT", cert.toString(), "WEFT_TLS_KEY", key.toString()));
        assertRefused("environment variable WEFT_TLS_HANDSHAKE_TIMEOUT='soon': not a duration; write a whole number and a unit: "
                + "500ms, 2s, 1m or 1h", Map.of("WEFT_TLS_HANDSHAKE_TIMEOUT", "soon", "WEFT_TLS_CERT", cert.toString(),
                "WEFT_TLS_KEY", key.toString()));
        assertRefused("environment variable WEFT_TLS_PROTOCOLS='TLSv1.1': protocol TLSv1.1 is not allowed; use TLSv1.3 and/or TLSv1.2",
                Map.of("WEFT_TLS_PROTOCOLS", "TLSv1.1", "WEFT_TLS_CERT", cert.toString(), "WEFT_TLS_KEY", key.toString()));
        assertRefused("environment variable WEFT_TLS_KEYSTORE_PASSWORD='***': TLS needs a certificate: set WEFT_TLS_CERT and "
                + "WEFT_TLS_KEY (PEM files), or WEFT_TLS_KEYSTORE and WEFT_TLS_KEYSTORE_PASSWORD",
                Map.of("WEFT_TLS_KEYSTORE_PASSWORD", "hunter2"));
        Path other = dir.resolve("other-key.pem");
        PemFilesTest.openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out", other.toString());
        assertRefused("environment variable WEFT_TLS_KEY='" + other + "': " + other
                + ": this private key does not belong to the first certificate of " + cert,
                Map.of("WEFT_TLS_CERT", cert.toString(), "WEFT_TLS_KEY", other.toString()));
    }

    private static void assertRefused(String message, Map<String, String> variables) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fromEnvironment(variables, Map.of()));
        assertEquals(message, e.getMessage());
    }
}
