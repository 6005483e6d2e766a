package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.it.support.Balancer;
import dev.weft.it.support.RollingRestart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three example instances behind a real HAProxy that checks {@code /readyz}, restarted one by one
 * under load: no request fails, every instance served traffic, and every process exits 0.
 */
@Timeout(180)
class HaproxyRollingRestartTest {

    /** The HAProxy configuration this test runs (the README's Deploying section shows it). */
    static String config(int frontend, List<Integer> ports) {
        return """
                global
                    maxconn 2000
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 30s
                    timeout server 30s
                    # Shorter than Weft's idleTimeout (60 s): HAProxy never reuses a connection Weft is closing.
                    timeout http-keep-alive 30s
                    # A request that could not reach an instance, or found its pooled connection just
                    # closed by an instance that stopped, goes to another one; bodies are buffered so
                    # that a POST can be sent again.
                    option http-buffer-request
                    retries 3
                    option redispatch 1
                    retry-on conn-failure empty-response
                    # A check fails on readiness's 503, a refused connection or a wrong answer, not on a
                    # slow answer: by default it times out at the interval (200 ms) on a loaded host.
                    timeout check 5s
                frontend web
                    bind 127.0.0.1:%d
                    default_backend weft
                backend weft
                    balance roundrobin
                    # X-Forwarded-For names the client; the instances trust this source (WEFT_TRUSTED_PROXIES).
                    option forwardfor
                    source %s
                    # Readiness turns 503 as soon as an instance begins to drain (WEFT_SHUTDOWN_DELAY=1s):
                    # one failed check (fall 1, every 200 ms) takes it out of rotation before it stops accepting.
                    option httpchk GET /readyz
                    http-check expect status 200
                    server a 127.0.0.1:%d check inter 200ms fall 1 rise 2
                    server b 127.0.0.1:%d check inter 200ms fall 1 rise 2
                    server c 127.0.0.1:%d check inter 200ms fall 1 rise 2
                """.formatted(frontend, RollingRestart.BALANCER_SOURCE, ports.get(0), ports.get(1), ports.get(2));
    }

    @Test
    void aRollingRestartBehindHaproxyLosesNoRequest() throws Exception {
        Path haproxy = Balancer.installed("haproxy", "/usr/sbin/haproxy", "/usr/local/sbin/haproxy");
        RollingRestart restart = new RollingRestart();
        List<Integer> ports = restart.startInstances();
        int frontend = Balancer.freePort();
        Path cfg = Files.createTempFile("weft-haproxy", ".cfg");
        Files.writeString(cfg, config(frontend, ports));
        try (Balancer proxy = Balancer.start(List.of(haproxy.toString(), "-db", "-f", cfg.toString()), frontend)) {
            restart.awaitHealthChecked(3);
            restart.run(frontend).assertNothingLost("HAProxy");
            // The clients connect from 127.0.0.1, HAProxy from 127.0.0.3: the instances saw the clients.
            assertEquals(Set.of("127.0.0.1"), restart.clientAddressesSeen());
        } finally {
            Files.deleteIfExists(cfg);
        }
    }

}
