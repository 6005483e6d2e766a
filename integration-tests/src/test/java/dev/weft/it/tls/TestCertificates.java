package dev.weft.it.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Self-signed certificates for tests, made by the real {@code openssl} into a test's folder. */
public final class TestCertificates {
    private TestCertificates() {
    }

    /** A self-signed RSA certificate for {@code localhost} and 127.0.0.1, with its PKCS#8 key. */
    static Pair rsa(Path dir, String name) throws Exception {
        return make(dir, name, "rsa:2048");
    }

    /** The same with a P-256 EC key. */
    static Pair ec(Path dir, String name) throws Exception {
        return make(dir, name, "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1");
    }

    private static Pair make(Path dir, String name, String... keyOptions) throws Exception {
        Path cert = dir.resolve(name + "-cert.pem");
        Path key = dir.resolve(name + "-key.pem");
        List<String> cmd = new ArrayList<>(List.of("openssl", "req", "-x509", "-newkey"));
        cmd.add(keyOptions[0]);
        for (int i = 1; i < keyOptions.length; i++) {
            cmd.add(keyOptions[i]);
        }
        cmd.addAll(List.of("-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,DNS:alt.example,IP:127.0.0.1",
                "-keyout", key.toString(), "-out", cert.toString()));
        run(cmd);
        return new Pair(cert, key);
    }

    /** Runs a program and fails with its output when it fails. */
    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    /** A certificate file and its key file. */
    record Pair(Path cert, Path key) {
        X509Certificate certificate() throws Exception {
            try (InputStream in = Files.newInputStream(cert)) {
                return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
        }

        /** A client context that trusts this certificate, and nothing else. */
        SSLContext trustingContext() throws Exception {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        }
    }
}
