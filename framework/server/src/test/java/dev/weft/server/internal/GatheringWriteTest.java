package dev.weft.server.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.net.TcpListener;
import dev.weft.server.Response;
import dev.weft.server.ServerConfig;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pipelined requests that arrive together are answered together: their responses leave in one
 * gathering write, not one write per response.
 */
@Timeout(30)
class GatheringWriteTest {
    private static final int PIPELINED = 20;

    @Test
    void responsesProducedTogetherLeaveInOneWrite() throws Exception {
        ServerState state = new ServerState(ServerConfig.builder().host("127.0.0.1").port(0).build(),
                request -> Async.ready(Response.text("Hello, World!")));
        CompletableFuture<Connection> accepted = new CompletableFuture<>();
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).name("gather").build()) {
            TcpListener listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 0), 16);
            rt.spawn(listener.accept().map(stream -> {
                Connection c = new Connection(state, stream);
                state.register(c);
                AsyncRuntime.spawnHere(c);
                accepted.complete(c);
                return null;
            }));
            try (Socket s = new Socket("127.0.0.1", listener.localAddress().getPort())) {
                s.setSoTimeout(10_000);
                Connection connection = accepted.get(10, TimeUnit.SECONDS);
                s.getOutputStream().write("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n".repeat(PIPELINED)
                        .getBytes(StandardCharsets.US_ASCII));
                String all = readResponses(s.getInputStream(), PIPELINED);
                assertTrue(all.split("Hello, World!", -1).length - 1 == PIPELINED, all);
                long writes = connection.writeCalls();
                // One read normally carries all twenty requests (about 700 bytes); allow the rare
                // split read on a loaded machine, but never one write per response.
                assertTrue(writes <= 2, PIPELINED + " pipelined responses took " + writes + " writes");
            } finally {
                listener.close();
            }
        }
    }

    private static String readResponses(InputStream in, int count) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (all.toString(StandardCharsets.US_ASCII).split("Hello, World!", -1).length - 1 < count) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            all.write(buf, 0, n);
        }
        return all.toString(StandardCharsets.US_ASCII);
    }
}
