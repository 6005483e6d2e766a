package dev.weft.it.support;

import dev.weft.it.support.Wire.RawResponse;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One HTTP/1.1 connection, kept alive from request to request and opened again only when the
 * server says {@code Connection: close}: a client with no pool. The rolling-restart tests count
 * every failed request against the balancer and the servers behind it, so the client must not
 * lose requests of its own; the JDK HttpClient's pool sometimes does (its clean-up of a pooled
 * connection closed one that had just been handed to a POST: nothing of the request left the
 * client, seen in packet captures as the client's FIN right after the previous response).
 * Not thread-safe: one per client thread.
 */
public final class KeepAliveClient implements Closeable {
    private final InetSocketAddress address;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public KeepAliveClient(InetSocketAddress address, Duration timeout) {
        this.address = address;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    /**
     * Sends one request and reads its response. A connection that ends without an answer is a
     * failure of the request, never retried: the balancers in these tests do not close an idle
     * keep-alive connection within their 30 s or more, so there is no race to forgive.
     */
    public RawResponse exchange(String method, String target, String contentType, byte[] body) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.connect(address, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }
        ByteArrayOutputStream request = new ByteArrayOutputStream(128 + (body == null ? 0 : body.length));
        StringBuilder head = new StringBuilder(128).append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(address.getHostString()).append(':').append(address.getPort()).append("\r\n");
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length)
                    .append("\r\n");
        }
        request.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            request.writeBytes(body);
        }
        try {
            out.write(request.toByteArray());
            out.flush();
            RawResponse r = Wire.readResponse(in);
            if (r == null) {
                throw new IOException("the connection closed without an answer");
            }
            if (r.closes()) {
                close();
            }
            return r;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing more to read or write on it
            }
            socket = null;
        }
    }
}
