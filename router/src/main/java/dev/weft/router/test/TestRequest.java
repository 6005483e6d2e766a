package dev.weft.router.test;

import dev.weft.router.internal.Json;
import dev.weft.server.Request;

import java.net.InetSocketAddress;

/** A request being built by a {@link TestClient}; {@link #send()} runs it. */
public final class TestRequest {
    private final TestClient client;
    private final Request.Builder builder;

    TestRequest(TestClient client, Request.Builder builder) {
        this.client = client;
        this.builder = builder;
    }

    /** Adds a header. */
    public TestRequest header(String name, String value) {
        builder.header(name, value);
        return this;
    }

    /** Sets a UTF-8 body (no Content-Type is added). */
    public TestRequest body(String text) {
        builder.body(text);
        return this;
    }

    /** Sets a body of bytes (no Content-Type is added). */
    public TestRequest body(byte[] bytes) {
        builder.body(bytes);
        return this;
    }

    /** Sets a JSON body serialised with the router's Jackson mapper, and {@code Content-Type: application/json}. */
    public TestRequest json(Object value) {
        builder.header("Content-Type", "application/json");
        builder.body(Json.defaults().write(value));
        return this;
    }

    /** Sets a URL-encoded form body from {@code name, value} pairs, with its Content-Type. */
    public TestRequest form(String... namesAndValues) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(enc(namesAndValues[i])).append('=').append(enc(namesAndValues[i + 1]));
        }
        builder.header("Content-Type", "application/x-www-form-urlencoded");
        builder.body(sb.toString());
        return this;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Sets the peer address the router sees. */
    public TestRequest remoteAddress(String ip, int port) {
        builder.remoteAddress(new InetSocketAddress(java.net.InetAddress.ofLiteral(ip), port));
        return this;
    }

    /** Sets the peers whose forwarding headers the request believes, as the server's configuration would. */
    public TestRequest trustedProxies(dev.weft.server.TrustedProxies proxies) {
        builder.trustedProxies(proxies);
        return this;
    }

    /** Sends the request and reads the whole response. */
    public TestResponse send() {
        return client.send(builder.build());
    }

    /** Sends the request and reads the body until it contains {@code marker} (for endless streams). */
    public TestResponse sendUntil(String marker) {
        return client.sendUntil(builder.build(), marker);
    }
}
