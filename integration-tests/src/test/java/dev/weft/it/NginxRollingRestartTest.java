package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.it.support.Balancer;
import dev.weft.it.support.RollingRestart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three example instances behind a real nginx (an upstream with keep-alive connections), restarted
 * one by one under load: no request fails, every instance served traffic, and every process exits 0.
 * Open-source nginx has no active health checks, so it cannot see readiness turn 503; it learns
 * that an instance stopped when a connection to it fails, and sends the request to another one.
 */
@Timeout(180)
class NginxRollingRestartTest {

    /** The nginx configuration this test runs (the README's Deploying section shows it); {@code dir} holds its files. */
    static String config(Path dir, int frontend, List<Integer> ports) {
        return """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events {
                    worker_connections 1024;
                }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream weft {
                        # An instance whose connection failed is left out for a second, then tried again.
                        server 127.0.0.1:%3$d max_fails=1 fail_timeout=1s;
                        server 127.0.0.1:%4$d max_fails=1 fail_timeout=1s;
                        server 127.0.0.1:%5$d max_fails=1 fail_timeout=1s;
                        keepalive 16;
                        # Shorter than Weft's idleTimeout (60 s): nginx never reuses a connection Weft is closing.
                        keepalive_timeout 30s;
                    }
                    server {
                        listen 127.0.0.1:%2$d;
                        client_body_buffer_size 16k;
                        location / {
                            proxy_pass http://weft;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            # X-Forwarded-For names the client; the instances trust this source (WEFT_TRUSTED_PROXIES).
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_bind %6$s;
                            # A request whose instance refused the connection, or closed a pooled one as it
                            # stopped, goes to another instance; POSTs too (the echo has no side effects).
                            proxy_next_upstream error timeout non_idempotent;
                            proxy_next_upstream_tries 3;
                        }
                    }
                }
                """.formatted(dir, frontend, ports.get(0), ports.get(1), ports.get(2), RollingRestart.BALANCER_SOURCE);
    }

    @Test
    void aRollingRestartBehindNginxLosesNoRequest() throws Exception {
        Path nginx = Balancer.installed("nginx", "/usr/sbin/nginx", "/usr/local/sbin/nginx");
        RollingRestart restart = new RollingRestart();
        List<Integer> ports = restart.startInstances();
        int frontend = Balancer.freePort();
        Path dir = Files.createTempDirectory("weft-nginx");
        Path cfg = dir.resolve("nginx.conf");
        Files.writeString(cfg, config(dir, frontend, ports));
        // Beside the configuration's own error log, one at level info: it also names what nginx did
        // with its clients' connections, which is what a failed request needs explained.
        Path diagnostics = dir.resolve("diagnostics.log");
        try (Balancer proxy = Balancer.start(List.of(nginx.toString(), "-g", "daemon off; error_log " + diagnostics
                + " info;", "-p", dir.toString(), "-e", dir.resolve("error.log").toString(), "-c", cfg.toString()),
                frontend)) {
            RollingRestart.Outcome outcome = restart.run(frontend);
            if (!outcome.failures().isEmpty()) {
                printUnusual(diagnostics);
            }
            outcome.assertNothingLost("nginx");
            // The clients connect from 127.0.0.1, nginx from 127.0.0.3: the instances saw the clients.
            assertEquals(Set.of("127.0.0.1"), restart.clientAddressesSeen());
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * Prints what nginx logged beyond the expected: an instance refusing or closing a pooled
     * connection as it stops is retried elsewhere, and a client closing its keep-alive connection
     * at the end is normal.
     */
    private static void printUnusual(Path log) throws IOException {
        List<String> routine = List.of("connect() failed (111", "temporarily disabled",
                "prematurely closed connection while reading response header",
                "(104: Connection reset by peer) while reading response header", "closed keepalive connection",
                "[notice]");
        try (Stream<String> lines = Files.lines(log)) {
            System.out.println("nginx's unusual log lines:");
            lines.filter(l -> routine.stream().noneMatch(l::contains)).forEach(System.out::println);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
