/**
 * HTTPS end to end: the server's TLS port against certificates that openssl makes for each test,
 * with the JDK's HTTP client and SSL sockets, curl and {@code openssl s_client} as clients, and raw
 * sockets for clients that send garbage, plain HTTP, or stop in the middle of a handshake.
 *
 * <p>May import what {@code dev.weft.it} may.
 */
package dev.weft.it.tls;
