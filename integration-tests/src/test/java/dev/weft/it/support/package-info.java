/**
 * Helpers the integration tests share: {@link dev.weft.it.support.Await} (wait for an observable
 * condition, with a deadline, instead of sleeping), {@link dev.weft.it.support.ExampleProcess}
 * (the examples' jar run as a JVM of its own, with real signals and a real exit status),
 * {@link dev.weft.it.support.ClientScripts} (the Python and Node WebSocket clients, run to their end) and
 * {@link dev.weft.it.support.Wire} (raw HTTP/1.1 over a socket).
 *
 * <p>May import: the JDK and JUnit only.
 */
package dev.weft.it.support;
