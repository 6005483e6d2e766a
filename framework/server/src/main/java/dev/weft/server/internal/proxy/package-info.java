/**
 * What proxies in front of the server say about the client: the PROXY protocol header that opens a
 * connection, and the {@code Forwarded} / {@code X-Forwarded-*} request headers, each parsed
 * without I/O and believed only as the server's configuration allows.
 */
package dev.weft.server.internal.proxy;
