package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void withoutOptionsEchoIsServedAndTheServerSettingsAreLeftToTheEnvironment() {
        Options o = Options.parse();
        assertEquals(new Options("echo", null, -1, 0, false, false, Options.Observing.OFF, null, -1, null, null), o);
    }

    @Test
    void acceptsBothSeparateAndEqualsForms() {
        Options o = Options.parse("--port", "9090", "--app=todo", "--host", "127.0.0.1", "--workers=3", "--access-log",
                "--observe");
        assertEquals(new Options("todo", "127.0.0.1", 9090, 3, true, false, Options.Observing.ALL, null, -1, null, null), o);
    }

    @Test
    void accessLogTakesAFormatAndObserveLeavesItAlone() {
        assertEquals(new Options("echo", null, -1, 0, true, false, Options.Observing.OFF, null, -1, null, null), Options.parse("--access-log=text"));
        assertEquals(new Options("echo", null, -1, 0, false, true, Options.Observing.OFF, null, -1, null, null), Options.parse("--access-log=json"));
        assertEquals(new Options("echo", null, -1, 0, false, false, Options.Observing.ALL, null, -1, null, null), Options.parse("--observe"));
        assertEquals(new Options("echo", null, -1, 0, false, true, Options.Observing.ALL, null, -1, null, null),
                Options.parse("--observe", "--access-log=json"));
        assertMessage("--access-log must be text or json, was 'xml'", "--access-log=xml");
        assertEquals(Options.Observing.METRICS, Options.parse("--metrics").observing());
        assertEquals(Options.Observing.ALL, Options.parse("--metrics", "--observe").observing());
        assertEquals(Options.Observing.ALL, Options.parse("--observe", "--metrics").observing());
        assertMessage("--access-log=json needs a router: use it with [echo, hello, todo], not echo-handwritten",
                "--app", "echo-handwritten", "--access-log=json");
    }

    @Test
    void refusesBadValuesNamingTheOption() {
        assertMessage("--port must be a whole number, was 'abc'", "--port", "abc");
        assertMessage("--port must be between 0 and 65535, was 70000", "--port", "70000");
        assertMessage("--workers must be between 1 and 4096, was 0", "--workers", "0");
        assertMessage("--port needs a value", "--port");
        assertMessage("unknown option '--verbose'", "--verbose");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Options.parse("--app", "nope"));
        assertTrue(e.getMessage().startsWith("--app must be one of"), e.getMessage());
        assertMessage("--observe needs a router: use it with [echo, hello, todo], not echo-handwritten",
                "--app", "echo-handwritten", "--observe");
        assertMessage("--metrics needs a router: use it with [echo, hello, todo], not echo-handwritten",
                "--app", "echo-handwritten", "--metrics");
    }

    @Test
    void takesTheTlsPortCertificateAndKey() {
        Options o = Options.parse("--tls-port", "8443", "--tls-cert", "c.pem", "--tls-key=k.pem");
        assertEquals(8443, o.tlsPort());
        assertEquals(java.nio.file.Path.of("c.pem"), o.tlsCert());
        assertEquals(java.nio.file.Path.of("k.pem"), o.tlsKey());
        assertMessage("--tls-cert needs --tls-key", "--tls-cert", "c.pem");
        assertMessage("--tls-key needs --tls-cert", "--tls-key", "k.pem");
        assertMessage("--tls-port must be between 0 and 65535, was 70000", "--tls-port", "70000");
    }

    @Test
    void helpIsNotAnError() {
        assertThrows(Options.HelpRequested.class, () -> Options.parse("--help"));
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Options.parse(args));
        assertEquals(expected, e.getMessage());
    }
}
