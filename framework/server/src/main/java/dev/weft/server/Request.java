package dev.weft.server;

import dev.weft.codec.RequestHead;
import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpMethod;
import dev.weft.http.HttpVersion;
import dev.weft.server.internal.proxy.Forwarding;
import dev.weft.server.tls.TlsInfo;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as a {@link Service} sees it: the parsed head, a body that may still be arriving,
 * the peer's address, who the client is behind trusted proxies, and extensions — typed values that
 * middleware attaches for handlers.
 *
 * <p>Two addresses: {@link #remoteAddress()} is the connection's peer (the load balancer, behind
 * one; the PROXY protocol's source address when the listener speaks it), and
 * {@link #clientAddress()} is the client, read from {@code Forwarded} or {@code X-Forwarded-For}
 * only when the peer is one of the server's {@link TrustedProxies}. {@link #scheme()} and
 * {@link #host()} follow the same rule.
 *
 * <p>Requests come from the server, or from {@link #builder(HttpMethod, String)} in tests:
 * <pre>{@code
 * Request r = Request.builder(HttpMethod.POST, "/echo?x=1")
 *         .header("Content-Type", "text/plain")
 *         .body("hello")
 *         .build();
 * }</pre>
 *
 * <p>A request is handled by one task at a time; it is not thread-safe.
 */
public final class Request {

    private static final InetSocketAddress UNKNOWN = InetSocketAddress.createUnresolved("0.0.0.0", 0);

    private final HttpMethod method;
    private final String target;
    private final String path;
    private final String query;
    private final HttpVersion version;
    private final HttpHeaders headers;
    private final RequestBody body;
    private final InetSocketAddress remoteAddress;
    private final InetSocketAddress localAddress;
    private final TlsInfo tls;
    private final TrustedProxies trustedProxies;
    /** Worked out on first use: most handlers never ask. */
    private ClientInfo client;
    private Extensions extensions;

    private Request(HttpMethod method, String target, String path, String query, HttpVersion version,
                    HttpHeaders headers, RequestBody body, InetSocketAddress remoteAddress,
                    InetSocketAddress localAddress, TlsInfo tls, TrustedProxies trustedProxies) {
        this.method = method;
        this.target = target;
        this.path = path;
        this.query = query;
        this.version = version;
        this.headers = headers;
        this.body = body;
        this.remoteAddress = remoteAddress;
        this.localAddress = localAddress;
        this.tls = tls;
        this.trustedProxies = trustedProxies;
    }

    /**
     * A request for a parsed head; used by the server.
     *
     * @param head   the parsed request head
     * @param body   the body, possibly still arriving
     * @param remote the peer's address
     * @param local  the address the request arrived on
     */
    public static Request from(RequestHead head, RequestBody body, InetSocketAddress remote, InetSocketAddress local) {
        return from(head, body, remote, local, null, TrustedProxies.none());
    }

    /**
     * A request for a parsed head, as the server makes it: over TLS or not, with forwarding
     * headers believed from {@code proxies}.
     *
     * @param head    the parsed request head
     * @param body    the body, possibly still arriving
     * @param remote  the peer's address
     * @param local   the address the request arrived on
     * @param tls     the TLS session it arrived over, or null for plain HTTP
     * @param proxies the peers whose forwarding headers are believed
     */
    public static Request from(RequestHead head, RequestBody body, InetSocketAddress remote, InetSocketAddress local,
                               TlsInfo tls, TrustedProxies proxies) {
        return new Request(head.method(), head.target(), head.path(), head.query(), head.version(),
                head.headers(), body, remote, local, tls, Objects.requireNonNull(proxies, "proxies"));
    }

    /** Starts building a request, for tests and in-process clients. */
    public static Builder builder(HttpMethod method, String target) {
        return new Builder(method, target);
    }

    /** The method. */
    public HttpMethod method() {
        return method;
    }

    /** The raw request-target, as sent. */
    public String target() {
        return target;
    }

    /** The raw path (percent-encoding kept), without the query. */
    public String path() {
        return path;
    }

    /** The raw query without the {@code '?'}, or {@code null} when there is none. */
    public String query() {
        return query;
    }

    /** The protocol version. */
    public HttpVersion version() {
        return version;
    }

    /** The headers. */
    public HttpHeaders headers() {
        return headers;
    }

    /** The body; empty for requests without one. */
    public RequestBody body() {
        return body;
    }

    /**
     * The address of the connection's peer: the proxy, behind a load balancer (or the source
     * address of the PROXY protocol header, when the listener speaks it). For the client's own
     * address use {@link #clientAddress()}.
     */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /**
     * The client's address: {@link #remoteAddress()}, unless that peer is a trusted proxy, in which
     * case the address its {@code Forwarded} or {@code X-Forwarded-For} header names (walked from
     * the right through further trusted hops). Unresolved, holding {@code unknown} or an
     * obfuscated identifier, when a trusted proxy withheld it.
     * <pre>{@code
     * log.info("request from {}", request.clientAddress().getHostString());
     * }</pre>
     */
    public InetSocketAddress clientAddress() {
        return client().address();
    }

    /** The scheme the client used, {@code http} or {@code https}: a trusted proxy's word, or the connection's. */
    public String scheme() {
        return client().scheme();
    }

    /**
     * The host the client addressed, {@code host[:port]}: a trusted proxy's word, else the
     * {@code Host} header, else the local address.
     */
    public String host() {
        return client().host();
    }

    /** The client's address, scheme and host together (see {@link #clientAddress()}). */
    public ClientInfo client() {
        ClientInfo c = client;
        if (c == null) {
            c = Forwarding.resolve(headers, remoteAddress, trustedProxies, tls != null ? "https" : "http",
                    headers.get("Host"), localAddress);
            client = c;
        }
        return c;
    }

    /** The local address the request arrived on. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * The TLS session the request arrived over, or empty for plain HTTP: the host name the client
     * asked for with SNI, the protocol version, the cipher suite and the ALPN protocol.
     *
     * <pre>{@code
     * String host = request.tls().map(TlsInfo::serverName).orElse("(plain)");
     * }</pre>
     */
    public Optional<TlsInfo> tls() {
        return Optional.ofNullable(tls);
    }

    /**
     * This request with {@code body} in place of its body: the same head, addresses, TLS session
     * and extensions (shared, not copied), for middleware that transforms the body on its way to
     * the handler, such as request decompression. Use the returned request from then on.
     */
    public Request withBody(RequestBody body) {
        Request r = new Request(method, target, path, query, version, headers, Objects.requireNonNull(body, "body"),
                remoteAddress, localAddress, tls, trustedProxies);
        r.extensions = extensions;
        r.client = client;
        return r;
    }

    /** The extension of type {@code type}, if middleware attached one. */
    public <T> Optional<T> extension(Class<T> type) {
        return extensions == null ? Optional.empty() : Optional.ofNullable(type.cast(extensions.get(type)));
    }

    /** Attaches {@code value} as the extension of type {@code type}, replacing any previous one. */
    public <T> Request putExtension(Class<T> type, T value) {
        Objects.requireNonNull(value, "value");
        if (extensions == null) {
            extensions = new Extensions();
        }
        extensions.put(type, type.cast(value));
        return this;
    }

    /**
     * A request's extensions: a few values, looked up by class identity in a flat array of
     * alternating keys and values (a request carries two or three; a hash map would cost more to
     * build than it saves in lookups). One per request, shared with {@link #withBody}'s copy.
     */
    private static final class Extensions {
        private Object[] slots = new Object[8];
        private int used;

        Object get(Class<?> type) {
            for (int i = 0; i < used; i += 2) {
                if (slots[i] == type) {
                    return slots[i + 1];
                }
            }
            return null;
        }

        void put(Class<?> type, Object value) {
            for (int i = 0; i < used; i += 2) {
                if (slots[i] == type) {
                    slots[i + 1] = value;
                    return;
                }
            }
            if (used == slots.length) {
                slots = Arrays.copyOf(slots, used * 2);
            }
            slots[used] = type;
            slots[used + 1] = value;
            used += 2;
        }
    }

    @Override
    public String toString() {
        return method + " " + target + " " + version.text();
    }

    /** Builds a {@link Request}. */
    public static final class Builder {
        private final HttpMethod method;
        private final String target;
        private HttpVersion version = HttpVersion.HTTP_1_1;
        private final HttpHeaders headers = new HttpHeaders();
        private RequestBody body = RequestBody.empty();
        private InetSocketAddress remote = UNKNOWN;
        private InetSocketAddress local = UNKNOWN;
        private TlsInfo tls;
        private TrustedProxies proxies = TrustedProxies.none();

        private Builder(HttpMethod method, String target) {
            this.method = Objects.requireNonNull(method, "method");
            this.target = Objects.requireNonNull(target, "target");
            if (target.isEmpty()) {
                throw new IllegalArgumentException("target must not be empty");
            }
        }

        /** Sets the version (default HTTP/1.1). */
        public Builder version(HttpVersion version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /** Adds a header. */
        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /** Sets the body. */
        public Builder body(RequestBody body) {
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        /** Sets a body of bytes. */
        public Builder body(byte[] bytes) {
            return body(RequestBody.of(bytes));
        }

        /** Sets a UTF-8 body. */
        public Builder body(String text) {
            return body(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /** Sets the peer's address. */
        public Builder remoteAddress(InetSocketAddress remote) {
            this.remote = Objects.requireNonNull(remote, "remote");
            return this;
        }

        /** Sets the local address. */
        public Builder localAddress(InetSocketAddress local) {
            this.local = Objects.requireNonNull(local, "local");
            return this;
        }

        /** Sets the TLS session (default none: plain HTTP). */
        public Builder tls(TlsInfo tls) {
            this.tls = tls;
            return this;
        }

        /** Sets the peers whose forwarding headers are believed (default none). */
        public Builder trustedProxies(TrustedProxies proxies) {
            this.proxies = Objects.requireNonNull(proxies, "proxies");
            return this;
        }

        /** The request. */
        public Request build() {
            int q = target.indexOf('?');
            String path = q < 0 ? target : target.substring(0, q);
            String query = q < 0 ? null : target.substring(q + 1);
            return new Request(method, target, path, query, version, headers, body, remote, local, tls, proxies);
        }
    }
}
