/**
 * The echo example, the one benchmarked: {@link dev.weft.examples.echo.EchoApp#router()} serves
 * {@code GET /plaintext}, {@code GET /json}, {@code POST /echo} (the request body streamed back as
 * it arrives, never buffered), {@code POST /echo/buffered} and {@code GET /user/{id}};
 * {@link dev.weft.examples.echo.EchoApp#handWritten()} serves the same routes, except
 * {@code /echo/buffered}, as a plain {@code Service} without the router, to measure what routing
 * costs.
 *
 * <p>May import: the exported packages of the router and the modules below it, and Jackson; not
 * logback, the launcher package or another example.
 *
 * <pre>{@code
 * java -jar examples/target/weft-examples.jar               # echo is the default app
 * curl -s localhost:8080/plaintext                          # Hello, World!
 * curl -s --data-binary 'ping' localhost:8080/echo          # ping
 * }</pre>
 */
package dev.weft.examples.echo;
