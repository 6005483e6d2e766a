package dev.weft.server;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Who sent a request and how they addressed it, as the client saw it: through trusted proxies this
 * is what their {@code Forwarded} or {@code X-Forwarded-*} headers say, otherwise the connection's
 * own (see {@link Request#client()}).
 *
 * <pre>{@code
 * ClientInfo c = request.client();
 * String self = c.scheme() + "://" + c.host() + request.path();
 * }</pre>
 *
 * @param address the client's address; an {@linkplain InetSocketAddress#isUnresolved() unresolved}
 *                one whose host string is {@code unknown} or an obfuscated identifier such as
 *                {@code _hidden} when a trusted proxy did not reveal it (RFC 7239 §6); port 0 when
 *                none was given
 * @param scheme  {@code http} or {@code https} (lower case), or another scheme a proxy named
 * @param host    the {@code Host} the client addressed, {@code host[:port]}
 */
public record ClientInfo(InetSocketAddress address, String scheme, String host) {
    /** Checks that no component is null. */
    public ClientInfo {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
    }
}
