/**
 * The HTTP API a service speaks ({@link dev.weft.server.Request}, {@link dev.weft.server.Response},
 * bodies as Reactive Streams publishers, {@link dev.weft.server.Service}) and the HTTP/1.1
 * {@link dev.weft.server.Server} that drives connections through the codec into a service, on the
 * runtime's tasks.
 */
module dev.weft.server {
    requires transitive dev.weft.runtime;
    requires transitive dev.weft.codec;
    requires transitive org.reactivestreams;
    requires org.slf4j;
    // sun.misc.Signal, for Server.shutdownOnSignals(): the JDK's only way to handle SIGTERM without exiting.
    requires jdk.unsupported;

    exports dev.weft.server;
    exports dev.weft.server.tls;
    exports dev.weft.server.websocket;
}
