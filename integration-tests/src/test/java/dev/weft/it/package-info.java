/**
 * Whole-system tests: the server and the example applications over real sockets, with real
 * clients (the JDK's HTTP client, raw sockets, and curl, openssl and HAProxy where installed), and
 * in a JVM of their own where what is measured is the process (heap, signals, exit status). Each
 * class is one thing a user or operator would see: HTTP behaviour, bad input, limits, backpressure,
 * slowloris, a gibibyte upload, graceful shutdown, idle-connection memory, startup classes, the
 * README's code, and the integrity soak.
 *
 * <p>May import: the JDK, JUnit, the exported packages of every Weft module, the examples, logback
 * (to watch what the server logs), {@code dev.weft.it.support} and {@code dev.weft.it.soak}; no
 * module's internal packages.
 */
package dev.weft.it;
