package dev.weft.it;

import static dev.weft.router.multipart.Multipart.multipart;

import dev.weft.router.Router;
import dev.weft.router.multipart.Multipart;
import dev.weft.runtime.Async;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

import java.nio.file.Path;

/**
 * A server in a JVM of its own (run with a small heap): {@code POST /save} writes every part of a
 * multipart upload to the directory given as the first argument, under its field name, with
 * {@code Part.saveTo}, and answers the number of bytes saved. Prints its port.
 */
public final class UploadToDiskServerMain {
    private UploadToDiskServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Router router = Router.create().post("/save", multipart(), parts -> saveAll(parts, dir, 0L));
        Server server = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).build(), router);
        System.out.println("port " + server.port());
        System.in.read(); // runs until the test closes stdin
        server.shutdown(java.time.Duration.ofSeconds(5));
    }

    private static Async<Long> saveAll(Multipart parts, Path dir, long saved) {
        return parts.next().flatMap(part -> part == null
                ? Async.ready(saved)
                : part.saveTo(dir.resolve(part.name())).flatMap(n -> saveAll(parts, dir, saved + n)));
    }
}
