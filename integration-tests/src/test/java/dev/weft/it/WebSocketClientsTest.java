package dev.weft.it;

import static dev.weft.it.support.ClientScripts.python;
import static dev.weft.it.support.ClientScripts.run;
import static dev.weft.it.support.ClientScripts.script;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.examples.Main;
import dev.weft.it.support.Await;
import dev.weft.server.Server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The echo example's {@code GET /ws} driven by two independent WebSocket implementations: Python's
 * {@code websockets} (Debian's python3-websockets) and Node's {@code ws} (installed from npm into
 * {@code target/node-ws} at test time). Each script prints one {@code ok <case>} line per case;
 * the test asserts every case ran, the process exited 0, and the server let go of every connection.
 */
@Timeout(300)
class WebSocketClientsTest {
    private static final List<String> PYTHON_CASES = List.of("echo", "fragmented", "ping", "at-limit", "close-code",
            "over-limit", "deflate", "deflate-bomb", "abrupt");
    private static final List<String> NODE_CASES = List.of("echo", "fragmented", "ping", "at-limit", "close-code",
            "over-limit", "invalid-utf8", "deflate", "deflate-bomb", "abrupt");

    private static Server server;

    @BeforeAll
    static void start() {
        server = Main.start("--host", "127.0.0.1", "--port", "0");
    }

    @AfterAll
    static void stop() {
        server.shutdown(Duration.ofSeconds(5));
    }

    private static String uri() {
        return "ws://127.0.0.1:" + server.port() + "/ws";
    }

    private static List<String> okLines(String output) {
        List<String> cases = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("ok ")) {
                cases.add(line.substring(3).trim());
            }
        }
        return cases;
    }

    private static void assertConnectionsDrain() throws InterruptedException {
        Await.until(Duration.ofSeconds(20), () -> server.openConnections() + " connections still open",
                () -> server.openConnections() == 0);
    }

    @Test
    void pythonWebsockets() throws Exception {
        String out = run(List.of(python(), script("client.py"), uri()), Map.of());
        assertEquals(PYTHON_CASES, okLines(out), out);
        assertConnectionsDrain();
    }

    @Test
    void nodeWs() throws Exception {
        Path prefix = Path.of("target", "node-ws").toAbsolutePath();
        if (!Files.isDirectory(prefix.resolve("node_modules/ws"))) {
            Files.createDirectories(prefix);
            run(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", prefix.toString(), "ws@8"), Map.of());
        }
        String out = run(List.of("node", script("client.cjs"), uri()),
                Map.of("NODE_PATH", prefix.resolve("node_modules").toString()));
        assertEquals(NODE_CASES, okLines(out), out);
        assertConnectionsDrain();
    }
}
