package dev.weft.server;

import dev.weft.codec.CodecLimits;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.server.internal.EnvironmentSettings;
import dev.weft.server.tls.TlsConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Everything a {@link Server} can be told, with every default stated once, here. Build one with
 * {@link #builder()}; every setter validates its argument and says what was wrong.
 *
 * <table>
 *   <caption>Settings and their defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>what it bounds</th></tr>
 *   <tr><td>{@code host}</td><td>{@code 0.0.0.0}</td><td>the address to listen on</td></tr>
 *   <tr><td>{@code port}</td><td>8080</td><td>0 picks a free port</td></tr>
 *   <tr><td>{@code backlog}</td><td>1024</td><td>connections the kernel queues before accept</td></tr>
 *   <tr><td>{@code reusePort}</td><td>off</td><td>SO_REUSEPORT (Linux): another process may listen on the same port, for restarts without a balancer</td></tr>
 *   <tr><td>{@code workers}</td><td>available processors</td><td>runtime worker threads when the server owns its runtime</td></tr>
 *   <tr><td>{@code transport}</td><td>{@code auto} (or the {@code weft.transport} system property)</td><td>how the server's own runtime reaches sockets: {@code auto} (NIO for now: the native transports cost start-up time and memory, see {@code Transports}), {@code io_uring}, {@code epoll}, {@code nio}; a transport named here that cannot run is a startup error saying why</td></tr>
 *   <tr><td>{@code maxConnections}</td><td>10,000</td><td>open connections; beyond it new ones wait in the backlog (or are refused, see {@code rejectExcessConnections})</td></tr>
 *   <tr><td>{@code rejectExcessConnections}</td><td>off</td><td>at {@code maxConnections}, answer new connections {@code 503} with {@code Retry-After} and close them, instead of leaving them in the backlog</td></tr>
 *   <tr><td>{@code trustedProxies}</td><td>none</td><td>peers whose {@code Forwarded}/{@code X-Forwarded-*} headers name the client ({@link Request#client()})</td></tr>
 *   <tr><td>{@code proxyProtocol}</td><td>off</td><td>every connection opens with a PROXY protocol v1 or v2 header (HAProxy's {@code send-proxy}), whose source address becomes the peer; one without it is closed</td></tr>
 *   <tr><td>{@code headerReadTimeout}</td><td>10 s</td><td>from a request's first byte to the end of its head (slowloris)</td></tr>
 *   <tr><td>{@code idleTimeout}</td><td>60 s</td><td>a keep-alive connection with no request in progress; also a response in progress that moves no byte either way for this long (a client that stopped reading, a body stream that stopped producing)</td></tr>
 *   <tr><td>{@code requestTimeout}</td><td>30 s</td><td>from a complete head to the response head; 503 when exceeded</td></tr>
 *   <tr><td>{@code bodyBufferLimit}</td><td>2 MiB</td><td>bytes a handler may buffer from a body ({@code bytes()}, JSON); 413 beyond</td></tr>
 *   <tr><td>{@code drainLimit}</td><td>64 KiB</td><td>unread body bytes discarded to keep a connection; beyond it the connection closes</td></tr>
 *   <tr><td>{@code shutdownDelay}</td><td>2 s</td><td>how long {@link Server#shutdown()} keeps accepting after readiness turned 503 (a load balancer's health check must notice within it)</td></tr>
 *   <tr><td>{@code shutdownTimeout}</td><td>10 s</td><td>how long, after the delay, a graceful shutdown waits for in-flight requests</td></tr>
 *   <tr><td>{@code accessLog}</td><td>off</td><td>one SLF4J line per response on logger {@code dev.weft.access}</td></tr>
 *   <tr><td>{@code codecLimits}</td><td>{@link CodecLimits#defaults()}</td><td>request line, header and body limits of the parser</td></tr>
 *   <tr><td>{@code tls}</td><td>none</td><td>a second listener speaking HTTPS (see {@link TlsConfig} for its settings and defaults)</td></tr>
 * </table>
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.builder()
 *         .port(8080)
 *         .idleTimeout(Duration.ofSeconds(30))
 *         .build();
 * }</pre>
 *
 * @param host              listen address
 * @param port              listen port, 0 for any free one
 * @param backlog           accept backlog
 * @param reusePort         whether to listen with SO_REUSEPORT
 * @param workers           runtime workers, when the server creates its runtime
 * @param transport         the transport of the runtime the server creates: one of {@link AsyncRuntime#TRANSPORTS}
 * @param maxConnections    maximum open connections
 * @param rejectExcessConnections whether connections beyond {@code maxConnections} are answered 503 and closed
 * @param trustedProxies    the peers whose forwarding headers are believed
 * @param proxyProtocol     whether connections open with a PROXY protocol header
 * @param headerReadTimeout bound on reading one request head
 * @param idleTimeout       bound on an idle keep-alive connection, and on a stalled response
 * @param requestTimeout    bound on a handler producing its response head
 * @param bodyBufferLimit   bound on buffered request bodies
 * @param drainLimit        bound on discarding an unread body
 * @param shutdownDelay     time a shutdown keeps accepting while readiness reports 503
 * @param shutdownTimeout   bound on a graceful shutdown after its delay
 * @param accessLog         whether to log each response
 * @param codecLimits       parser limits
 * @param tls               the HTTPS listener's settings, or null for none
 */
public record ServerConfig(
        String host,
        int port,
        int backlog,
        boolean reusePort,
        int workers,
        String transport,
        int maxConnections,
        boolean rejectExcessConnections,
        TrustedProxies trustedProxies,
        boolean proxyProtocol,
        Duration headerReadTimeout,
        Duration idleTimeout,
        Duration requestTimeout,
        long bodyBufferLimit,
        long drainLimit,
        Duration shutdownDelay,
        Duration shutdownTimeout,
        boolean accessLog,
        CodecLimits codecLimits,
        TlsConfig tls) {

    /** Checks every setting; the message names the setting and the value that was wrong. */
    public ServerConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        positive("backlog", backlog);
        positive("workers", workers);
        Objects.requireNonNull(transport, "transport");
        if (!AsyncRuntime.TRANSPORTS.contains(transport)) {
            throw new IllegalArgumentException("transport must be one of " + String.join(", ", AsyncRuntime.TRANSPORTS)
                    + ", was '" + transport + "'");
        }
        positive("maxConnections", maxConnections);
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        positive("headerReadTimeout", headerReadTimeout);
        positive("idleTimeout", idleTimeout);
        positive("requestTimeout", requestTimeout);
        Objects.requireNonNull(shutdownDelay, "shutdownDelay");
        if (shutdownDelay.isNegative()) {
            throw new IllegalArgumentException("shutdownDelay must not be negative, was " + shutdownDelay);
        }
        positive("shutdownTimeout", shutdownTimeout);
        if (bodyBufferLimit < 0) {
            throw new IllegalArgumentException("bodyBufferLimit must be >= 0, was " + bodyBufferLimit);
        }
        if (drainLimit < 0) {
            throw new IllegalArgumentException("drainLimit must be >= 0, was " + drainLimit);
        }
        Objects.requireNonNull(codecLimits, "codecLimits");
        if (tls != null && tls.port() != 0 && tls.port() == port) {
            throw new IllegalArgumentException("the TLS port must differ from the plain port, both were " + port);
        }
    }

    /** The defaults. */
    public static ServerConfig defaults() {
        return builder().build();
    }

    /**
     * The defaults, overridden by the process's environment variables and system properties:
     * {@code builder().environment(System.getenv(), System.getProperties()).build()}. See
     * {@link Builder#environment} for the names.
     *
     * @throws IllegalArgumentException naming the variable and its value when one is wrong
     */
    public static ServerConfig fromEnvironment() {
        return builder().environment(System.getenv(), systemProperties()).build();
    }

    /** The JVM's system properties as names to values, for {@link Builder#environment}. */
    public static Map<String, String> systemProperties() {
        Properties all = System.getProperties();
        Map<String, String> copy = new HashMap<>();
        for (String name : all.stringPropertyNames()) {
            copy.put(name, all.getProperty(name));
        }
        return copy;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** Builds a {@link ServerConfig}; unset values keep their defaults. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = 8080;
        private int backlog = 1024;
        private boolean reusePort;
        private int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        private String transport = defaultTransport();
        private int maxConnections = 10_000;
        private boolean rejectExcessConnections;
        private TrustedProxies trustedProxies = TrustedProxies.none();
        private boolean proxyProtocol;
        private Duration headerReadTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private long bodyBufferLimit = 2L * 1024 * 1024;
        private long drainLimit = 64 * 1024;
        private Duration shutdownDelay = Duration.ofSeconds(2);
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        private boolean accessLog;
        private CodecLimits codecLimits = CodecLimits.defaults();
        private TlsConfig tls;

        private Builder() {
        }

        private Builder(ServerConfig c) {
            host = c.host;
            port = c.port;
            backlog = c.backlog;
            reusePort = c.reusePort;
            workers = c.workers;
            transport = c.transport;
            maxConnections = c.maxConnections;
            rejectExcessConnections = c.rejectExcessConnections;
            trustedProxies = c.trustedProxies;
            proxyProtocol = c.proxyProtocol;
            headerReadTimeout = c.headerReadTimeout;
            idleTimeout = c.idleTimeout;
            requestTimeout = c.requestTimeout;
            bodyBufferLimit = c.bodyBufferLimit;
            drainLimit = c.drainLimit;
            shutdownDelay = c.shutdownDelay;
            shutdownTimeout = c.shutdownTimeout;
            accessLog = c.accessLog;
            codecLimits = c.codecLimits;
            tls = c.tls;
        }

        /** Listen address (default {@code 0.0.0.0}). */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Listen port (default 8080; 0 picks a free port). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Accept backlog (default 1024). */
        public Builder backlog(int backlog) {
            this.backlog = backlog;
            return this;
        }

        /**
         * Listen with SO_REUSEPORT (default off), so that a new process can bind the same port
         * while this one drains: the kernel spreads new connections over every process listening,
         * and a restart on one host loses none. Linux; a server asked for it where the platform
         * lacks it refuses to start, saying so.
         */
        public Builder reusePort(boolean on) {
            this.reusePort = on;
            return this;
        }

        /** AsyncRuntime workers when the server owns its runtime (default: available processors). */
        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /**
         * How the server's own runtime reaches sockets: {@code auto}, {@code epoll}, {@code nio} or
         * {@code io_uring} (default {@code auto}, or the {@code weft.transport} system property so a
         * whole test suite can run on one transport). Ignored when the server is given a runtime,
         * which has its own.
         */
        public Builder transport(String transport) {
            this.transport = transport == null ? null : transport.trim().toLowerCase(java.util.Locale.ROOT);
            return this;
        }

        /** The {@code weft.transport} system property if set, else {@code auto}. */
        private static String defaultTransport() {
            String p = System.getProperty("weft.transport");
            if (p == null || p.isBlank()) {
                return "auto";
            }
            String v = p.trim().toLowerCase(java.util.Locale.ROOT);
            if (!AsyncRuntime.TRANSPORTS.contains(v)) {
                throw new IllegalArgumentException("system property weft.transport='" + p + "': transport must be one of "
                        + String.join(", ", AsyncRuntime.TRANSPORTS));
            }
            return v;
        }

        /** Maximum open connections (default 10,000). */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * At {@code maxConnections}, answer each new connection {@code 503 Service Unavailable}
         * with {@code Retry-After: 1} and {@code Connection: close}, then close it (default off:
         * new connections wait in the kernel's backlog until one closes). A load balancer or client
         * then retries elsewhere at once instead of waiting for a timeout. The refusal costs one
         * accept, one small write and a close: the request is not read.
         */
        public Builder rejectExcessConnections(boolean on) {
            this.rejectExcessConnections = on;
            return this;
        }

        /**
         * The proxies whose {@code Forwarded} and {@code X-Forwarded-For/-Proto/-Host} headers are
         * believed (default none): see {@link Request#client()} and {@link TrustedProxies}.
         */
        public Builder trustedProxies(TrustedProxies proxies) {
            this.trustedProxies = proxies;
            return this;
        }

        /**
         * Every connection opens with a PROXY protocol header, version 1 (text) or 2 (binary),
         * told apart by its signature (default off). Its source address becomes the request's
         * {@link Request#remoteAddress()}; a {@code LOCAL} header (a balancer's health check)
         * keeps the socket's. The header must arrive within {@code headerReadTimeout} and fit in
         * 4 KiB; a connection whose header is missing or malformed is closed without a response,
         * since no HTTP can be spoken before it. Turn it on only behind a proxy that sends it
         * (HAProxy's {@code send-proxy} or {@code send-proxy-v2}): anyone else could claim any
         * address.
         */
        public Builder proxyProtocol(boolean on) {
            this.proxyProtocol = on;
            return this;
        }

        /** Bound on reading a request head (default 10 s). */
        public Builder headerReadTimeout(Duration timeout) {
            this.headerReadTimeout = timeout;
            return this;
        }

        /**
         * Bound on an idle keep-alive connection, and on a response that stops moving: no byte
         * written or read for this long while a response is in progress closes the connection
         * (default 60 s). Streams that may pause longer must send something meanwhile, as SSE's
         * keep-alive comments do.
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        /** Bound on a handler producing its response head (default 30 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** Bound on bytes buffered from one request body (default 2 MiB). */
        public Builder bodyBufferLimit(long bytes) {
            this.bodyBufferLimit = bytes;
            return this;
        }

        /** Bound on unread body bytes discarded to keep a connection open (default 64 KiB). */
        public Builder drainLimit(long bytes) {
            this.drainLimit = bytes;
            return this;
        }

        /**
         * How long {@link Server#shutdown()} keeps accepting and serving after readiness turned 503
         * (default 2 s; zero stops accepting at once). Make it longer than a load balancer needs to
         * see a failed health check: its check interval times the failures it waits for.
         */
        public Builder shutdownDelay(Duration delay) {
            this.shutdownDelay = delay;
            return this;
        }

        /** Bound on a graceful shutdown after its delay (default 10 s). */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = timeout;
            return this;
        }

        /** Whether to log one line per response (default off). */
        public Builder accessLog(boolean on) {
            this.accessLog = on;
            return this;
        }

        /** Parser limits (default {@link CodecLimits#defaults()}). */
        public Builder codecLimits(CodecLimits limits) {
            this.codecLimits = limits;
            return this;
        }

        /**
         * Also serves HTTPS on {@link TlsConfig#port()} (default none; null turns it off).
         *
         * <pre>{@code
         * builder.tls(TlsConfig.builder().port(8443).pem(certFile, keyFile).build())
         * }</pre>
         */
        public Builder tls(TlsConfig tls) {
            this.tls = tls;
            return this;
        }

        /** The HTTPS settings given so far, or null. */
        public TlsConfig tls() {
            return tls;
        }

        /**
         * Sets every setting that an environment variable or a system property gives, so that a
         * deployment configures the server without code. A system property wins over the variable;
         * a blank value counts as unset. Call it after the code's own settings to let the
         * environment override them (and before command-line options, which should win over both).
         *
         * <table>
         *   <caption>Names and forms</caption>
         *   <tr><th>setting</th><th>environment variable</th><th>system property</th><th>form</th></tr>
         *   <tr><td>host</td><td>{@code WEFT_HOST}</td><td>{@code weft.host}</td><td>address</td></tr>
         *   <tr><td>port</td><td>{@code WEFT_PORT}</td><td>{@code weft.port}</td><td>number</td></tr>
         *   <tr><td>backlog</td><td>{@code WEFT_BACKLOG}</td><td>{@code weft.backlog}</td><td>number</td></tr>
         *   <tr><td>reusePort</td><td>{@code WEFT_REUSE_PORT}</td><td>{@code weft.reuse-port}</td><td>boolean</td></tr>
         *   <tr><td>workers</td><td>{@code WEFT_WORKERS}</td><td>{@code weft.workers}</td><td>number</td></tr>
         *   <tr><td>transport</td><td>{@code WEFT_TRANSPORT}</td><td>{@code weft.transport}</td><td>{@code auto}, {@code epoll}, {@code nio} or {@code io_uring}</td></tr>
         *   <tr><td>maxConnections</td><td>{@code WEFT_MAX_CONNECTIONS}</td><td>{@code weft.max-connections}</td><td>number</td></tr>
         *   <tr><td>rejectExcessConnections</td><td>{@code WEFT_REJECT_EXCESS_CONNECTIONS}</td><td>{@code weft.reject-excess-connections}</td><td>boolean</td></tr>
         *   <tr><td>trustedProxies</td><td>{@code WEFT_TRUSTED_PROXIES}</td><td>{@code weft.trusted-proxies}</td><td>addresses and CIDR blocks, comma-separated</td></tr>
         *   <tr><td>proxyProtocol</td><td>{@code WEFT_PROXY_PROTOCOL}</td><td>{@code weft.proxy-protocol}</td><td>boolean</td></tr>
         *   <tr><td>headerReadTimeout</td><td>{@code WEFT_HEADER_READ_TIMEOUT}</td><td>{@code weft.header-read-timeout}</td><td>duration</td></tr>
         *   <tr><td>idleTimeout</td><td>{@code WEFT_IDLE_TIMEOUT}</td><td>{@code weft.idle-timeout}</td><td>duration</td></tr>
         *   <tr><td>requestTimeout</td><td>{@code WEFT_REQUEST_TIMEOUT}</td><td>{@code weft.request-timeout}</td><td>duration</td></tr>
         *   <tr><td>bodyBufferLimit</td><td>{@code WEFT_BODY_BUFFER_LIMIT}</td><td>{@code weft.body-buffer-limit}</td><td>size</td></tr>
         *   <tr><td>drainLimit</td><td>{@code WEFT_DRAIN_LIMIT}</td><td>{@code weft.drain-limit}</td><td>size</td></tr>
         *   <tr><td>shutdownDelay</td><td>{@code WEFT_SHUTDOWN_DELAY}</td><td>{@code weft.shutdown-delay}</td><td>duration</td></tr>
         *   <tr><td>shutdownTimeout</td><td>{@code WEFT_SHUTDOWN_TIMEOUT}</td><td>{@code weft.shutdown-timeout}</td><td>duration</td></tr>
         *   <tr><td>accessLog</td><td>{@code WEFT_ACCESS_LOG}</td><td>{@code weft.access-log}</td><td>boolean</td></tr>
         *   <tr><td>codecLimits: request line</td><td>{@code WEFT_MAX_REQUEST_LINE}</td><td>{@code weft.max-request-line}</td><td>size</td></tr>
         *   <tr><td>codecLimits: header bytes</td><td>{@code WEFT_MAX_HEADER_BYTES}</td><td>{@code weft.max-header-bytes}</td><td>size</td></tr>
         *   <tr><td>codecLimits: header count</td><td>{@code WEFT_MAX_HEADER_COUNT}</td><td>{@code weft.max-header-count}</td><td>number</td></tr>
         *   <tr><td>codecLimits: chunk extension</td><td>{@code WEFT_MAX_CHUNK_EXTENSION}</td><td>{@code weft.max-chunk-extension}</td><td>size</td></tr>
         *   <tr><td>codecLimits: content length</td><td>{@code WEFT_MAX_CONTENT_LENGTH}</td><td>{@code weft.max-content-length}</td><td>size</td></tr>
         *   <tr><td>tls: port</td><td>{@code WEFT_TLS_PORT}</td><td>{@code weft.tls-port}</td><td>number</td></tr>
         *   <tr><td>tls: PEM certificate chain</td><td>{@code WEFT_TLS_CERT}</td><td>{@code weft.tls-cert}</td><td>file</td></tr>
         *   <tr><td>tls: PEM private key</td><td>{@code WEFT_TLS_KEY}</td><td>{@code weft.tls-key}</td><td>file</td></tr>
         *   <tr><td>tls: key store (instead of PEM)</td><td>{@code WEFT_TLS_KEYSTORE}</td><td>{@code weft.tls-keystore}</td><td>file</td></tr>
         *   <tr><td>tls: key store password</td><td>{@code WEFT_TLS_KEYSTORE_PASSWORD}</td><td>{@code weft.tls-keystore-password}</td><td>text</td></tr>
         *   <tr><td>tls: protocols</td><td>{@code WEFT_TLS_PROTOCOLS}</td><td>{@code weft.tls-protocols}</td><td>list: {@code TLSv1.3,TLSv1.2}</td></tr>
         *   <tr><td>tls: handshake timeout</td><td>{@code WEFT_TLS_HANDSHAKE_TIMEOUT}</td><td>{@code weft.tls-handshake-timeout}</td><td>duration</td></tr>
         * </table>
         * TLS is on once a certificate is given ({@code WEFT_TLS_CERT} with {@code WEFT_TLS_KEY},
         * or {@code WEFT_TLS_KEYSTORE}); its files are read to check them, and a refusal names the
         * variable, its value and what is wrong with the file.
         * A duration is a whole number and a unit ({@code 500ms}, {@code 2s}, {@code 1m},
         * {@code 1h}); a size is bytes or a whole number with {@code KiB}, {@code MiB} or
         * {@code GiB}; a boolean is {@code true} or {@code false}. An unknown {@code WEFT_}
         * variable is logged as a warning.
         *
         * <pre>{@code
         * // WEFT_PORT=9000 WEFT_SHUTDOWN_DELAY=5s java -jar app.jar
         * ServerConfig config = ServerConfig.builder().idleTimeout(Duration.ofSeconds(30))
         *         .environment(System.getenv(), Map.of())
         *         .build();
         * }</pre>
         *
         * @param variables  environment variables, such as {@link System#getenv()}
         * @param properties system properties, as names to values
         * @throws IllegalArgumentException naming the variable or property and its value when the
         *     value is malformed or out of range, e.g. {@code environment variable WEFT_PORT='80a':
         *     not a whole number}
         */
        public Builder environment(Map<String, String> variables, Map<String, String> properties) {
            Objects.requireNonNull(variables, "variables");
            Objects.requireNonNull(properties, "properties");
            EnvironmentSettings.apply(this, variables, properties);
            return this;
        }

        /** The configuration; throws {@link IllegalArgumentException} naming any invalid setting. */
        public ServerConfig build() {
            return new ServerConfig(host, port, backlog, reusePort, workers, transport, maxConnections, rejectExcessConnections,
                    trustedProxies, proxyProtocol, headerReadTimeout,
                    idleTimeout, requestTimeout, bodyBufferLimit, drainLimit, shutdownDelay, shutdownTimeout, accessLog,
                    codecLimits, tls);
        }
    }
}
