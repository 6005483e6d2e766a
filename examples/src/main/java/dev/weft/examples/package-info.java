/**
 * The launcher of the example applications: {@link dev.weft.examples.Main} parses the command
 * line, serves the chosen app (echo by default, hello, todo, or echo-handwritten) on a
 * {@link dev.weft.server.Server}, and on SIGTERM or SIGINT ({@code Server.shutdownOnSignals()}) drains it in phases and exits with
 * status 0. Logging is configured in code ({@link dev.weft.examples.ConsoleLogging} through
 * {@link dev.weft.examples.ExampleLoggingProvider}) instead of a {@code logback.xml}, to keep
 * startup short. {@link dev.weft.examples.Training} is the training run behind the ahead-of-time
 * cache the build writes beside the jar.
 *
 * <p>May import: the JDK, the example
 * app packages, the exported packages of the router and the modules below it, of the metrics
 * (only in {@link dev.weft.examples.Observe}, so that Micrometer loads only with {@code --observe}),
 * SLF4J and logback;
 * no module's internal packages.
 *
 * <pre>{@code
 * java -jar examples/target/weft-examples.jar --app todo --port 8081 --access-log
 * java -jar examples/target/weft-examples.jar --observe          # GET /metrics
 * java -jar examples/target/weft-examples.jar --help
 * }</pre>
 */
package dev.weft.examples;
