package dev.weft.router.debug;

import dev.weft.http.HttpStatus;
import dev.weft.server.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The dashboard page: {@code dashboard.html} with {@code dashboard.css} and {@code dashboard.js}
 * put inline (one request, and a token in the page's address need not follow sub-resources),
 * composed once from the jar's resources. Its Content-Security-Policy lets in exactly that script
 * and that style, by hash, and connections to this origin only: nothing from elsewhere runs.
 */
final class DashboardPage {
    private static final String BASE = "/dev/weft/router/debug/";

    private final byte[] html;
    private final String csp;

    private DashboardPage(byte[] html, String csp) {
        this.html = html;
        this.csp = csp;
    }

    static DashboardPage load() {
        String style = resource("dashboard.css");
        String script = resource("dashboard.js");
        String page = resource("dashboard.html")
                .replace("/*{{style}}*/", style)
                .replace("/*{{script}}*/", script);
        String csp = "default-src 'none'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"
                + "; style-src '" + sha256(style) + "'; script-src '" + sha256(script) + "'";
        return new DashboardPage(page.getBytes(StandardCharsets.UTF_8), csp);
    }

    Response response() {
        return Response.builder(HttpStatus.OK)
                .header("Content-Security-Policy", csp)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .body("text/html; charset=utf-8", html)
                .build();
    }

    private static String resource(String name) {
        try (InputStream in = DashboardPage.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + BASE + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String inline) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(inline.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
