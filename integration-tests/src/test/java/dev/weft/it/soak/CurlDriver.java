package dev.weft.it.soak;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * curl, one process per call with up to three requests on one connection ({@code --next}):
 * Content-Length or chunked uploads, with curl's own {@code Expect: 100-continue} for large
 * bodies, an explicit one for small ones, or none.
 */
public final class CurlDriver implements SoakDriver {
    private static final Path CURL = Path.of("/usr/bin/curl");
    private final Path dir;

    public CurlDriver(Path dir) {
        this.dir = dir;
    }

    /** Whether curl is installed (the soak runs without this driver otherwise, and says so). */
    public static boolean available() {
        return Files.isExecutable(CURL);
    }

    @Override
    public String name() {
        return "curl";
    }

    @Override
    public void run(int port, SplittableRandom random, SoakTally tally) throws Exception {
        int n = 1 + random.nextInt(3);
        List<String> command = new ArrayList<>(List.of(CURL.toString(), "--max-time", Integer.toString(HANG_MILLIS / 1000)));
        List<byte[]> bodies = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        List<String> what = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long id = tally.nextId();
            String path = random.nextBoolean() ? "/echo" : "/echo/buffered";
            byte[] body = SoakBodies.body(random.nextLong(), SoakBodies.size(random));
            Path in = dir.resolve("in-" + id);
            Path out = dir.resolve("out-" + id);
            Files.write(in, body);
            files.add(in);
            files.add(out);
            if (i > 0) {
                command.add("--next");
            }
            command.addAll(List.of("-sS", "--fail", "--data-binary", "@" + in, "-o", out.toString(),
                    "-H", "Content-Type: application/x-soak-" + id));
            String framing = "Content-Length";
            if (random.nextInt(3) == 0) {
                command.addAll(List.of("-H", "Transfer-Encoding: chunked"));
                framing = "chunked";
            }
            // curl 7.88 sends no last chunk for an empty chunked upload once it has heard
            // "100 Continue" (seen on the wire: the head, then nothing): that client bug would
            // hang the exchange, so an empty chunked upload never asks for 100 Continue here.
            boolean emptyChunked = body.length == 0 && framing.equals("chunked");
            switch (emptyChunked ? 1 : random.nextInt(3)) {
                case 0 -> {
                    command.addAll(List.of("-H", "Expect: 100-continue"));
                    framing += " expect";
                }
                case 1 -> {
                    command.addAll(List.of("-H", "Expect:"));
                    framing += " no-expect";
                }
                default -> {
                    // curl decides (it sends Expect for large bodies)
                }
            }
            command.add("http://127.0.0.1:" + port + path);
            bodies.add(body);
            outputs.add(out);
            what.add("curl :" + port + " #" + id + " POST " + path + " " + body.length + " bytes " + framing);
        }
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(HANG_MILLIS + 5_000, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                tally.fail(tally.hung, String.join(", ", what) + ": curl did not finish" + Diagnostics.of(port));
                return;
            }
            if (p.exitValue() != 0) {
                // 28 is curl's "operation timed out": a hang, not an error of the client.
                tally.fail(p.exitValue() == 28 ? tally.hung : tally.errors,
                        String.join(", ", what) + ": curl exited " + p.exitValue() + ": " + printed.strip()
                                + (p.exitValue() == 28 ? Diagnostics.of(port) : ""));
                return;
            }
            for (int i = 0; i < n; i++) {
                // curl writes no file for an empty body.
                Path out = outputs.get(i);
                tally.compare(what.get(i), bodies.get(i), Files.exists(out) ? Files.readAllBytes(out) : new byte[0]);
            }
        } finally {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }
}
