package dev.weft.it;

import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.time.Duration;

/**
 * A server in a JVM of its own, for measuring what idle connections cost: prints its port, then
 * answers {@code heap} on stdin with the heap in use after a full collection, and {@code quit}.
 */
public final class IdleServerMain {
    private IdleServerMain() {
    }

    public static void main(String[] args) throws Exception {
        // The connections stay idle for as long as opening all of them takes, which on a loaded
        // machine is more than the default idle timeout: they must not be closed while measured.
        Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).maxConnections(20_000)
                .backlog(4096).idleTimeout(Duration.ofHours(1)).build(), new TestService());
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

    /**
     * The least heap in use over three full collections. Between them, each collection's
     * references are let through to their queues (a sentinel's arrival shows it), so that what
     * their cleaning releases is there for the next collection to free.
     */
    static long usedHeapAfterGc() throws InterruptedException {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            PhantomReference<Object> sentinel = new PhantomReference<>(new Object(), queue);
            System.gc();
            if (queue.remove(10_000) == null) {
                throw new IllegalStateException("System.gc() did not collect: no measurement after a full collection");
            }
            Reference.reachabilityFence(sentinel);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
