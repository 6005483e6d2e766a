package dev.weft.it;

import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * A server in a JVM of its own, for measuring what idle connections cost: prints its port, then
 * answers {@code heap} on stdin with the heap in use after a full collection, and {@code quit}.
 */
public final class IdleServerMain {
    private IdleServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).maxConnections(20_000)
                .backlog(4096).build(), new TestService());
        System.out.println("port " + server.port());
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = commands.readLine()) != null) {
            switch (line.trim()) {
                case "heap" -> System.out.println("heap " + usedHeapAfterGc() + " connections " + server.openConnections());
                case "quit" -> {
                    server.shutdown(Duration.ofSeconds(5));
                    System.out.println("bye");
                    return;
                }
                default -> System.out.println("unknown command " + line);
            }
        }
    }

    static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
