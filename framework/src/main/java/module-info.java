/**
 * Weft's async runtime (tasks, work-stealing scheduler, reactor, timers, sync primitives, TCP)
 * and the HTTP/1.1 server that drives connections through the codec into a {@link dev.weft.http.Service}.
 */
module dev.weft.framework {
    requires transitive dev.weft.codec;
    requires transitive org.reactivestreams;
    requires org.slf4j;

    exports dev.weft.runtime;
    exports dev.weft.runtime.time;
    exports dev.weft.runtime.net;
    exports dev.weft.runtime.sync;
    exports dev.weft.http;
    exports dev.weft.server;
}
