/**
 * How a server is told to speak HTTPS: {@link dev.weft.server.tls.TlsConfig} (certificate and key,
 * protocols, the TLS port, the handshake timeout) and {@link dev.weft.server.tls.TlsInfo}, what a
 * handler learns about the TLS session its request came over.
 */
package dev.weft.server.tls;
