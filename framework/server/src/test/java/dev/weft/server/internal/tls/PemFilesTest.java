package dev.weft.server.internal.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.server.tls.TlsConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PEM keys and certificates in every form openssl writes them, read with the JDK alone, and every
 * broken file refused with a message that names it.
 */
@Tag("transport-independent")
@Timeout(120)
class PemFilesTest {
    @TempDir
    static Path dir;
    static Path rsaCert;
    static Path rsaPkcs8;
    static Path ecCert;
    static Path ecPkcs8;

    @BeforeAll
    static void makeKeys() throws Exception {
        rsaCert = dir.resolve("rsa-cert.pem");
        rsaPkcs8 = dir.resolve("rsa-key.pem");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-keyout", rsaPkcs8.toString(), "-out", rsaCert.toString());
        ecCert = dir.resolve("ec-cert.pem");
        ecPkcs8 = dir.resolve("ec-key.pem");
        selfSignedEc(ecCert, ecPkcs8);
    }

    /** A self-signed P-256 certificate for localhost and its PKCS#8 key, made by openssl. */
    static void selfSignedEc(Path cert, Path key) throws IOException, InterruptedException {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-keyout", key.toString(), "-out", cert.toString());
    }

    @Test
    void readsPkcs8Pkcs1AndSec1KeysThatSignForTheirCertificate() throws Exception {
        Path pkcs1 = dir.resolve("rsa-pkcs1.pem");
        openssl("rsa", "-in", rsaPkcs8.toString(), "-traditional", "-out", pkcs1.toString());
        assertTrue(Files.readString(pkcs1).contains("BEGIN RSA PRIVATE KEY"));
        Path sec1 = dir.resolve("ec-sec1.pem");
        // With the EC PARAMETERS block that "openssl ecparam -genkey" also writes, before the key.
        openssl("ec", "-in", ecPkcs8.toString(), "-out", sec1.toString());
        Files.writeString(sec1, "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + Files.readString(sec1));
        X509Certificate rsa = PemFiles.certificates(rsaCert).get(0);
        X509Certificate ec = PemFiles.certificates(ecCert).get(0);
        assertSigns(PemFiles.privateKey(rsaPkcs8), rsa, "SHA256withRSA");
        assertSigns(PemFiles.privateKey(pkcs1), rsa, "SHA256withRSA");
        assertSigns(PemFiles.privateKey(ecPkcs8), ec, "SHA256withECDSA");
        assertSigns(PemFiles.privateKey(sec1), ec, "SHA256withECDSA");
        assertArrayEquals(PemFiles.privateKey(rsaPkcs8).getEncoded(), PemFiles.privateKey(pkcs1).getEncoded());
    }

    @Test
    void readsEd25519Keys() throws Exception {
        Path key = dir.resolve("ed-key.pem");
        Path cert = dir.resolve("ed-cert.pem");
        openssl("req", "-x509", "-newkey", "ed25519", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-keyout", key.toString(), "-out", cert.toString());
        assertSigns(PemFiles.privateKey(key), PemFiles.certificates(cert).get(0), "Ed25519");
    }

    @Test
    void readsAChainInOrderIgnoringTextAroundIt() throws Exception {
        Path chain = dir.resolve("chain.pem");
        Files.writeString(chain, "subject=CN = localhost\r\n" + Files.readString(rsaCert).replace("\n", "\r\n")
                + "some comment\n" + Files.readString(ecCert));
        List<X509Certificate> read = PemFiles.certificates(chain);
        assertEquals(2, read.size());
        assertEquals(PemFiles.certificates(rsaCert).get(0), read.get(0));
        assertEquals(PemFiles.certificates(ecCert).get(0), read.get(1));
    }

    @Test
    void refusesBrokenFilesNamingThem() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertRefused(missing + ": no such file", () -> PemFiles.certificates(missing));
        assertRefused(rsaPkcs8 + ": no PEM certificate", () -> PemFiles.certificates(rsaPkcs8));
        assertRefused(rsaCert + ": no PEM private key", () -> PemFiles.privateKey(rsaCert));
        Path encrypted = dir.resolve("encrypted.pem");
        openssl("pkcs8", "-topk8", "-in", rsaPkcs8.toString(), "-out", encrypted.toString(), "-passout", "pass:secret");
        assertRefused("the private key is encrypted", () -> PemFiles.privateKey(encrypted));
        Path legacy = dir.resolve("legacy.pem");
        openssl("rsa", "-in", rsaPkcs8.toString(), "-traditional", "-aes128", "-passout", "pass:secret", "-out", legacy.toString());
        assertRefused("block is encrypted (Proc-Type: 4,ENCRYPTED)", () -> PemFiles.privateKey(legacy));
        Path unclosed = write("unclosed.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n");
        assertRefused("has no -----END CERTIFICATE-----", () -> PemFiles.certificates(unclosed));
        Path badBase64 = write("bad64.pem", "-----BEGIN PRIVATE KEY-----\n@@@@\n-----END PRIVATE KEY-----\n");
        assertRefused("is not valid base64", () -> PemFiles.privateKey(badBase64));
        Path notDer = write("notder.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertRefused("damaged DER", () -> PemFiles.privateKey(notDer));
        String certText = Files.readString(rsaCert);
        int mid = certText.indexOf('\n', certText.length() / 2);
        Path damaged = write("damaged.pem", certText.substring(0, mid) + "\nAAAA" + certText.substring(mid));
        assertRefused("certificate 1 is damaged", () -> PemFiles.certificates(damaged));
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedBeforeTheServerStarts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsConfig.builder().pem(rsaCert, ecPkcs8).build());
        assertEquals(ecPkcs8 + ": this private key does not belong to the first certificate of " + rsaCert, e.getMessage());
        TlsConfig.builder().pem(ecCert, ecPkcs8).build();
    }

    @Test
    void readsPkcs12KeyStoresAndRefusesAWrongPassword() throws Exception {
        Path p12 = dir.resolve("server.p12");
        openssl("pkcs12", "-export", "-in", rsaCert.toString(), "-inkey", rsaPkcs8.toString(), "-out", p12.toString(),
                "-passout", "pass:changeit");
        KeyMaterial material = KeyMaterial.load(TlsConfig.builder().keyStore(p12, "changeit").build());
        assertEquals(PemFiles.certificates(rsaCert).get(0), material.certificate());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsConfig.builder().keyStore(p12, "wrong").build());
        assertEquals(p12 + ": wrong key store password", e.getMessage());
    }

    private static void assertSigns(PrivateKey key, X509Certificate cert, String algorithm) throws Exception {
        byte[] data = "weft".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(cert.getPublicKey());
        verifier.update(data);
        assertTrue(verifier.verify(signature), "the key read does not sign for its certificate");
    }

    private static void assertRefused(String expectedPart, org.junit.jupiter.api.function.Executable read) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, read);
        assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
    }

    private static Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    static void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(cmd + " failed: " + out);
        }
    }
}
