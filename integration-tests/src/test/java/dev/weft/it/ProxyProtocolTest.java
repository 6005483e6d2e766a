package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.it.support.Await;
import dev.weft.it.support.Balancer;
import dev.weft.it.support.ExampleProcess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The example with {@code WEFT_PROXY_PROTOCOL=true} behind a real HAProxy that sends the PROXY
 * protocol ({@code send-proxy} and {@code send-proxy-v2}, on health checks too), and reached by curl
 * sending a v1 header itself. HAProxy connects from 127.0.0.3 and curl from 127.0.0.5, so the
 * address the instance logs for a request (its {@code Request.clientAddress()}) shows which one it
 * took for the client.
 */
@Timeout(120)
class ProxyProtocolTest {
    private static final String CLIENT = "127.0.0.5";
    private static final String BALANCER = "127.0.0.3";
    private static final Map<String, String> ENV = Map.of("WEFT_PROXY_PROTOCOL", "true", "WEFT_ACCESS_LOG", "true");
    private static final Pattern ACCESS = Pattern.compile("(\\S+) \"GET /plaintext ");

    static String haproxyConfig(int frontend, int instance, String sendProxy) {
        return """
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 30s
                    timeout server 30s
                    timeout check 5s
                frontend web
                    bind 127.0.0.1:%d
                    default_backend weft
                backend weft
                    source %s
                    option httpchk GET /readyz
                    http-check expect status 200
                    # The instance reads the PROXY header (WEFT_PROXY_PROTOCOL=true); checks send it too.
                    server a 127.0.0.1:%d %s check inter 200ms rise 1
                """.formatted(frontend, BALANCER, instance, sendProxy);
    }

    private static Result curl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "--interface", CLIENT));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    private record Result(int exit, String output) {
    }

    private static List<String> clientsLogged(ExampleProcess p) {
        return p.output().stream().map(ACCESS::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"send-proxy", "send-proxy-v2"})
    void behindHaproxyTheInstanceSeesTheClientNotTheBalancer(String sendProxy) throws Exception {
        Path haproxy = Balancer.installed("haproxy", "/usr/sbin/haproxy", "/usr/local/sbin/haproxy");
        Path cfg = Files.createTempFile("weft-haproxy-proxy", ".cfg");
        try (ExampleProcess instance = ExampleProcess.start(ENV, List.of("-Xmx128m"), "--workers", "1", "--port", "0")) {
            int frontend = Balancer.freePort();
            Files.writeString(cfg, haproxyConfig(frontend, instance.port(), sendProxy));
            try (Balancer proxy = Balancer.start(List.of(haproxy.toString(), "-db", "-f", cfg.toString()), frontend)) {
                // Health checks carry the header too (v2 sends them as LOCAL): the instance answers them.
                Await.until(Duration.ofSeconds(10), () -> "no readiness check reached the instance",
                        () -> instance.output().stream().anyMatch(l -> l.contains("\"GET /readyz ") && l.contains(" 200 ")));
                for (int i = 0; i < 3; i++) {
                    Result r = curl("http://127.0.0.1:" + frontend + "/plaintext");
                    assertEquals(0, r.exit(), r.output());
                    assertEquals("Hello, World!", r.output());
                }
                Await.until(Duration.ofSeconds(10), () -> "access log: " + clientsLogged(instance),
                        () -> clientsLogged(instance).size() == 3);
                assertEquals(List.of(CLIENT, CLIENT, CLIENT), clientsLogged(instance));
            }
        } finally {
            Files.deleteIfExists(cfg);
        }
    }

    @Test
    void curlSendingAV1HeaderIsServedAndAClientWithoutOneIsClosedUnanswered() throws Exception {
        try (ExampleProcess instance = ExampleProcess.start(ENV, List.of("-Xmx128m"), "--workers", "1", "--port", "0")) {
            String url = "http://127.0.0.1:" + instance.port() + "/plaintext";
            Result ok = curl("--haproxy-protocol", url);
            assertEquals(0, ok.exit(), ok.output());
            assertEquals("Hello, World!", ok.output());
            Await.until(Duration.ofSeconds(10), () -> "access log: " + clientsLogged(instance),
                    () -> clientsLogged(instance).size() == 1);
            assertEquals(List.of(CLIENT), clientsLogged(instance));
            // Without the header there can be no HTTP answer: curl reports an empty reply (exit 52).
            Result refused = curl(url);
            assertEquals(52, refused.exit(), refused.output());
            assertTrue(refused.output().contains("Empty reply from server"), refused.output());
        }
    }
}
