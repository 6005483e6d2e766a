package dev.weft.server.tls;

/**
 * The TLS session a request arrived over, as {@link dev.weft.server.Request#tls()} gives it.
 *
 * <pre>{@code
 * router.get("/who", req -> req.tls()
 *         .map(t -> "you asked for " + t.serverName() + " over " + t.protocol())
 *         .orElse("plain HTTP"));
 * }</pre>
 *
 * @param serverName          the host name the client asked for with SNI (RFC 6066 §3), or null
 *                            when it sent none (clients connecting to an IP address send none)
 * @param protocol            the negotiated protocol, {@code TLSv1.3} or {@code TLSv1.2}
 * @param cipherSuite         the negotiated cipher suite, such as {@code TLS_AES_128_GCM_SHA256}
 * @param applicationProtocol the protocol agreed with ALPN ({@code http/1.1}), or null when the
 *                            client did not use ALPN
 */
public record TlsInfo(String serverName, String protocol, String cipherSuite, String applicationProtocol) {
}
