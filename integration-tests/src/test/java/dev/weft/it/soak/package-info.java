/**
 * The integrity soak's clients, one kind per {@link dev.weft.it.soak.SoakDriver}: the JDK's HTTP
 * client, a raw-socket client that pipelines, curl, clients that vanish mid-exchange, and slow
 * readers; with the raw request writer and response reader they share, seeded bodies sized around
 * the server's buffer boundaries ({@link dev.weft.it.soak.SoakBodies}), the tally of what they did
 * ({@link dev.weft.it.soak.SoakTally}) and what to print when a connection hangs.
 * {@code IntegritySoakTest} runs them all at once against the example server and compares every
 * response byte for byte with its request.
 *
 * <p>May import: the JDK and {@code dev.weft.it.support} only: the drivers see the server from
 * outside, through the wire, never through Weft's classes.
 */
package dev.weft.it.soak;
