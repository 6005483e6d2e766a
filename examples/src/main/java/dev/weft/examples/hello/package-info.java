/**
 * The smallest Weft application: {@link dev.weft.examples.hello.HelloApp#router()} is one route,
 * {@code GET /}, answering {@code Hello, World!}.
 *
 * <p>May import: the exported packages of the router and the modules below it; not logback, the
 * launcher package or another example.
 *
 * <pre>{@code
 * java -jar examples/target/weft-examples.jar --app hello
 * curl -s localhost:8080/                                   # Hello, World!
 * }</pre>
 */
package dev.weft.examples.hello;
