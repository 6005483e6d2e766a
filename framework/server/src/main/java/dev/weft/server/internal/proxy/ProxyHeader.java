package dev.weft.server.internal.proxy;

import java.net.InetSocketAddress;

/**
 * A parsed PROXY protocol header.
 *
 * @param version     1 (text) or 2 (binary)
 * @param length      its length in bytes, signature included
 * @param source      the client's address as the proxy saw it; null when the header gives none
 *                    the server can use ({@code LOCAL}, {@code UNKNOWN}, {@code AF_UNSPEC},
 *                    {@code AF_UNIX}, a datagram family): then the socket's own peer stands
 * @param destination the address the client connected to; null when {@code source} is
 */
public record ProxyHeader(int version, int length, InetSocketAddress source, InetSocketAddress destination) {
}
