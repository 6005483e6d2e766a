package dev.weft.it.soak;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a hang looks like from outside, for the failure report: the kernel's view of the server's
 * sockets ({@code ss}: bytes sent and received, queues) and every thread's stack. Printed for the
 * first few hangs only.
 */
final class Diagnostics {
    private static final AtomicInteger PRINTED = new AtomicInteger();

    private Diagnostics() {
    }

    /** A report suffix for a failure on {@code port}; empty after the first three. */
    static String of(int port) {
        if (PRINTED.incrementAndGet() > 3) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\n--- sockets of :").append(port).append(" ---\n");
        sb.append(sockets(port));
        sb.append("--- threads ---\n");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("weft") || thread.getName().startsWith("soak")) {
                sb.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
                for (StackTraceElement frame : stack) {
                    sb.append("    at ").append(frame).append('\n');
                }
            }
        });
        return sb.toString();
    }

    private static String sockets(int port) {
        Path ss = Path.of("/usr/bin/ss");
        if (!Files.isExecutable(ss) && !Files.isExecutable(ss = Path.of("/bin/ss"))) {
            return "(ss not available)\n";
        }
        try {
            Process p = new ProcessBuilder(ss.toString(), "-tnmi", "( sport = :" + port + " or dport = :" + port + " )")
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(5, TimeUnit.SECONDS);
            return text;
        } catch (Exception e) {
            return "(ss failed: " + e + ")\n";
        }
    }
}
