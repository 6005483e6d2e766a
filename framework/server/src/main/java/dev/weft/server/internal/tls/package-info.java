/**
 * The server's TLS key material: PEM and key store files read with the JDK alone, turned into an
 * {@code SSLContext} that new connections take their {@code SSLEngine} from, and swapped for a
 * fresh one when the certificate is reloaded. Nothing here is API.
 *
 * <p>May import: the JDK, {@code dev.weft.server.tls} (the configuration it reads) and SLF4J.
 */
package dev.weft.server.internal.tls;
